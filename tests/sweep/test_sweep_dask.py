"""sweep() on a Dask cluster (a LocalCluster started here): the results of one by one."""
import sys

import numpy as np
import pytest
from conftest import HAVE_COMPILER, libraries
from sweep_models import flaky, lif

import brian_cg

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed "
                                  "(pip install 'brian_cg[dask]')")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes of one thread each, with their own, fresh compile cache (the
    workers take $BRIAN_CG_CACHE from the environment they start in, as on a cluster)."""
    import os

    cache = tmp_path_factory.mktemp("dask-cache")
    old = os.environ.get("BRIAN_CG_CACHE")
    os.environ["BRIAN_CG_CACHE"] = str(cache)
    try:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    finally:
        if old is None:
            os.environ.pop("BRIAN_CG_CACHE")
        else:
            os.environ["BRIAN_CG_CACHE"] = old
    client = distributed.Client(cluster)
    yield client, cache
    client.close()
    cluster.close()


def test_dask_gives_the_results_of_one_by_one_and_compiles_once(reference, cluster):
    client, cache = cluster
    points, values, compiles, reference_libraries = reference
    brian_cg.prefs.codegen.target = "cython" if HAVE_COMPILER else "numpy"
    results = brian_cg.sweep(lif, points, client=client, progress=False)
    assert results.ok, results.failed[:1]
    assert [r.params for r in results] == list(points)
    for r, v in zip(results, values):
        assert r.value["count"] == v["count"]
        assert np.array_equal(np.asarray(r.value["t"]), np.asarray(v["t"]))
        assert np.array_equal(r.value["i"], v["i"])
    assert len({r.worker for r in results}) == 2
    if HAVE_COMPILER:
        assert sum(r.compiles for r in results) == sum(compiles) == len(reference_libraries)
        assert len(libraries(cache)) == len(reference_libraries)


def test_dask_reports_failures_and_resumes(cluster, tmp_path):
    client, _ = cluster
    brian_cg.prefs.codegen.target = "numpy"
    params = [{"x": x} for x in (0, 1, 3, 4)]
    results = brian_cg.sweep(flaky, params, client=client, out=tmp_path, progress=False)
    assert [r.index for r in results.failed] == [2]
    assert isinstance(results[2].error, ValueError) and "flaky" in results[2].traceback
    local = brian_cg.sweep(flaky, params, workers=0, progress=False)
    for a, b in zip(results, local):
        if a.ok:  # the same derived seeds on Dask as here
            assert np.array_equal(a.value["v"], b.value["v"])
    again = brian_cg.sweep(flaky, params, client=client.scheduler.address, out=tmp_path,
                           progress=False)
    assert [r.resumed for r in again] == [True, True, False, True]


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"pip install 'brian_cg\[dask\]'"):
        brian_cg.sweep(flaky, [{"x": 1}], client="tcp://127.0.0.1:1", progress=False)
