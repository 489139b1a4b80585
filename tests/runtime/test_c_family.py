"""C-family code that every C-family target can read: printed expressions and the support
headers compile as C99 (no overloads, lambdas or templates); user functions with C++ code;
the target macros are the only place a target changes the kernels."""
import os
import shutil
import subprocess

import numpy as np
import pytest

from brian_cg.codegen.cpp_printer import print_cpp
from brian_cg.codegen.templates import TEMPLATE_ROOT, read_common
from brian_cg.equations import parse_expression
from brian_cg.runtime.compiler import compiler_works

needs_compiler = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")
C_COMPILER = shutil.which("gcc") or shutil.which("cc")

EXPRESSIONS = ["i // 3", "i % 3", "i % N", "x % 3", "x % -2.5", "int(x) % 2", "abs(i)", "abs(x)",
               "abs(N)", "clip(x, -1, 2)", "exprel(x)", "sign(x)", "x**0.5", "i/N", "ta(t)",
               "tb(t, i)", "x > 1 and not (i == 2 or x < 0)", "floor(x) + ceil(x)"]


@pytest.mark.skipif(C_COMPILER is None, reason="no C compiler")
def test_printed_code_and_support_headers_are_plain_c99(tmp_path):
    lines = []
    for k, code in enumerate(EXPRESSIONS):
        body = print_cpp(parse_expression(code), {"i", "N"}, int32_names={"i"})
        assert "auto" not in body and "[=]" not in body and "template" not in body
        lines.append(f"double f{k}(double x, int32_t i, int64_t N, double t) "
                     f"{{ return (double)({body}); }}")
    source = ("#include <stdint.h>\n#include <stdbool.h>\n#include <math.h>\n"
              + read_common("brian_cg_support.h") + read_common("philox.h")
              + "static const double _tv[4] = {0, 1, 2, 3};\n"
              + "#define ta(_t) _brian_timedarray(_tv, 4, 1, 1.0, 0.001, (_t), 0)\n"
              + "#define tb(_t, _i) _brian_timedarray(_tv, 2, 2, 1.0, 0.001, (_t), (_i))\n"
              + "\n".join(lines) + "\n")
    path = tmp_path / "printed.c"
    path.write_text(source)
    proc = subprocess.run([C_COMPILER, "-std=c99", "-pedantic-errors", "-fsyntax-only",
                           str(path)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_printer_picks_the_support_function_by_type():
    assert print_cpp(parse_expression("i % 3"), {"i"}, int32_names={"i"}) == "_brian_mod_i32(i, 3)"
    assert print_cpp(parse_expression("i % N"), {"i", "N"}, int32_names={"i"}) == \
        "_brian_mod_i64(i, N)"
    assert print_cpp(parse_expression("x % 3")) == "_brian_mod_f64(x, 3)"
    assert print_cpp(parse_expression("abs(i)"), {"i"}, int32_names={"i"}) == "_brian_abs_i32(i)"
    assert print_cpp(parse_expression("abs(x)")) == "fabs(x)"


def _function_model(target, function):
    from brian_cg import Network, NeuronGroup, StateMonitor, ms, prefs

    prefs.codegen.target = target
    G = NeuronGroup(3, "dv/dt = (cube(v) + 0.5 - v)/(10*ms) : 1", method="euler",
                    namespace={"cube": function})
    G.v = "i * 0.3"
    M = StateMonitor(G, "v", record=True)
    Network(G, M).run(5 * ms)
    return M.v[:]


@needs_compiler
def test_a_function_with_cpp_code_runs_compiled_like_its_python_twin():
    from brian_cg import check_units, implementation, start_scope

    @implementation("cpp", "static inline double cube(double x) { return x*x*x; }")
    @check_units(x=1, result=1)
    def cube(x):
        return x ** 3

    @implementation("cpp", "static inline double my_cube(double x) { return x*x*x; }",
                    name="my_cube")
    @check_units(x=1, result=1)
    def renamed(x):
        return x ** 3

    # target 'cpp' (not 'auto'): code it cannot compile raises instead of running as numpy
    ref = _function_model("numpy", cube)
    start_scope()
    got = _function_model("cpp", cube)
    start_scope()
    got_renamed = _function_model("cpp", renamed)
    np.testing.assert_allclose(got, ref, rtol=1e-13)
    np.testing.assert_allclose(got_renamed, ref, rtol=1e-13)


@needs_compiler
def test_a_target_changes_kernels_through_its_macros_only(tmp_path):
    """A target whose macros loop over elements backwards, every kernel body taken from the
    compiled target's folder: same results, its own source."""
    from brian_cg import (
        Network,
        NeuronGroup,
        SpikeMonitor,
        StateMonitor,
        ms,
        prefs,
        seed,
        start_scope,
    )
    from brian_cg.runtime.cpp_target import CppTarget
    from brian_cg.runtime.registry import register_target, unregister_target

    folder = tmp_path / "backwards"
    folder.mkdir()
    with open(os.path.join(TEMPLATE_ROOT, "cpp", "_target.cpp.j2")) as f:
        macros = f.read()
    forward = "for (int64_t _vidx = {{ first }}; _vidx < {{ last }}; _vidx++) {"
    assert forward in macros
    macros = macros.replace(forward, "for (int64_t _vidx = {{ last }} - 1; "
                                     "_vidx >= {{ first }}; _vidx--) {")
    (folder / "_target.cpp.j2").write_text(macros)

    class Backwards(CppTarget):
        name = "cpp_backwards_test"
        aliases = ()
        auto_priority = None
        template_path = (str(folder), "cpp")

        def __init__(self):
            self.sources = []

        def compile(self, source, check=None):
            self.sources.append(source)
            return super().compile(source, check)

    def model(target):
        start_scope()
        prefs.codegen.target = target
        seed(3)
        G = NeuronGroup(50, "dv/dt = (1.2 - v)/(10*ms) + 0.2*xi/sqrt(ms) : 1",
                        threshold="v > 1", reset="v = 0", method="euler")
        M = SpikeMonitor(G)
        V = StateMonitor(G, "v", record=[0, 49])
        Network(G, M, V).run(20 * ms)
        return M.i[:], M.t_[:], V.v[:]

    target = register_target(Backwards())
    try:
        ref = model("cpp")
        got = model("cpp_backwards_test")
    finally:
        unregister_target("cpp_backwards_test")
    for a, b in zip(got, ref):
        np.testing.assert_array_equal(a, b)
    assert any("_vidx--" in s for s in target.sources)
