"""The parts of sweep() that need no worker: grid, seeds, errors, storage, layouts, progress."""
import io
import sys

import numpy as np
import pytest
from sweep_models import quick

import brian_cg
from brian_cg.sweep import PointResult, SweepResults, derived_seed, grid
from brian_cg.sweep.encoding import decode, encode, point_key
from brian_cg.sweep.points import make_points
from brian_cg.sweep.progress import TextProgress, TqdmProgress, make_progress
from brian_cg.units import Hz, ms, mV


def test_the_package_is_callable_and_exported():
    assert "sweep" in brian_cg.__all__
    star = {}
    exec("from brian_cg import *", star)  # noqa: S102 - the star import itself is tested
    assert star["sweep"] is brian_cg.sweep and callable(brian_cg.sweep)
    assert brian_cg.sweep.grid is grid
    # pylab's grid() keeps its Brian2 name
    assert "grid" not in star or star["grid"] is not grid
    r = brian_cg.sweep(quick, [{"x": 1, "seed": 5}], workers=0, progress=False)
    assert r.values == [1 + np.random.RandomState(5).rand()]


def test_grid_points_last_axis_fastest():
    g = grid(tau=[5, 10, 20] * ms, seed=range(2))
    assert len(g) == 6 and g.shape == (3, 2) and g.names == ("tau", "seed")
    assert [(float(p["tau"] / ms), p["seed"]) for p in g] == \
        [(5, 0), (5, 1), (10, 0), (10, 1), (20, 0), (20, 1)]
    assert g[-1]["tau"] == 20 * ms and g[1:3] == [g[1], g[2]]
    assert grid({"a b": [1]}, c=[2])[0] == {"a b": 1, "c": 2}
    with pytest.raises(IndexError):
        g[6]


@pytest.mark.parametrize("bad, error, match", [
    ({"tau": 5}, TypeError, r"grid axis 'tau' must be a sequence.*\[5\]"),
    ({"name": "abc"}, TypeError, "grid axis 'name' must be a sequence"),
    ({"tau": []}, ValueError, "grid axis 'tau' has no values"),
    ({}, ValueError, "at least one axis"),
])
def test_grid_rejects_bad_axes(bad, error, match):
    with pytest.raises(error, match=match):
        grid(**bad)


def test_seeds_explicit_or_derived_from_index_and_base_seed():
    points = make_points([{"x": 1, "seed": 7}, {"x": 2}, {"x": 2}], base_seed=3)
    assert points[0].seed == 7
    assert points[1].seed == derived_seed(3, 1) != points[2].seed == derived_seed(3, 2)
    assert derived_seed(3, 1) != derived_seed(4, 1)
    assert all(0 <= p.seed < 2**32 for p in points)
    assert points[1].key != points[2].key  # same parameters, other seed: another point
    assert make_points([{"x": 2}], base_seed=3)[0].seed == derived_seed(3, 0)


@pytest.mark.parametrize("params, error, match", [
    ({"tau": [1, 2]}, TypeError, r"got a dict; .*grid\(\*\*params\)"),
    ([{"x": 1}, 5], TypeError, "Point 1 of params is not a dict"),
    ([{"x": 1, "seed": -1}], ValueError, "'seed' parameter of point 0 must be a non-negative"),
    ([{"x": 1, "seed": 1.5}], ValueError, "'seed' parameter of point 0"),
    ([{"x": 1, "y": 2}], TypeError, (r"quick\(x, seed\) cannot be called with the parameters "
                                    r"of point 0 \(x, y\)")),
])
def test_bad_params_raise_before_anything_runs(params, error, match):
    with pytest.raises(error, match=match):
        brian_cg.sweep(quick, params, workers=0, progress=False)


def test_bad_options_raise():
    with pytest.raises(ValueError, match="workers must be a non-negative integer"):
        brian_cg.sweep(quick, [{"x": 1, "seed": 1}], workers=-1)
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        brian_cg.sweep(quick, [{"x": 1}], seed=-2)
    with pytest.raises(ValueError, match="progress must be"):
        brian_cg.sweep(quick, [{"x": 1, "seed": 1}], workers=0, progress="bar")
    with pytest.raises(TypeError, match="client must be a dask.distributed.Client"):
        pytest.importorskip("distributed")
        brian_cg.sweep(quick, [{"x": 1, "seed": 1}], client=42, progress=False)


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"pip install 'brian_cg\[dask\]'"):
        brian_cg.sweep(quick, [{"x": 1, "seed": 1}], client="tcp://127.0.0.1:1",
                       progress=False)


def test_in_process_points_start_from_the_callers_settings():
    from brian_cg import defaultclock, prefs

    def changes_settings(x, seed):
        observed = (prefs.codegen.target, float(defaultclock.dt / ms))
        prefs.codegen.target = "cython"
        defaultclock.dt = 1 * ms
        return observed

    prefs.codegen.target = "numpy"
    defaultclock.dt = 0.05 * ms
    r = brian_cg.sweep(changes_settings, [{"x": 1, "seed": 1}, {"x": 2, "seed": 1}], workers=0,
                       progress=False)
    assert r.values == [("numpy", 0.05), ("numpy", 0.05)]
    assert prefs.codegen.target == "numpy" and float(defaultclock.dt / ms) == 0.05


