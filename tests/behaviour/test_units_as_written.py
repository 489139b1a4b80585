"""Units are checked on expressions as written, as Brian checks them: ``0*mV`` keeps its unit
(sympy would fold it to a unitless 0), a bare ``0`` has none."""
import numpy as np
import pytest

from brian_cg import Equations, NeuronGroup, Synapses, mV, ms, run, volt
from brian_cg.errors import DimensionMismatchError


def test_clip_with_zero_of_a_unit_in_equations(target):
    Vi = -60 * mV  # noqa: F841 (read by the equations)
    tau = 10 * ms  # noqa: F841
    G = NeuronGroup(2, "dv/dt = clip(v - Vi, 0*mV, inf*mV)/tau : volt", method="euler")
    G.v = [-50, -70] * mV
    run(1 * ms)
    # above Vi: Euler steps of (v - Vi)/tau; below: clipped to 0, v stays
    np.testing.assert_allclose(G.v[:] / mV, [-60 + 10 * 1.01 ** 10, -70], rtol=1e-12)


def test_clip_with_zero_of_a_unit_in_on_pre(target):
    wmax = 1 * volt  # noqa: F841
    G = NeuronGroup(2, "v : volt", threshold="True")
    S = Synapses(G, G, "w : volt\nA : volt", on_pre="w = clip(w + A, 0*volt, wmax)")
    S.connect(j="i")
    S.A = [0.4, -0.3] * volt
    S.w = [0, 0.5] * volt
    run(0.3 * ms)
    np.testing.assert_allclose(S.w[:] / volt, [1.0, 0.0], rtol=0, atol=1e-15)


@pytest.mark.parametrize("model, threshold, reset", [
    ("v : volt", "v > 0", None),                      # compared with a unitless 0
    ("v : volt", "v > 0*mV", "v = 0"),                # assigned a unitless 0
    ("v : volt", "v > clip(v, 0, 1*mV)", None),       # clipped to a unitless bound
    ("v : volt", "v + 1*ms - 1*ms > 0*mV", None),     # cancels only after simplification
    ("I = 0 : volt\nv : volt", None, None),           # subexpression of a unitless 0
    ("dv/dt = 0 : volt", None, None),                 # derivative of a unitless 0
    ("dv/dt = 0*mV : volt", None, None),              # '0*mV' is not volt/second
])
def test_units_checked_as_written_refused(target, model, threshold, reset):
    G = NeuronGroup(2, model, threshold=threshold, reset=reset)  # noqa: F841
    with pytest.raises(DimensionMismatchError):
        run(0.1 * ms)


def test_substituted_zero_quantity_keeps_its_unit(target):
    eqs = Equations("dv/dt = (E - v)/tau : volt", E=0 * mV, tau=10 * ms)
    G = NeuronGroup(1, eqs, method="exact")
    G.v = -10 * mV
    run(1 * ms)
    np.testing.assert_allclose(G.v[:] / mV, [-10 * np.exp(-0.1)], rtol=1e-12)


def test_zero_of_a_unit_in_connect_condition_and_poisson_weight(target):
    from brian_cg import Hz, PoissonInput

    G = NeuronGroup(4, "v : volt")
    G.v = [-1, 1, -2, 2] * mV
    S = Synapses(G, G)
    S.connect(condition="v_pre > 0*mV and v_post < 0*mV")
    assert sorted(zip(S.i[:], S.j[:])) == [(1, 0), (1, 2), (3, 0), (3, 2)]
    P = PoissonInput(G, "v", 10, 100 * Hz, weight="0*mV + 1*mV")  # noqa: F841
    run(0.1 * ms)
    with pytest.raises(DimensionMismatchError):
        S.connect(condition="v_pre > 0")


def test_zero_of_a_unit_in_assignments_to_refractory_variables(target):
    """``G.v = '0*mV'`` on an '(unless refractory)' variable: the write is made conditional on
    refractoriness after the units are checked as written."""
    G = NeuronGroup(3, "dv/dt = -v/(10*ms) : volt (unless refractory)", threshold="v > 10*mV",
                    reset="v = 0*mV", refractory=1 * ms)
    G.v = "0*mV"
    G.v["i > 0"] = "1*mV + 0*mV"
    run(1 * ms)
    np.testing.assert_allclose(G.v[:] / mV, [0, np.exp(-0.1), np.exp(-0.1)], rtol=1e-12)
