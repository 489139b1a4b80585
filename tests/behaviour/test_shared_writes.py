"""Writes to shared variables (``x : 1 (shared)``) follow Brian's rules: refused from code run
per element (resets, synaptic pathways, events...), allowed in run_regularly code and string
assignments when computed from shared values only, and then computed once per step."""
import numpy as np
import pytest

from brian_cg import (
    NeuronGroup,
    PoissonInput,
    Synapses,
    TimedArray,
    Hz,
    ms,
    run,
    seed,
)
from brian_cg.errors import SharedVariableError

EQS = "v : 1\nx : 1 (shared)\ny : 1 (shared)"


def _refused(make, *fragments):
    """``make()`` builds a model; running it must fail with Brian's SyntaxError before the
    first step, naming every fragment."""
    objs = make()
    with pytest.raises(SyntaxError) as info:
        run(0.2 * ms)
    assert isinstance(info.value, SharedVariableError)
    for f in fragments:
        assert f in str(info.value)
    return objs


@pytest.mark.parametrize("reset", ["x = 1", "x += 1", "v = 0\nx = v"])
def test_reset_cannot_write_shared(target, reset):
    G = _refused(lambda: NeuronGroup(3, EQS, threshold="True", reset=reset),
                 "Writing to scalar variable x not allowed", "reset", "shared")
    assert G.x[:] == 0  # nothing ran


def test_event_code_cannot_write_shared(target):
    def make():
        G = NeuronGroup(3, EQS, events={"e": "True"})
        G.run_on_event("e", "x = 1")
        return G

    _refused(make, "Writing to scalar variable x not allowed", "event 'e'")


@pytest.mark.parametrize("side, code, var", [
    ("on_pre", "s += 1", "s"), ("on_post", "s = 1", "s"),
    ("on_pre", "x_post += 1", "x_post"), ("on_pre", "x_pre = w", "x_pre"),
])
def test_synaptic_pathways_cannot_write_shared(target, side, code, var):
    def make():
        G = NeuronGroup(2, EQS, threshold="True")
        S = Synapses(G, G, "w : 1\ns : 1 (shared)", **{side: code})
        S.connect()
        return S

    _refused(make, f"Writing to scalar variable {var} not allowed", side)


def test_run_regularly_shared_from_vector_refused(target):
    for code, name in [("x = v", "v"), ("x = i", "i"), ("x = s", "s")]:
        G = NeuronGroup(2, EQS + "\ns = 2*v : 1")
        G.run_regularly(code)
        _refused(lambda: G, "Cannot write to scalar variable 'x'",
                 f"referring to vector variable '{name}'")
        G.active = False


@pytest.mark.parametrize("code", ["v = 1\nx = 2", "a = v\nx = a"])
def test_run_regularly_shared_after_vector_write_refused(target, code):
    G = NeuronGroup(2, EQS)
    G.run_regularly(code)
    _refused(lambda: G, "All writes to scalar variables in a code block have to be made "
                        "before writes to vector variables", "Illegal write to 'x'")


def test_string_assignment_from_vector_refused():
    G = NeuronGroup(2, EQS)
    with pytest.raises(SyntaxError, match="vector variable 'v'"):
        G.x = "v"
    S = Synapses(G, G, "w : 1\ns : 1 (shared)")
    S.connect()
    with pytest.raises(SyntaxError, match="vector variable 'w'"):
        S.s = "w + 1"
    G.x = "y + N"  # shared values only: allowed
    assert G.x[:] == 2


def test_shared_subexpression_of_vector_refused():
    with pytest.raises(SyntaxError, match="Shared subexpression 'z' refers to non-shared "
                                          "variable 'v'"):
        NeuronGroup(2, "v : 1\nz = 2*v : 1 (shared)")
    G = NeuronGroup(2, "v : 1")
    with pytest.raises(SyntaxError, match="non-shared variable 'v_post'"):
        Synapses(G, G, "z = v_post : 1 (shared)")


def test_summed_variable_and_poisson_input_into_shared_refused():
    G = NeuronGroup(2, EQS)
    with pytest.raises(SyntaxError, match="shared"):
        Synapses(G, G, "w : 1\nx_post = w : 1 (summed)")
    with pytest.raises(SyntaxError, match="shared"):
        PoissonInput(G, "x", 5, 100 * Hz, weight=1)


def test_run_regularly_shared_counter_once_per_step(target):
    """``x += 1`` on a shared variable adds 1 per step, not once per element."""
    G = NeuronGroup(5, EQS)
    G.run_regularly("x += 1\nv = x + i")
    S = Synapses(G, G, "w : 1\nq : 1 (shared)")
    S.connect()
    S.run_regularly("q += 2\nx_post = 100\nw = q + x_post", when="end")
    run(0.3 * ms)
    # each step: x -> x + 1 (start), v = x + i, then the synapses set x to 100 (end)
    assert G.x[:] == 100
    np.testing.assert_array_equal(G.v[:], 101 + np.arange(5))
    assert S.q[:] == 6
    np.testing.assert_array_equal(S.w[:], np.full(25, 6 + 100))


def test_run_regularly_shared_random_value_drawn_once(target):
    """``x = rand()`` draws one number for the group (Brian's scalar block)."""
    seed(5)
    G = NeuronGroup(50, EQS + "\nz : 1")
    G.run_regularly("x = rand()\na = 2*x + y\nv = a\nz = rand()")
    run(0.1 * ms)
    assert np.all(G.v[:] == 2 * G.x[:])
    assert 0 < G.x[:] < 1
    assert len(np.unique(G.z[:])) == 50  # per-element numbers stay per element
    assert not np.any(G.z[:] == G.x[:])


def test_run_regularly_shared_from_timed_array_and_clock(target):
    ta = TimedArray([1, 2, 3], dt=0.1 * ms)
    G = NeuronGroup(2, EQS)
    G.run_regularly("x = ta(t)\ny = t/ms + y")
    run(0.3 * ms)
    assert G.x[:] == 3
    assert G.y[:] == pytest.approx(0.0 + 0.1 + 0.2)


def test_tracebacks_of_syntax_errors_show_their_message():
    """SyntaxError subclasses are printed from their 'msg' by tracebacks: it must be set,
    also on the copy naming the object that failed."""
    import traceback

    from brian_cg.errors import ExpressionSyntaxError

    G = NeuronGroup(2, EQS, threshold="True", reset="x = 1")  # noqa: F841
    with pytest.raises(SyntaxError) as info:
        run(0.1 * ms)
    shown = "".join(traceback.format_exception_only(type(info.value), info.value))
    assert "Writing to scalar variable x not allowed" in shown
    assert "neurongroup_spike_resetter" in shown
    with pytest.raises(ExpressionSyntaxError) as info:
        NeuronGroup(1, "dv/dt = (3 +* v)/ms : 1")
    shown = "".join(traceback.format_exception_only(type(info.value), info.value))
    assert "Error in the differential equation for 'v'" in shown
