"""sweep() on the local pool of worker processes: the same results as one by one, one
compile per model structure, failures reported, out= resumes."""
import json
import os

import numpy as np
import pytest
from conftest import HAVE_COMPILER, libraries
from sweep_models import flaky, lif, quick

import brian_cg
from brian_cg.sweep import SweepResults, WorkerDied, derived_seed


def assert_same_values(results, values):
    assert len(results) == len(values)
    for r, v in zip(results, values):
        assert r.ok, r.traceback
        assert r.value["count"] == v["count"] and r.value["seed"] == v["seed"]
        assert np.array_equal(np.asarray(r.value["t"]), np.asarray(v["t"]))
        assert np.array_equal(r.value["i"], v["i"])
        assert r.value["t"].dim is v["t"].dim  # the spike times keep their unit


def test_two_workers_give_the_results_of_one_by_one_and_compile_once(reference, tmp_path,
                                                                     monkeypatch):
    points, values, compiles, reference_libraries = reference
    assert len(points) == 20
    assert len({v["count"] for v in values}) > 5  # the parameters and seeds matter
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIAN_CG_CACHE", str(cache))
    brian_cg.prefs.codegen.target = "cython" if HAVE_COMPILER else "numpy"
    results = brian_cg.sweep(lif, points, workers=2, progress=False)
    assert isinstance(results, SweepResults) and results.ok
    assert [r.params for r in results] == list(points)
    assert_same_values(results, values)
    assert len({r.worker for r in results}) == 2  # both workers ran points
    if HAVE_COMPILER:
        # one by one: each structure compiles at its first point only (the first point also
        # compiles the connect library that all structures share)
        structures = {p["model"] for p in points}
        first = {p["model"]: k for k, p in reversed(list(enumerate(points)))}
        assert all((c > 0) == (k in first.values()) for k, c in enumerate(compiles))
        assert len(reference_libraries) == len(structures) + 1
        # the pool compiled exactly those libraries, each once, into the shared cache
        assert sum(r.compiles for r in results) == sum(compiles) == len(reference_libraries)
        assert len(libraries(cache)) == len(reference_libraries) >= len(structures)
        assert [os.path.basename(p) for p in libraries(cache)] == \
               [os.path.basename(p) for p in reference_libraries]


def test_failed_points_are_reported_and_the_others_complete(tmp_path):
    brian_cg.prefs.codegen.target = "numpy"
    params = [{"x": x} for x in range(8)]
    results = brian_cg.sweep(flaky, params, workers=2, out=tmp_path / "out", progress=False)
    assert [r.index for r in results.failed] == [3, 5]
    raised, died = results[3], results[5]
    assert isinstance(raised.error, ValueError) and str(raised.error) == "no good: x = 3"
    assert "flaky" in raised.traceback and 'raise ValueError' in raised.traceback
    assert raised.params == {"x": 3}
    assert isinstance(died.error, WorkerDied) and "exited with status 7" in str(died.error)
    assert died.params == {"x": 5}
    ok = [r for r in results if r.ok]
    assert len(ok) == 6 and all(r.value["count"] > 0 for r in ok)
    # without a seed parameter, point k's seed derives from its index and the base seed
    assert [r.seed for r in results] == [derived_seed(0, k) for k in range(8)]
    for r in ok:  # ... and is the seed the point ran with
        brian_cg.start_scope()
        brian_cg.seed(derived_seed(0, r.index))
        assert np.array_equal(flaky(**r.params)["v"], r.value["v"])
    with pytest.raises(brian_cg.sweep.SweepError, match=r"2 of 8 points failed"):
        results.raise_failures()
    # the failures are on disk, to read, and are the only points run again
    docs = [json.loads(path.read_text()) for path in (tmp_path / "out" / "failed").iterdir()]
    docs = {doc["index"]: doc for doc in docs}
    assert sorted(docs) == [3, 5]
    assert docs[3]["error"] == "ValueError: no good: x = 3" and "flaky" in docs[3]["traceback"]
    assert docs[5]["error"].startswith("WorkerDied: The worker process running point 5")
    again = brian_cg.sweep(flaky, params, workers=2, out=tmp_path / "out", progress=False)
    assert [r.resumed for r in again] == [r.ok for r in results]
    assert [r.index for r in again.failed] == [3, 5]
    for a, b in zip(again, results):
        if b.ok:
            assert a.value["count"] == b.value["count"]
            assert np.array_equal(a.value["v"], b.value["v"])


def test_out_resumes_and_recomputes_nothing(tmp_path, monkeypatch):
    brian_cg.prefs.codegen.target = "numpy"
    points = brian_cg.sweep.grid(x=[1, 2, 4], y=[0.5])
    out = tmp_path / "out"
    first = brian_cg.sweep(flaky, [{"x": p["x"]} for p in points], workers=0, out=out,
                           progress=False)
    assert first.ok and not any(r.resumed for r in first)

    def no_running(*args, **kwds):
        raise AssertionError("a point was run again")

    monkeypatch.setattr("brian_cg.sweep.runner.run_point", no_running)
    monkeypatch.setattr("brian_cg.sweep.runner.run_local", no_running)
    again = brian_cg.sweep(flaky, [{"x": p["x"]} for p in points], workers=2, out=out,
                           progress=False)
    assert all(r.resumed for r in again)
    for a, b in zip(again, first):
        assert a.value["count"] == b.value["count"] and a.seed == b.seed
        assert np.array_equal(a.value["v"], b.value["v"])
    # an interrupted sweep: the points whose files are missing, and only those, run again
    monkeypatch.undo()
    brian_cg.prefs.codegen.target = "numpy"
    stored = sorted((out / "points").glob("*.json"))
    removed = json.loads(stored[0].read_text())["index"]
    stored[0].unlink()
    third = brian_cg.sweep(flaky, [{"x": p["x"]} for p in points], workers=0, out=out,
                           progress=False)
    assert [not r.resumed for r in third] == [k == removed for k in range(3)]
    assert third[removed].value["count"] == first[removed].value["count"]


def test_a_different_function_does_not_reuse_out(tmp_path):
    brian_cg.sweep(quick, [{"x": 1, "seed": 1}], workers=0, out=tmp_path, progress=False)
    with pytest.raises(brian_cg.sweep.SweepError, match="quick"):
        brian_cg.sweep(flaky, [{"x": 1}], workers=0, out=tmp_path, progress=False)


def test_seeds_give_the_same_values_for_any_number_of_workers():
    params = [{"x": k, "seed": 100 + k} for k in range(4)]
    one = brian_cg.sweep(quick, params, workers=0, progress=False)
    assert one.values == [k + np.random.RandomState(100 + k).rand() for k in range(4)]
    # a lambda (sent by value with cloudpickle) on two workers
    two = brian_cg.sweep(lambda x, seed: quick(x, seed), params, workers=2, progress=False)
    assert two.values == one.values