@pytest.mark.parametrize("value", [
    3, 2.5, float("nan"), -float("inf"), "text", None, True, 1 + 2j, 3 * ms,
    np.arange(4) * mV, np.ones((2, 3), np.float32), np.int16(4), [1, (2, "a")],
    {"rate": 5 * Hz, "t": np.array([1.0, 2.0]) * ms, "nested": {"k": [np.arange(2)]}},
    {1: "int keys"}, range(3),
])
def test_values_survive_storage(value):
    arrays = {}
    back = decode(encode(value, arrays), arrays)
    if isinstance(value, float) and np.isnan(value):
        assert np.isnan(back)
        return
    assert type(back) is type(value) or isinstance(value, np.generic)
    assert repr(back) == repr(value) or np.array_equal(back, value)


def test_point_keys_ignore_order_and_see_units():
    assert point_key({"a": 1, "b": 2 * ms}, 1) == point_key({"b": 2 * ms, "a": 1}, 1)
    assert point_key({"a": 1}, 1) != point_key({"a": 1}, 2)
    assert point_key({"a": 2 * ms}, 1) != point_key({"a": 2 * mV}, 1)


def _results(values, grid_=None, fail=()):
    params = list(grid_) if grid_ is not None else [{"x": k} for k in range(len(values))]
    out = []
    for k, (p, v) in enumerate(zip(params, values)):
        r = PointResult(k, p, 10 + k, value=None if k in fail else v)
        if k in fail:
            r.error, r.traceback = ValueError("bad"), "Traceback ..."
        out.append(r)
    return SweepResults(out, grid=grid_)


def test_to_numpy_lays_values_on_the_grid():
    g = grid(tau=[1, 2, 3], seed=range(2))
    r = _results([{"rate": k * Hz, "n": k} for k in range(6)], g, fail={4})
    rate = r.to_numpy("rate")
    assert rate.shape == (3, 2) and rate.dim is Hz.dim
    assert np.asarray(rate)[0, 1] == 1 and np.isnan(np.asarray(rate)[2, 0])
    both = r.to_numpy()
    assert set(both) == {"rate", "n"} and both["n"][1, 1] == 3
    arrays = _results([np.arange(3) * k for k in range(3)]).to_numpy()
    assert arrays.shape == (3, 3) and arrays[2, 2] == 4 and arrays.dtype.kind == "i"
    with pytest.raises(ValueError, match="different shapes"):
        _results([np.arange(2), np.arange(3)]).to_numpy()
    assert repr(r) == "<SweepResults: 6 points, 5 ok, 1 failed>"


def test_to_pandas_one_row_per_point():
    pytest.importorskip("pandas")
    g = grid(tau=[1, 2] * ms, w=[0.5])
    frame = _results([{"rate": 3 * Hz}, {"rate": 4 * Hz}], g, fail={1}).to_pandas()
    assert list(frame.columns) == ["tau", "w", "seed", "rate", "error"]
    assert frame["tau"].tolist() == [0.001, 0.002] and frame["seed"].tolist() == [10, 11]
    assert frame["rate"][0] == 3 and np.isnan(frame["rate"][1])
    assert frame["error"].isna().tolist() == [True, False] and frame["error"][1] == "ValueError: bad"
    assert frame.attrs["units"] == {"tau": "s", "rate": "s^-1"}
    plain = _results([1.5, 2.5]).to_pandas()
    assert plain["value"].tolist() == [1.5, 2.5] and plain["x"].tolist() == [0, 1]


def test_to_xarray_one_dimension_per_axis():
    pytest.importorskip("xarray")
    g = grid(tau=[1, 2, 3] * ms, seed=range(2))
    ds = _results([{"rate": k * Hz, "v": np.arange(4.0) + k} for k in range(6)], g).to_xarray()
    assert ds["rate"].dims == ("tau", "seed") and ds["rate"].attrs["units"] == "s^-1"
    assert ds["v"].dims == ("tau", "seed", "v_dim_0") and ds["v"].shape == (3, 2, 4)
    assert ds["tau"].values.tolist() == [0.001, 0.002, 0.003]
    assert float(ds["rate"].sel(tau=0.002, seed=1)) == 3
    flat = _results([1.0, 2.0]).to_xarray()
    assert flat["value"].dims == ("point",) and flat["x"].values.tolist() == [0, 1]


def test_text_progress_shows_count_failures_and_eta():
    stream = io.StringIO()
    progress = TextProgress(4, done=1, stream=stream, interval=0)
    progress.update(PointResult(0, {}, 0))
    progress.update(PointResult(1, {}, 0, error=ValueError()))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "sweep: 1/4 points"
    assert lines[-1].startswith("sweep: 3/4 points (1 failed), ") and "ETA " in lines[-1]
    progress.update(PointResult(2, {}, 0))
    assert "took" in stream.getvalue().splitlines()[-1]


def test_progress_uses_tqdm_when_installed(monkeypatch):
    pytest.importorskip("tqdm")
    bar = make_progress(True, 3)
    assert isinstance(bar, TqdmProgress)
    bar.close()
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    assert isinstance(make_progress(True, 3), TextProgress)
    with pytest.raises(ImportError, match="pip install tqdm"):
        make_progress("tqdm", 3)
