// Support functions of generated C-family code: Python semantics where C's differ.
// Included by every C-family target (compiled runtime, later standalone, OpenCL, CUDA):
// plain C, no overloads, no templates.
#ifndef BRIAN_CG_SUPPORT_H
#define BRIAN_CG_SUPPORT_H
#include <stdint.h>
#include <math.h>
#include <stdlib.h>

// a % b with the sign of b (Python, numpy.remainder); numpy gives 0 for b == 0 (with a
// warning) where C would trap, so do the same. One function per type (no overloads: the
// printer picks one, so that C, OpenCL C and CUDA read the same code).
static inline int64_t _brian_mod_i64(int64_t a, int64_t b) {
    if (b == 0) return 0;
    int64_t r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
static inline int32_t _brian_mod_i32(int32_t a, int32_t b) { return (int32_t)_brian_mod_i64((int64_t)a, (int64_t)b); }
static inline double _brian_mod_f64(double a, double b) {
    double r = fmod(a, b);
    if (r != 0.0) { if ((b < 0) != (r < 0)) r += b; }
    else r = copysign(0.0, b);
    return r;
}

// a // b for integers, rounding towards minus infinity (Python)
static inline int64_t _brian_floordiv(int64_t a, int64_t b) {
    if (b == 0) return 0;  // numpy's result (C would trap)
    int64_t q = a / b;
    return ((a % b != 0) && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int64_t _brian_int(double x) { return (int64_t)x; }
static inline int64_t _brian_abs_i64(int64_t x) { return x < 0 ? -x : x; }
static inline int32_t _brian_abs_i32(int32_t x) { return x < 0 ? -x : x; }
static inline double _brian_sign(double x) { return x != x ? x : (double)((x > 0) - (x < 0)); }
static inline double _brian_min(double a, double b) { return (a != a || b != b) ? NAN : (a < b ? a : b); }
static inline double _brian_max(double a, double b) { return (a != a || b != b) ? NAN : (a > b ? a : b); }
static inline double _brian_clip(double x, double lo, double hi) { return _brian_min(_brian_max(x, lo), hi); }
static inline double _brian_exprel(double x) { return fabs(x) < 1e-16 ? 1.0 : expm1(x) / x; }
// the time step of time t (same formula as numpy_runtime._timestep)
static inline int64_t _brian_timestep(double t, double dt) { return (int64_t)((t + 1e-3 * dt) / dt); }

// poisson(lam) from one uniform u: chop-down inversion from the mode, the same operations
// in the same order as brian_cg/rng/poisson.py (so both targets draw the same numbers)
static inline double _brian_log_factorial(double m) {
    if (m < 30) {
        double f = 1.0;
        for (double j = 1.0; j <= m; j += 1.0) f *= j;
        return log(f);
    }
    const double x = m + 1.0;
    return (x - 0.5) * log(x) - x + 0.91893853320467274178 + 1.0 / (12.0 * x)
           - 1.0 / (360.0 * x * x * x) + 1.0 / (1260.0 * x * x * x * x * x);
}
static inline double _brian_poisson(double lam, double u) {
    if (!(lam - lam == 0)) return -1;  // not finite: no sample
    if (!(lam > 0)) return 0;
    const double m = floor(lam);
    const double p = exp(-lam + m * log(lam) - _brian_log_factorial(m));
    u = u - p;
    if (u < 0) return m;
    double lo = m, hi = m, plo = p, phi = p;
    for (;;) {
        hi = hi + 1.0;
        phi = phi * (lam / hi);
        u = u - phi;
        if (u < 0) return hi;
        if (lo > 0) {
            plo = plo * (lo / lam);
            lo = lo - 1.0;
            u = u - plo;
            if (u < 0) return lo;
        }
        if (phi == 0 && (lo == 0 || plo == 0)) return m;
    }
}

// A TimedArray's value at time t (Brian's lookup): sample int(round(t/eps)/K), eps = dt/K,
// clipped to [0, n - 1]; 2-D values (one column per element) are read at column i.
static inline double _brian_timedarray(const double* values, int64_t n, int64_t cols,
                                       double K, double eps, double t, int64_t i) {
    int64_t k = (int64_t)(nearbyint(t / eps) / K);
    k = k < 0 ? 0 : (k > n - 1 ? n - 1 : k);
    return values[k * cols + i];
}

#endif
