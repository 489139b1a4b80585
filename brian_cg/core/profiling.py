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



def profiling_summary(net=None, show=None):
    """The time spent in each object during the last profiled run of ``net``."""
    if net is None:
        from .magic import magic_network as net
    return ProfilingSummary(net.get_profiling_info(), show)


def scheduling_summary(net=None):
    """The objects of ``net`` (default: those ``run()`` would collect) in schedule order."""
    if net is None:
        from .magic import collect
        from .network import Network

        net = Network(collect())
    return _Summary(net.scheduling_summary())


class _Summary(str):
    def __repr__(self):
        return str(self)
