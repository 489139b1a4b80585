"""What a sweep returns: one `PointResult` per point, in the order of ``params``.

`SweepResults` is a sequence of them with the parameters attached, and lays the
values out as a numpy array (on the grid's shape when ``params`` was a grid), a
pandas DataFrame (one row per point) or an xarray Dataset (one dimension per grid axis).
"""
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import BrianCGError

__all__ = ["PointResult", "SweepError", "SweepResults", "WorkerDied"]


class SweepError(BrianCGError):
    """A sweep cannot start, or (from `SweepResults.raise_failures`) some of its points failed."""


class WorkerDied(SweepError):
    """The process running a point exited without a result (a crash in compiled code, or
    killed, e.g. for lack of memory)."""


@dataclass
class PointResult:
    """The outcome of one point.

    ``value`` is what ``fn`` returned (None when the point failed); ``error`` the exception
    it raised and ``traceback`` its text; ``seconds`` the time ``fn`` took; ``worker``
    where it ran (``host:pid``); ``compiles`` how many times the C++ compiler ran for it;
    ``resumed`` whether it was read back from ``out=`` instead of being run.
    """

    index: int
    params: dict
    seed: int
    value: object = None
    error: BaseException = None
    traceback: str = None
    seconds: float = 0.0
    worker: str = ""
    compiles: int = 0
    resumed: bool = False
    key: str = field(default="", repr=False)

    @property
    def ok(self):
        return self.error is None

    def describe(self):
        """One line naming the point and, if it failed, the error."""
        params = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        state = "ok" if self.ok else f"{type(self.error).__name__}: {self.error}"
        return f"point {self.index} ({params}; seed {self.seed}): {state}"


def _quantity_dim(values):
    from ..units import Quantity

    dims = {v.dim for v in values if isinstance(v, Quantity)}
    if len(dims) > 1:
        raise ValueError(f"the values have different units ({', '.join(map(str, dims))})")
    return dims.pop() if dims else None


def _stack(values, what):
    """Values of the points (None where a point failed) as one array (a Quantity when the
    values have units); failed points are NaN."""
    from ..units import Quantity

    present = [v for v in values if v is not None]
    if not present:
        return np.full(len(values), np.nan)
    dim = _quantity_dim(present)
    plain = [np.asarray(v) for v in present]
    shapes = {p.shape for p in plain}
    if len(shapes) > 1:
        raise ValueError(f"{what} has different shapes at different points "
                         f"({sorted(shapes)}): to_numpy needs one shape; use to_pandas()")
    shape = plain[0].shape
    if len(present) < len(values):
        dtype = np.result_type(*[p.dtype for p in plain], np.float64)
        filler = np.full(shape, np.nan, dtype=dtype)
        plain = iter(plain)
        plain = [filler if v is None else next(plain) for v in values]
    array = np.stack(plain) if plain else np.empty(0)
    return array if dim is None else Quantity.with_dimensions(array, dim)


def _si(value):
    """A Quantity as its value in SI units (with the unit's text), anything else unchanged."""
    from ..units import Quantity

    if isinstance(value, Quantity):
        plain = np.asarray(value)
        return (plain.item() if plain.ndim == 0 else plain), str(value.dim)
    return value, None


