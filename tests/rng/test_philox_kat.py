"""Random123's known-answer vectors for Philox4x32-10, on every path that makes numbers: the
numpy block function (scalar, vectorised, array keys), the address mapping of uniform/normal
and their block forms, and the C header. A changed round constant, multiplier, Weyl constant
or word order on both sides fails here (a numpy-vs-C++ comparison would not see it)."""
import ctypes
import math

import numpy as np
import pytest

from brian_cg.rng import normal, normal_block, philox4x32, uniform, uniform_block

# Random123 1.14, tests/kat_vectors, the three "philox4x32 10" lines:
# counter (4 words), key (2 words) -> output (4 words)
KAT = [
    ((0x00000000, 0x00000000, 0x00000000, 0x00000000), (0x00000000, 0x00000000),
     (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF), (0xFFFFFFFF, 0xFFFFFFFF),
     (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
]


def _uniform_of(x0, x1):
    return ((x0 >> 5) * 67108864 + (x1 >> 6)) / 9007199254740992.0


def _normal_of(x):
    u1, u2 = _uniform_of(x[0], x[1]), _uniform_of(x[2], x[3])
    return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)


def _address(counter, key):
    """(seed, object_id, stream, step, index) whose Philox input is (counter, key)."""
    index, step_lo, step_hi, stream = counter
    return key[0], key[1], stream, (step_hi << 32) | step_lo, index


@pytest.mark.parametrize("counter, key, expected", KAT)
def test_block_function_gives_random123_answers(counter, key, expected):
    assert tuple(int(x) for x in philox4x32(*counter, *key)) == expected
    for n in (1, 7, 1000):  # vectorised counters, scalar key
        words = philox4x32(*[np.full(n, c, dtype=np.uint64) for c in counter], *key)
        for word, want in zip(words, expected):
            assert word.dtype == np.uint32 and (word == want).all()
    words = philox4x32(*counter, np.full(3, key[0]), np.full(3, key[1]))  # array keys
    assert [w.tolist() for w in words] == [[e] * 3 for e in expected]


@pytest.mark.parametrize("counter, key, expected", [KAT[0], KAT[2]])
def test_addressed_numbers_give_random123_answers(counter, key, expected):
    seed, oid, stream, step, index = _address(counter, key)
    u, n = _uniform_of(*expected[:2]), _normal_of(expected)
    for count in (1, 6, 7, 100):  # the small (Python integer) and the vectorised paths
        indices = np.full(count, index, dtype=np.int64)
        assert (uniform(seed, oid, stream, step, indices) == u).all()
        assert np.allclose(normal(seed, oid, stream, step, indices), n, rtol=1e-15, atol=0)
        block = uniform_block(seed, oid, stream, step, 3, indices)
        assert (block[0] == u).all() and (block[1] != u).all()
        assert np.allclose(normal_block(seed, oid, stream, step, 2, indices)[0], n,
                           rtol=1e-15, atol=0)
    # the same number as the last row of a block that starts earlier
    if step >= 2:
        assert uniform_block(seed, oid, stream, step - 2, 3, np.array([index]))[2, 0] == u


def test_c_header_gives_random123_answers():
    from brian_cg.runtime.compiler import compile_and_load, compiler_works
    from brian_cg.runtime.cpp_runtime import _read_common

    works, reason = compiler_works()
    if not works:
        pytest.skip(f"compiled target not available: {reason}")
    source = ("#include <stdint.h>\n#include <math.h>\n" + _read_common("philox.h") + r'''
extern "C" void kat(const uint32_t* in, uint32_t* out) {
    uint32_t c[4] = {in[0], in[1], in[2], in[3]};
    bc_philox4x32_10(c, in[4], in[5]);
    for (int k = 0; k < 4; k++) out[k] = c[k];
}
extern "C" double kat_rand(uint32_t seed, uint32_t oid, uint32_t stream, int64_t step,
                           int64_t index) { return bc_rand(seed, oid, stream, step, index); }
extern "C" double kat_randn(uint32_t seed, uint32_t oid, uint32_t stream, int64_t step,
                            int64_t index) { return bc_randn(seed, oid, stream, step, index); }
''')
    lib, _ = compile_and_load(source)
    lib.kat_rand.restype = lib.kat_randn.restype = ctypes.c_double
    args = [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_int64, ctypes.c_int64]
    lib.kat_rand.argtypes = lib.kat_randn.argtypes = args
    for counter, key, expected in KAT:
        inp = np.array(counter + key, dtype=np.uint32)
        out = np.zeros(4, dtype=np.uint32)
        lib.kat(inp.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p))
        assert tuple(out.tolist()) == expected
        if counter != KAT[1][0]:  # all-ones: its step is not a valid (non-negative) step
            address = _address(counter, key)
            assert lib.kat_rand(*address) == _uniform_of(*expected[:2])
            assert lib.kat_randn(*address) == pytest.approx(_normal_of(expected), rel=1e-15)
