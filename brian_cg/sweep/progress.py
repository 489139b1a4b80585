"""The progress of a sweep over its points: a tqdm bar when tqdm is installed, else a text
line (rewritten in place on a terminal, one line now and then otherwise), with the ETA."""
import sys
import time

__all__ = ["make_progress"]


def _duration(seconds):
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class _Silent:
    def update(self, result):
        pass

    def close(self):
        pass


class TextProgress:
    """``sweep: 12/64 points (1 failed), 2.1 s/point, ETA 1 min 49 s``."""

    def __init__(self, total, done=0, stream=None, interval=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.total, self.done, self.failed = total, done, 0
        self.start = time.perf_counter()
        self.run_here = 0  # points finished in this call (not read back from out=)
        self.last = -1e9
        self._show(force=True)

    def text(self):
        parts = [f"sweep: {self.done}/{self.total} points"]
        if self.failed:
            parts[0] += f" ({self.failed} failed)"
        elapsed = time.perf_counter() - self.start
        if self.run_here:
            per_point = elapsed / self.run_here
            parts.append(f"{per_point:.2g} s/point" if per_point < 10
                         else f"{_duration(per_point)}/point")
            if self.done < self.total:
                parts.append(f"ETA {_duration(per_point * (self.total - self.done))}")
            else:
                parts.append(f"took {_duration(elapsed)}")
        return ", ".join(parts)

    def _show(self, force=False):
        now = time.perf_counter()
        if not force and now - self.last < self.interval and self.done < self.total:
            return
        self.last = now
        if self.tty:
            self.stream.write("\r" + self.text().ljust(72))
        else:
            self.stream.write(self.text() + "\n")
        self.stream.flush()

    def update(self, result):
        self.done += 1
        self.run_here += 1
        self.failed += not result.ok
        self._show(force=self.done == self.total)

    def close(self):
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


class TqdmProgress:
    def __init__(self, total, done=0):
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, initial=done, desc="sweep", unit="point")
        self.failed = 0

    def update(self, result):
        if not result.ok:
            self.failed += 1
            self.bar.set_postfix(failed=self.failed, refresh=False)
        self.bar.update(1)

    def close(self):
        self.bar.close()


def make_progress(progress, total, done=0):
    """The progress display: ``progress`` True (tqdm if installed, else text), False, 'text'
    or 'tqdm'."""
    if progress is False or progress is None:
        return _Silent()
    if progress not in (True, "text", "tqdm"):
        raise ValueError(f"progress must be True, False, 'text' or 'tqdm', got {progress!r}")
    if progress in (True, "tqdm"):
        try:
            return TqdmProgress(total, done)
        except ImportError:
            if progress == "tqdm":
                raise ImportError("progress='tqdm' needs tqdm (pip install tqdm)") from None
    return TextProgress(total, done)
