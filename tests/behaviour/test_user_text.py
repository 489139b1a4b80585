"""User text never reaches generated source except through the printer (issue 10, fault 2):
comments in user code, even ending in a backslash, change nothing on any target."""
import pytest

from brian_cg import NeuronGroup, StateMonitor, defaultclock, ms, run


def test_comments_with_backslashes_change_nothing(target):
    # v += 1 each step; threshold at v > 2.5, so a reset every third step
    G = NeuronGroup(2, """v : 1  # voltage \\
                          c : 1  # resets \\
                          d = 2*c : 1  # \\""",
                    threshold="v > 2.5  # \\", reset="c += 1  # ??/\nv = 0  # \\ */")
    G.run_regularly("v += 1  # \\", dt=defaultclock.dt)
    G.run_regularly("""e_total = d  # \\
                       c = e_total/2  # \\""", dt=defaultclock.dt, when="end")
    M = StateMonitor(G, "v", record=0)
    run(1 * ms)
    assert G.v[:].tolist() == [1.0, 1.0]
    assert G.c[:].tolist() == [3.0, 3.0]
    assert M.v[0].tolist() == [1.0, 2.0, 3.0] * 3 + [1.0]  # as Brian2


@pytest.mark.parametrize("text, expected", [
    ("v += 1  # \\", "v += 1"),
    ("threshold: v > 1 # ??/", "threshold: v > 1"),
    ("reset 'c += 1  # x\nv = 0'", "reset 'c += 1; v = 0'"),
    ("a\\\nb */ ??/ \u00e9\x00", "a ; b */ /"),
])
def test_comment_text_is_one_safe_line(text, expected):
    from brian_cg.codegen.statements import Statement, comment_text

    assert comment_text(text) == expected
    assert Statement("v", "=", 1, comment=text).comment == expected
