"""No silent numerics (issue 10, fault 7): NaN/inf after a run warns naming the variable,
integers that do not fit raise, '1e400' is inf, an empty threshold is refused, long sums
parse."""
import logging
import uuid

import numpy as np
import pytest

from brian_cg import NeuronGroup, defaultclock, ms, run
from brian_cg.errors import EquationError

MESSAGE = ("{name}'s variable '{var}' has NaN, very large values, or encountered an error in "
           "numerical integration.")


@pytest.fixture
def brian_warnings(caplog):
    logger = logging.getLogger("brian_cg")
    propagate, logger.propagate = logger.propagate, True
    with caplog.at_level(logging.WARNING, logger="brian_cg"):
        yield caplog
    logger.propagate = propagate


def _name():
    return f"g_{uuid.uuid4().hex[:8]}"  # the warning is given once per message and process


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # numpy's own
def test_unstable_integration_warns_once_naming_the_variable(target, brian_warnings):
    # as Brian2 2.11 (numpy and cython): v grows as exp(t/ms) and overflows to inf
    name = _name()
    G = NeuronGroup(3, "dv/dt = v/ms : 1\ndu/dt = -u/ms : 1\nw : 1", method="euler",
                    name=name)
    G.v = [0, 1, 0]
    G.w = [np.nan, 0, 0]  # not integrated: not checked, as in Brian2
    run(1000 * ms)
    assert np.isinf(G.v[1])
    warnings = [r.getMessage() for r in brian_warnings.records if name in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].startswith(MESSAGE.format(name=name, var="v"))
    run(1 * ms)
    assert len([r for r in brian_warnings.records if name in r.getMessage()]) == 1


def test_large_but_finite_values_do_not_warn(target, brian_warnings):
    name = _name()
    G = NeuronGroup(2, "dv/dt = v/ms : 1", method="euler", name=name)
    G.v = [1e49, -1e49]  # Brian2 warns above 1e50 only
    run(0.1 * ms)
    assert not [r for r in brian_warnings.records if name in r.getMessage()]
    G.v = [np.nan, 0]
    run(0.1 * ms)
    assert [r for r in brian_warnings.records if name in r.getMessage()]


@pytest.mark.parametrize("value", [2**40, np.int64(2**40), [1, 2**40, 3],
                                   np.array([1, 2**40, 3]), 1e12, np.inf, -2**31 - 1, 2**70])
def test_integer_that_does_not_fit_raises_overflow_error(value):
    G = NeuronGroup(3, "n : integer")
    G.n = [4, 5, 6]
    with pytest.raises(OverflowError, match="'n' of 'neurongroup'.*int32"):
        G.n = value
    assert G.n[:].tolist() == [4, 5, 6]


def test_integers_that_fit_are_stored_as_brian_does():
    G = NeuronGroup(3, "n : integer")
    G.n = 2**31 - 1
    assert G.n[:].tolist() == [2**31 - 1] * 3
    G.n = [-2**31, 2.7, -2.7]  # floats truncate towards zero, as Brian2
    assert G.n[:].tolist() == [-2**31, 2, -2]
    with pytest.raises(ValueError, match="NaN"):
        G.n = np.nan


def test_huge_literal_is_infinite(target):
    G = NeuronGroup(2, "v : 1\nx : 1\ny : 1")
    G.v = "1e400"
    assert G.v[:].tolist() == [np.inf, np.inf]
    G.v = "-1e400 + 0*i"
    assert G.v[:].tolist() == [-np.inf, -np.inf]
    G.run_regularly("x = 1e400\ny = -1e400", dt=defaultclock.dt)
    run(0.2 * ms)
    assert G.x[:].tolist() == [np.inf, np.inf]
    assert G.y[:].tolist() == [-np.inf, -np.inf]


@pytest.mark.parametrize("threshold", ["", "   ", "  # a comment", "\n#\n"])
def test_empty_threshold_is_refused(threshold):
    with pytest.raises(EquationError, match="threshold .* is empty"):
        NeuronGroup(1, "v : 1", threshold=threshold, reset="v = 0")


@pytest.mark.parametrize("n_terms", [400, 1000])
def test_long_sums_parse_and_run(target, n_terms):
    total = " + ".join(f"{k}*a" for k in range(n_terms)) + " - " + " - ".join(
        f"b/{k + 1}" for k in range(50))
    G = NeuronGroup(2, f"s = {total} : 1\na : 1\nb : 1")
    G.a = [1, 2]
    G.b = [0, 1]
    harmonic = sum(1 / (k + 1) for k in range(50))
    expected = [n_terms * (n_terms - 1) / 2, n_terms * (n_terms - 1) - harmonic]
    assert np.allclose(G.s[:], expected, rtol=1e-14)
    G.run_regularly(f"a = {total}", dt=defaultclock.dt)
    run(0.1 * ms)
    assert np.allclose(G.a[:], expected, rtol=1e-14)
