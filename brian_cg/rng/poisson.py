"""Poisson samples from one uniform number each: ``poisson(lam)`` in model code.

Every target computes ``k = poisson_from_uniform(lam, u)`` from the same uniform ``u``
(a ``rand()`` of the code's random stream), with the same floating-point operations in
the same order (numpy here, C++ in ``templates/common/brian_cg_support.h``:
``_brian_poisson``), so numpy and compiled targets draw the same Poisson numbers.

The method is inversion by "chop-down search" from the mode (Kemp & Kemp 1991): ``u``
minus the probability of the mode ``m = floor(lam)``, then of ``m+1``, ``m-1``, ``m+2``,
``m-2``... until it turns negative. It is exact (every value k is returned for a set of
``u`` of measure P(k)) and takes O(1 + sqrt(lam)) steps. P(m) comes from
``exp(-lam + m*log(lam) - log(m!))``; ``log(m!)`` is the log of the product for
m < 30 and Stirling's series (error < 1e-16) above.
"""
import numpy as np

__all__ = ["log_factorial", "poisson_from_uniform"]

#: 0!, 1!, ..., 29!, multiplied in order (as the C++ loop does)
_FACTORIALS = np.cumprod(np.concatenate(([1.0], np.arange(1.0, 30.0))))
_HALF_LOG_2PI = 0.91893853320467274178


def log_factorial(m):
    """log(m!) for integer-valued float arrays ``m >= 0``."""
    m = np.asarray(m, dtype=np.float64)
    small = m < 30
    out = np.empty(m.shape)
    out[small] = np.log(_FACTORIALS[m[small].astype(np.int64)])
    x = m[~small] + 1.0
    out[~small] = ((x - 0.5) * np.log(x) - x + _HALF_LOG_2PI + 1.0 / (12.0 * x)
                   - 1.0 / (360.0 * x * x * x) + 1.0 / (1260.0 * x * x * x * x * x))
    return out


def poisson_from_uniform(lam, u):
    """Poisson(lam) samples (int64) from uniforms ``u`` in [0, 1) (arrays or scalars);
    0 where ``lam <= 0``; -1 where ``lam`` is not finite (no sample exists)."""
    lam, u = np.broadcast_arrays(np.asarray(lam, dtype=np.float64),
                                 np.asarray(u, dtype=np.float64))
    shape = lam.shape
    lam, u = lam.ravel(), u.ravel()
    out = np.zeros(lam.shape, dtype=np.float64)
    out[~np.isfinite(lam)] = -1
    act = np.flatnonzero(np.isfinite(lam) & (lam > 0))
    L = lam[act]
    m = np.floor(L)
    p = np.exp(-L + m * np.log(L) - log_factorial(m))
    U = u[act] - p
    result = m.copy()
    open_ = np.flatnonzero(~(U < 0))
    L, m, U = L[open_], m[open_], U[open_]
    lo, hi, plo, phi = m.copy(), m.copy(), p[open_], p[open_].copy()
    while open_.shape[0]:
        hi = hi + 1.0
        phi = phi * (L / hi)
        U = U - phi
        found = U < 0
        result[open_[found]] = hi[found]
        down = ~found & (lo > 0)
        plo[down] = plo[down] * (lo[down] / L[down])
        lo[down] = lo[down] - 1.0
        U[down] = U[down] - plo[down]
        found_down = down & (U < 0)
        result[open_[found_down]] = lo[found_down]
        # u beyond the summed probabilities (rounding): both tails are exhausted
        exhausted = ~found & ~found_down & (phi == 0) & ((lo == 0) | (plo == 0))
        keep = ~(found | found_down | exhausted)
        open_, L, m, U = open_[keep], L[keep], m[keep], U[keep]
        lo, hi, plo, phi = lo[keep], hi[keep], plo[keep], phi[keep]
    out[act] = result
    out = out.astype(np.int64).reshape(shape)
    return out if shape else int(out)
