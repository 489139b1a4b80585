"""``profiling_summary``: where the time of a ``run(..., profile=True)`` went."""

__all__ = ["profiling_summary", "scheduling_summary"]


class ProfilingSummary:
    def __init__(self, entries, show=None):
        total = sum(t for _, t in entries) or 1.0
        self.entries = entries[:show] if show else entries
        self.total = total
        self.names = [name for name, _ in self.entries]
        from ..units import second

        self.times = [t * second for _, t in self.entries]

    def __repr__(self):
        if not self.entries:
            return "No profiling information: run with profile=True."
        width = max(len(n) for n, _ in self.entries)
        lines = ["Profiling summary", "=" * 17]
        for name, t in self.entries:
            lines.append(f"{name:<{width}}  {t:10.4f} s  {100 * t / self.total:6.2f} %")
        return "\n".join(lines)

    def _repr_html_(self):
        """Jupyter's display: a table of name, time and percentage (Brian's format)."""
        import html

        s = '<h2 class="brian_prof_summary_header">Profiling summary</h2>\n'
        if not self.entries:
            return s + "<p>No profiling information: run with profile=True.</p>"
        s += '<table class="brian_prof_summary_table">\n'
        # milliseconds, or seconds for a total over 1 s, as Brian
        scale, unit = (1.0, "s") if self.total > 1 else (1e3, "ms")
        for name, t in self.entries:
            s += (f"<tr><td>{html.escape(name)}</td><td style=\"text-align: right\">"
                  f"{t * scale:.2f} {unit}</td><td style=\"text-align: right\">"
                  f"{100 * t / self.total:.2f} %</td></tr>\n")
        return s + "</table>"


def profiling_summary(net=None, show=None):
    """The time spent in each object during the last profiled run of ``net``.

    Parameters
    ----------
    net : Network, optional
        Default: the network of ``run()``.
    show : int, optional
        Show only the most expensive ``show`` objects.

    Examples
    --------
    >>> G = NeuronGroup(100, 'dv/dt = -v/(10*ms) : 1', method='exact', name='cells')
    >>> run(10*ms, profile=True)
    >>> print(profiling_summary(show=1))
    Profiling summary
    =================
    cells_stateupdater ...
    """
    if net is None:
        from .magic import magic_network as net
    return ProfilingSummary(net.get_profiling_info(), show)


def scheduling_summary(net=None):
    """The objects of ``net`` (default: those ``run()`` would collect) in schedule order.

    Parameters
    ----------
    net : Network, optional
        Default: the objects ``run()`` would collect.

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1', threshold='v > 1', reset='v = 0', name='cells')
    >>> print(scheduling_summary())
    object                         when         order           dt
    cells                          groups           0       0.0001
    cells_stateupdater             groups           0       0.0001
    cells_spike_thresholder        thresholds       0       0.0001
    cells_spike_resetter           resets           0       0.0001
    """
    if net is None:
        from .magic import collect
        from .network import Network

        net = Network(collect())
    return _Summary(net.scheduling_summary())


class _Summary(str):
    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        """The summary's rows as an HTML table (Jupyter)."""
        import html

        rows = [line.split() for line in self.splitlines()]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n"
                       for row in rows[1:])
        return f"<table>\n<tr>{head}</tr>\n{body}</table>"