class SweepResults(Sequence):
    """The results of a sweep, one `PointResult` per point in the order of ``params``."""

    def __init__(self, results, grid=None):
        self._results = list(results)
        self.grid = grid

    # --- the sequence of points ----------------------------------------------------
    def __len__(self):
        return len(self._results)

    def __getitem__(self, k):
        return self._results[k]

    def __repr__(self):
        failed = len(self.failed)
        resumed = sum(r.resumed for r in self._results)
        extra = f", {resumed} read back from out=" if resumed else ""
        return (f"<SweepResults: {len(self)} points, {len(self) - failed} ok, "
                f"{failed} failed{extra}>")

    @property
    def params(self):
        """The parameters of each point."""
        return [r.params for r in self._results]

    @property
    def seeds(self):
        return [r.seed for r in self._results]

    @property
    def values(self):
        """What ``fn`` returned at each point (None where it failed)."""
        return [r.value for r in self._results]

    @property
    def ok(self):
        """True when every point succeeded."""
        return not self.failed

    @property
    def failed(self):
        """The points that failed (their ``error``, ``traceback`` and ``params``)."""
        return [r for r in self._results if not r.ok]

    def raise_failures(self):
        """Raise `SweepError` naming every failed point (with the first traceback)."""
        failed = self.failed
        if failed:
            lines = "\n".join("  " + r.describe() for r in failed)
            raise SweepError(f"{len(failed)} of {len(self)} points failed:\n{lines}\n"
                             f"Traceback of point {failed[0].index}:\n{failed[0].traceback}")

    # --- as arrays -----------------------------------------------------------------
    def _keys(self):
        """The names of the results when ``fn`` returns dicts, else None."""
        present = [v for v in self.values if v is not None]
        if present and all(isinstance(v, Mapping) for v in present):
            keys = []
            for v in present:
                keys += [k for k in v if k not in keys]
            return keys
        return None

    def _column(self, key):
        if key is None:
            return self.values
        return [None if v is None else v.get(key) if isinstance(v, Mapping) else _no_key(v, key)
                for v in self.values]

    def to_numpy(self, key=None):
        """The values as an array: one entry per point, or the grid's shape when ``params``
        was a grid (e.g. ``(len(tau), len(seed))``), followed by the value's own shape.

        When ``fn`` returns dicts, ``key`` picks one entry; without it a dict of arrays,
        one per entry, is returned. Failed points are NaN. Values with units give a Quantity.
        """
        keys = self._keys()
        if key is None and keys is not None:
            return {k: self.to_numpy(k) for k in keys}
        what = "the result" if key is None else f"the result '{key}'"
        array = _stack(self._column(key), what)
        if self.grid is not None and len(self.grid) == len(self):
            array = array.reshape(self.grid.shape + array.shape[1:])
        return array

    def to_pandas(self):
        """A pandas DataFrame: one row per point, a column per parameter, ``seed``, a column
        per result (``value`` when ``fn`` returns a single value) and ``error`` (None where the
        point succeeded). Quantities are given in SI units, named in ``df.attrs['units']``."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas (pip install pandas)") from None
        keys = self._keys()
        columns, units = {}, {}
        names = []
        for p in self.params:
            names += [k for k in p if k not in names]
        for name in names:
            columns[name] = self._converted([p.get(name) for p in self.params], name, units)
        if "seed" not in columns:
            columns["seed"] = self.seeds
        for key in (keys or [None]):
            column = "value" if key is None else key
            if column in columns:
                column = f"result_{column}"
            columns[column] = self._converted(self._column(key), column, units)
        columns["error"] = [None if r.ok else f"{type(r.error).__name__}: {r.error}"
                            for r in self._results]
        frame = pandas.DataFrame(columns)
        frame.attrs["units"] = units
        return frame

    @staticmethod
    def _converted(values, name, units):
        out = []
        for v in values:
            plain, unit = _si(v)
            if unit is not None:
                units[name] = unit
            out.append(plain)
        return out

    def to_xarray(self):
        """An xarray Dataset: with a grid, one dimension per axis (coordinates: the axis values);
        else one dimension ``point`` with the parameters as coordinates. A variable per result
        (``value`` for a single value); array results add dimensions ``<name>_dim_<k>``."""
        try:
            import xarray
        except ImportError:
            raise ImportError("to_xarray() needs xarray (pip install xarray)") from None
        keys = self._keys()
        if self.grid is not None and len(self.grid) == len(self):
            dims = list(self.grid.names)
            coords = {}
            for name, values in self.grid.axes.items():
                plain = [_si(v)[0] for v in values]
                unit = _si(values[0])[1]
                coords[name] = (name, plain, {"units": unit} if unit else {})
        else:
            dims = ["point"]
            coords = {"point": ("point", np.arange(len(self)))}
            names = []
            for p in self.params:
                names += [k for k in p if k not in names]
            for name in names:
                values = [p.get(name) for p in self.params]
                unit = next((u for u in (_si(v)[1] for v in values) if u), None)
                coords[name] = ("point", [_si(v)[0] for v in values],
                                {"units": unit} if unit else {})
            coords.setdefault("seed", ("point", self.seeds))
        variables = {}
        for key in (keys or [None]):
            name = "value" if key is None else str(key)
            array = self.to_numpy(key)
            unit = str(array.dim) if hasattr(array, "dim") else None
            array = np.asarray(array)
            extra = [f"{name}_dim_{k}" for k in range(array.ndim - len(dims))]
            variables[name] = (dims + extra, array, {"units": unit} if unit else {})
        return xarray.Dataset(variables, coords=coords)


def _no_key(value, key):
    raise ValueError(f"to_numpy('{key}'): the point returned {type(value).__name__}, not a dict")
