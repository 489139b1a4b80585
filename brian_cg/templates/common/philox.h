// Philox4x32-10 counter-based random numbers: the C/C++ twin of brian_cg/rng/philox.py.
// Same definition, same bits: key = (seed, object), counter = (index, step lo, step hi, stream);
// uniform = 53 bits from (x0, x1); normal = Box-Muller cosine branch with u2 from (x2, x3).
// Plain C99/C++ with no dependencies so that the OpenCL/CUDA targets can include it as well.
#ifndef BRIAN_CG_PHILOX_H
#define BRIAN_CG_PHILOX_H
#include <stdint.h>
#include <math.h>

#ifndef BC_INLINE
#define BC_INLINE static inline
#endif

BC_INLINE void bc_philox4x32_10(uint32_t c[4], uint32_t k0, uint32_t k1)
{
    uint32_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t)0xD2511F53u * c0;
        uint64_t p1 = (uint64_t)0xCD9E8D57u * c2;
        uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
        uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
        c1 = (uint32_t)p1;
        c3 = (uint32_t)p0;
        c0 = n0;
        c2 = n2;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    c[0] = c0; c[1] = c1; c[2] = c2; c[3] = c3;
}

BC_INLINE uint64_t bc_philox_bits53(uint32_t x, uint32_t y)
{
    return ((uint64_t)(x >> 5) << 26) + (uint64_t)(y >> 6);
}

BC_INLINE void bc_philox_words(uint32_t c[4], uint32_t seed, uint32_t object_id, uint32_t stream,
                               int64_t step, int64_t index)
{
    uint64_t s = (uint64_t)step;
    c[0] = (uint32_t)(uint64_t)index;
    c[1] = (uint32_t)s;
    c[2] = (uint32_t)(s >> 32);
    c[3] = stream;
    bc_philox4x32_10(c, seed, object_id);
}

// Uniform in [0, 1): 53 random bits, exactly as brian_cg.rng.uniform.
BC_INLINE double bc_rand(uint32_t seed, uint32_t object_id, uint32_t stream, int64_t step,
                         int64_t index)
{
    uint32_t c[4];
    bc_philox_words(c, seed, object_id, stream, step, index);
    return (double)bc_philox_bits53(c[0], c[1]) * (1.0 / 9007199254740992.0);
}

// Standard normal, exactly as brian_cg.rng.normal: sqrt(-2 log(1 - u1)) * cos(2 pi u2).
BC_INLINE double bc_randn(uint32_t seed, uint32_t object_id, uint32_t stream, int64_t step,
                          int64_t index)
{
    uint32_t c[4];
    bc_philox_words(c, seed, object_id, stream, step, index);
    uint64_t k1 = bc_philox_bits53(c[0], c[1]);
    uint64_t k2 = bc_philox_bits53(c[2], c[3]);
    double r = (double)(((uint64_t)1 << 53) - k1) * (1.0 / 9007199254740992.0);
    r = sqrt(-2.0 * log(r));
    double a = (double)k2 * (6.283185307179586 / 9007199254740992.0);
    return r * cos(a);
}

#endif
