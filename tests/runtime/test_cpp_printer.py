"""The C++ printer: Python semantics of //, %, int(), powers; Philox bit for bit."""
import ctypes

import numpy as np
import pytest

from brian_cg.codegen.cpp_printer import print_cpp
from brian_cg.equations import parse_expression
from brian_cg.runtime.compiler import compile_and_load, compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason='no working C++ compiler')

EXPRESSIONS = ["i // 3", "i % 3", "i // -3", "i % -3", "x // 3", "x % 3", "x % -2.5", "int(x)",
               "x**2", "x**3", "x**-2", "x**0.5", "i/4", "i/N", "clip(x, -1, 2)", "abs(x)",
               "exprel(x)", "sign(x)", "floor(x)", "ceil(x)", "x**4 - 2*x", "2**x",
               "int(x) % 2"]


def _python_value(expr, x, i, N):
    env = {"x": x, "i": i, "N": N, "clip": lambda a, lo, hi: min(max(a, lo), hi),
           "exprel": lambda a: 1.0 if a == 0 else np.expm1(a) / a, "sign": np.sign,
           "floor": np.floor, "ceil": np.ceil, "abs": abs, "int": int}
    return float(eval(expr, env))  # test-only: our own fixed expressions


def test_python_semantics_of_integer_and_float_operations(fresh_cache):
    funcs = []
    for k, code in enumerate(EXPRESSIONS):
        body = print_cpp(parse_expression(code), {"i", "N"})
        funcs.append(f'extern "C" double f{k}(double x, int64_t i, int64_t N) '
                     f'{{ return (double)({body}); }}')
    from brian_cg.runtime.cpp_runtime import _read_common

    lib, _ = compile_and_load("#include <stdint.h>\n#include <math.h>\n"
                              + _read_common("brian_cg_support.h") + "\n".join(funcs))
    for k, code in enumerate(EXPRESSIONS):
        f = getattr(lib, f"f{k}")
        f.restype = ctypes.c_double
        f.argtypes = [ctypes.c_double, ctypes.c_int64, ctypes.c_int64]
        for x in (-7.5, -3.0, -2.2, -0.3, 0.0, 0.7, 2.5, 7.0):
            for i in (-7, -1, 0, 1, 5, 8):
                try:
                    want = _python_value(code, x, i, 4)
                except (ZeroDivisionError, TypeError, ValueError):
                    continue  # undefined in Python (0**-2, (-x)**0.5)
                got = f(x, i, 4)
                assert got == pytest.approx(want, rel=1e-14, abs=1e-300), (code, x, i)


def test_powers_are_products_and_division_is_true_division():
    assert print_cpp(parse_expression("x**2")) == "(x*x)"
    assert print_cpp(parse_expression("x**-3")) == "(1.0/(x*x*x))"
    assert print_cpp(parse_expression("i/N"), {"i", "N"}) == "i/(double)N"
    assert "_brian_floordiv" in print_cpp(parse_expression("i//N"), {"i", "N"})
    assert print_cpp(parse_expression("int(x)")) == "_brian_int(x)"


def test_philox_header_matches_numpy_bit_for_bit(fresh_cache):
    from brian_cg import rng
    from brian_cg.runtime.cpp_runtime import _read_common

    src = ("#include <stdint.h>\n#include <math.h>\n" + _read_common("philox.h") + r'''
extern "C" void fill(uint32_t seed, uint32_t oid, uint32_t stream, int64_t step, int64_t n,
                     const int64_t* idx, double* u, double* g) {
    for (int64_t k = 0; k < n; k++) {
        u[k] = bc_rand(seed, oid, stream, step, idx[k]);
        g[k] = bc_randn(seed, oid, stream, step, idx[k]);
    }
}''')
    lib, _ = compile_and_load(src)
    idx = np.concatenate([np.arange(5000), [2**31, 2**32 + 5, -1]]).astype(np.int64)
    for seed, oid, stream, step in [(0, 0, 0, 0), (1, 7, 3 << 16, 12345), (2**32 - 1, 99, 5, 2**33 + 17)]:
        u = np.empty(len(idx))
        g = np.empty(len(idx))
        lib.fill(ctypes.c_uint32(seed), ctypes.c_uint32(oid), ctypes.c_uint32(stream),
                 ctypes.c_int64(step), ctypes.c_int64(len(idx)),
                 idx.ctypes.data_as(ctypes.c_void_p), u.ctypes.data_as(ctypes.c_void_p),
                 g.ctypes.data_as(ctypes.c_void_p))
        np.testing.assert_array_equal(u, rng.uniform(seed, oid, stream, step, idx))
        np.testing.assert_allclose(g, rng.normal(seed, oid, stream, step, idx), rtol=1e-14,
                                   atol=1e-15)


def test_integer_beyond_int64_prints_as_a_double():
    # e.g. the numerator of a sum of fifty fractions: a wrapping 'LL' literal was garbage
    import sympy

    from brian_cg.codegen.cpp_printer import CppPrinter

    big = 7745148568732061547959
    assert CppPrinter().doprint(sympy.Integer(big)) == repr(float(big))
    assert CppPrinter().doprint(sympy.Integer(2**62)) == f"{2**62}LL"
