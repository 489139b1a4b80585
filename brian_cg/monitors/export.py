"""Saving recorded values to ``.npz`` (and HDF5 when h5py is installed), units included."""
import json
import os

import numpy as np

from ..units import DIMENSIONLESS, Quantity, get_dimensions

__all__ = ["MonitorExport", "load_monitor", "save_monitor"]


def _split(values):
    """(plain array, dimension string) for a value with or without units."""
    dim = get_dimensions(values)
    return np.asarray(values), ("" if dim is DIMENSIONLESS else _dim_code(dim))


def _dim_code(dim):
    return json.dumps([float(e) for e in dim._dims])  # the 7 SI exponents


def _from_code(code):
    from ..units import get_or_create_dimension

    return get_or_create_dimension(json.loads(code)) if code else DIMENSIONLESS


def save_monitor(states, filename):
    """Write ``states`` (name -> array or Quantity) to ``filename`` (.npz, or .h5/.hdf5)."""
    arrays, units = {}, {}
    for name, value in states.items():
        arrays[name], units[name] = _split(value)
    ext = os.path.splitext(filename)[1].lower()
    if ext in (".h5", ".hdf5"):
        try:
            import h5py
        except ImportError as exc:
            raise ImportError("Saving to HDF5 needs h5py (pip install h5py); "
                              "use a .npz file name otherwise") from exc
        with h5py.File(filename, "w") as f:
            for name, arr in arrays.items():
                f.create_dataset(name, data=arr)
                f[name].attrs["dimension"] = units[name]
        return
    np.savez(filename, **arrays, _units=np.array(json.dumps(units)))


def load_monitor(filename):
    """Read what ``save_monitor`` wrote: name -> array (or Quantity where it had units)."""
    ext = os.path.splitext(filename)[1].lower()
    result = {}
    if ext in (".h5", ".hdf5"):
        import h5py

        with h5py.File(filename, "r") as f:
            for name in f:
                result[name] = _with_units(f[name][()], f[name].attrs.get("dimension", ""))
        return result
    with np.load(filename) as data:
        units = json.loads(str(data["_units"]))
        for name in data.files:
            if name != "_units":
                result[name] = _with_units(data[name], units.get(name, ""))
    return result


def _with_units(values, code):
    dim = _from_code(code)
    return values if dim is DIMENSIONLESS else Quantity.with_dimensions(values, dim)


class MonitorExport:
    """``M.get_states()``-based saving for every monitor."""

    def _states(self, vars, units, format, read_only_variables, default_names, special):
        """What ``get_states`` returns, as Brian: ``default_names`` unless ``vars`` names
        others; ``special`` maps a name to a function of ``units`` giving its value, any other
        name is a recorded variable."""
        if format != "dict":
            raise NotImplementedError("Only format='dict' is supported")
        if vars is None and not read_only_variables:
            return {}  # everything a monitor recorded is read-only
        out = {}
        for n in vars or default_names:
            if n in special:
                out[n] = special[n](units)
            elif n in self._recorded.variables:
                out[n] = self._recorded.view(n, unitless=not units)[:]
            else:
                raise KeyError(f"'{self.name}' records no variable '{n}'")
        return out

    def save(self, filename, variables=None):
        """Save the recorded values (with units) to ``.npz`` or ``.h5``."""
        save_monitor(self._states_for_export(variables), filename)

    def _states_for_export(self, variables):
        return self.get_states(variables)
