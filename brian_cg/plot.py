"""Plotting helpers (matplotlib, an optional extra: ``pip install brian_cg[plot]``).

Each function draws on ``axes`` (default: the current axes) and returns it; times are
shown in ms, other values in the units they carry.
"""
import numpy as np

from .units import DIMENSIONLESS, Quantity, get_dimensions, ms

__all__ = ["brian_plot", "plot_raster", "plot_rate", "plot_state", "plot_synapses"]


def _axes(axes):
    if axes is not None:
        return axes
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("brian_cg.plot needs matplotlib: pip install brian_cg[plot]") from exc
    return plt.gca()


def _in_ms(times):
    return np.asarray(times / ms) if isinstance(times, Quantity) else np.asarray(times) * 1e3


def _unit_label(values):
    dim = get_dimensions(values)
    if dim is DIMENSIONLESS:
        return np.asarray(values), ""
    from .units.text import unit_text

    return np.asarray(values), f" ({unit_text(dim)})"


def plot_raster(indices, times, axes=None, marker=".", color="k", markersize=2, **kwds):
    """Spike raster: neuron index against time (ms)."""
    ax = _axes(axes)
    ax.plot(_in_ms(times), np.asarray(indices), marker, color=color, markersize=markersize,
            linestyle="none", **kwds)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("neuron index")
    return ax


def plot_state(times, values, axes=None, var_name="", **kwds):
    """Traces: ``values`` of shape (n_times,) or (n_traces, n_times) against time (ms)."""
    ax = _axes(axes)
    vals, unit = _unit_label(values)
    t = _in_ms(times)
    for row in np.atleast_2d(vals):
        ax.plot(t, row, **kwds)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel(f"{var_name}{unit}")
    return ax


def plot_rate(times, rate, axes=None, **kwds):
    """Population rate (Hz) against time (ms)."""
    ax = _axes(axes)
    ax.plot(_in_ms(times), np.asarray(rate), **kwds)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("rate (Hz)")
    return ax


def plot_synapses(sources, targets, values=None, plot_type="scatter", axes=None, **kwds):
    """Connectivity: a dot per synapse (coloured by ``values``) or an image of the matrix."""
    ax = _axes(axes)
    sources, targets = np.asarray(sources), np.asarray(targets)
    if plot_type == "image":
        n_pre = int(sources.max()) + 1 if len(sources) else 0
        n_post = int(targets.max()) + 1 if len(targets) else 0
        matrix = np.full((n_pre, n_post), np.nan)
        matrix[sources, targets] = 1 if values is None else np.asarray(values)
        ax.imshow(matrix.T, origin="lower", interpolation="nearest", aspect="auto", **kwds)
    elif plot_type == "scatter":
        ax.scatter(sources, targets, c=None if values is None else np.asarray(values),
                   marker=".", **kwds)
    else:
        raise ValueError(f"Unknown plot_type '{plot_type}': use 'scatter' or 'image'")
    ax.set_xlabel("source neuron index")
    ax.set_ylabel("target neuron index")
    return ax


def brian_plot(obj, axes=None, **kwds):
    """A sensible plot of a monitor or Synapses object."""
    from .monitors.ratemonitor import PopulationRateMonitor
    from .monitors.spikemonitor import EventMonitor
    from .monitors.statemonitor import StateMonitor
    from .synapses.synapses import Synapses

    if isinstance(obj, EventMonitor):
        return plot_raster(obj.i, obj.t, axes=axes, **kwds)
    if isinstance(obj, StateMonitor):
        var = obj.record_variables[0]
        return plot_state(obj.t, getattr(obj, var), axes=axes, var_name=var, **kwds)
    if isinstance(obj, PopulationRateMonitor):
        return plot_rate(obj.t, obj.rate, axes=axes, **kwds)
    if isinstance(obj, Synapses):
        return plot_synapses(obj.i[:], obj.j[:], axes=axes, **kwds)
    raise NotImplementedError(f"No default plot for {type(obj).__name__}")
