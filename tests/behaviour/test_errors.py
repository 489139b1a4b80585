"""Bad input raises a clear error before anything runs, and leaves user objects intact."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, StateMonitor, Network, ms, mV, run, second
from brian_cg.errors import (BrianCGError, ConstantAssignmentError, DimensionMismatchError,
                             EquationError, ExpressionSyntaxError, UnknownIdentifierError,
                             UnsupportedEquationsError)


def test_inconsistent_units_in_equation(target):
    tau = 10 * ms
    G = NeuronGroup(1, "dv/dt = -v : volt")
    with pytest.raises(DimensionMismatchError) as err:
        run(1 * ms)
    msg = str(err.value)
    assert "variable 'v'" in msg and "has unit volt" in msg and "expected unit volt/second" in msg


def test_threshold_and_reset_units(target):
    G = NeuronGroup(1, "v : volt", threshold="v > 1", reset="v = 0*mV")
    with pytest.raises(DimensionMismatchError, match="v > 1"):
        run(1 * ms)
    G2 = NeuronGroup(1, "v : volt", threshold="v > 1*mV", reset="v = 3", name="g2")
    with pytest.raises(DimensionMismatchError, match="v = 3"):
        Network(G2).run(1 * ms)


def test_unknown_identifier_is_named(target):
    G = NeuronGroup(1, "dv/dt = -v/tau_unknown : 1")
    with pytest.raises(UnknownIdentifierError, match="tau_unknown"):
        run(1 * ms)


def test_syntax_error_has_position(target):
    with pytest.raises((ExpressionSyntaxError, EquationError)) as err:
        NeuronGroup(1, "dv/dt = (1 - v/(10*ms) : 1")
    assert "line" in str(err.value) or "column" in str(err.value)
    with pytest.raises(ExpressionSyntaxError, match="column"):
        NeuronGroup(1, "v : 1", threshold="v >> 1")


def test_no_eval_of_user_strings(target):
    with pytest.raises(BrianCGError):
        NeuronGroup(1, "v : 1", threshold="__import__('os').system('echo hacked')")
    G = NeuronGroup(1, "v : 1")
    with pytest.raises(BrianCGError):
        G.v = "().__class__"


def test_assigning_to_read_only_variable(target):
    G = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="N = 0")
    with pytest.raises(ConstantAssignmentError, match="N"):
        run(1 * ms)
    with pytest.raises(TypeError):  # Brian raises TypeError: ConstantAssignmentError is one
        G.i = 3


def test_reset_may_write_constant_parameter(target):
    # (constant) only means that the integrator treats it as constant (as in Brian)
    G = NeuronGroup(1, "dv/dt = 1/ms : 1\nc : 1 (constant)", threshold="v > 1",
                    reset="v = 0; c += 1", method="euler", name="cg")
    Network(G).run(2.55 * ms)
    assert G.c[0] == 2


def test_failed_assignment_leaves_values_intact(target):
    G = NeuronGroup(3, "v : volt")
    G.v = [1, 2, 3] * mV
    with pytest.raises(DimensionMismatchError):
        G.v = 5 * second
    with pytest.raises(DimensionMismatchError):
        G.v = "i * second"
    with pytest.raises(UnknownIdentifierError):
        G.v = "i * mV + not_defined"
    np.testing.assert_allclose(G.v / mV, [1, 2, 3])


def test_stochastic_with_deterministic_scheme(target):
    G = NeuronGroup(1, "dv/dt = -v/(10*ms) + xi/sqrt(10*ms) : 1", method="rk4")
    with pytest.raises(UnsupportedEquationsError, match="rk4"):
        run(1 * ms)


def test_unknown_flag_and_unit(target):
    with pytest.raises(EquationError, match="flag"):
        NeuronGroup(1, "v : 1 (bogus)")
    with pytest.raises(EquationError, match="mVolt"):
        NeuronGroup(1, "v : mVolt")


def test_error_then_fix_then_run(target):
    G = NeuronGroup(1, "dv/dt = -v/tau : 1")
    G.v = 1
    with pytest.raises(UnknownIdentifierError):
        run(1 * ms)
    tau = 10 * ms
    run(10 * ms)
    np.testing.assert_allclose(G.v[0], np.exp(-1), rtol=1e-12)
