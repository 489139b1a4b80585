"""Binning and smoothing of recorded rates (Brian's ``binned_rate`` and ``smooth_rate``)."""
import numpy as np

from ..core.logger import get_logger
from ..units import Quantity, fail_for_dimension_mismatch, second

__all__ = ["bin_steps", "event_binned_rate", "smooth"]

_HERTZ = (1 / second).dim
logger = get_logger(__name__)


def bin_steps(bin_size, dt):
    """The number of steps ``dt`` (seconds) in ``bin_size``; it must be a multiple of dt."""
    fail_for_dimension_mismatch(bin_size, second, "The bin size must be a time")
    bin_size = float(np.asarray(bin_size))
    if (bin_size / dt) % 1 > 1e-6:
        raise ValueError("bin_size has to be a multiple of dt.")
    return int((bin_size + 1e-3 * dt) / dt)  # Brian's timestep(bin_size, dt)


def event_binned_rate(t, i, n_neurons, clock, bin_size):
    """Per-neuron rates in bins of ``bin_size`` from event times ``t`` (seconds) and indices
    ``i``: bins start at 0 and cover the complete bins up to the clock's current step
    (events of an incomplete last bin are not counted)."""
    dt = clock.dt_
    steps = bin_steps(bin_size, dt)
    n_bins = int(clock.timestep // steps)
    bins = Quantity.with_dimensions(np.arange(n_bins) * steps * dt, second.dim)
    counts = np.zeros((n_neurons, n_bins))
    if len(t):
        which = ((np.asarray(t) + 1e-3 * dt) / dt).astype(np.int64) // steps
        inside = which < n_bins
        np.add.at(counts, (np.asarray(i)[inside], which[inside]), 1)
    return bins, Quantity.with_dimensions(counts / float(np.asarray(bin_size)), _HERTZ)


def smooth(rates, window, width, dt):
    """``rates`` (1-D, or 2-D with time last), one value per step ``dt``, convolved with a
    window normalised to a sum of 1: ``'gaussian'`` (``width`` the standard deviation, the
    window spans +-2 widths), ``'flat'`` (``2*round(width/(2*dt)) + 1`` steps, Brian's rule
    with numpy's round half to even: 0.7 ms at dt = 0.1 ms gives 9 steps, 0.9 ms also 9,
    1.1 ms 13; the adjusted width is logged) or an array of odd length."""
    if width is None and isinstance(window, str):
        raise TypeError("Need a width when using a predefined window.")
    if width is not None and not isinstance(window, str):
        raise TypeError("Can only specify a width for a predefined window")
    if isinstance(window, str):
        fail_for_dimension_mismatch(width, second, "The width of the window must be a time")
        width_ = float(np.asarray(width))
        if window == "gaussian":
            half = int(np.round(2 * width_ / dt))
            kernel = np.exp(-(np.arange(-half, half + 1) ** 2) * 1.0 / (2 * (width_ / dt) ** 2))
        elif window == "flat":
            n = int(np.round(width_ / (2 * dt))) * 2 + 1
            if abs(n * dt - width_) > 1e-6 * dt:
                logger.info(f"width adjusted from {Quantity.with_dimensions(width_, second.dim)} "
                            f"to {Quantity.with_dimensions(n * dt, second.dim)}")
            kernel = np.ones(n)
        else:
            raise NotImplementedError(f'Unknown pre-defined window "{window}"')
    else:
        kernel = np.asarray(window, dtype=float)
        if kernel.ndim != 1:
            raise TypeError("The provided window has to be one-dimensional.")
        if len(kernel) % 2 != 1:
            raise TypeError("The window has to have an odd number of values.")
    kernel = kernel / kernel.sum()
    rates = np.asarray(rates, dtype=float)
    if rates.ndim == 1:
        out = np.convolve(rates, kernel, mode="same")
    else:
        out = np.zeros(rates.shape)
        for k in range(rates.shape[0]):
            out[k] = np.convolve(rates[k], kernel, mode="same")
    return Quantity.with_dimensions(out, _HERTZ)
