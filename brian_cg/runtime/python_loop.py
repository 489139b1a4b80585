"""The Python loop: scheduled steps that are Python callables, run step after step.

The loop runner of targets whose code objects are Python functions (numpy), and the
loop of a profiled run (each object timed). A compiled target brings its own runner.
"""
import time

__all__ = ["PythonLoop"]


class PythonLoop:
    """Runs ``schedule`` [(object, clock, step functions)] over ``clocks`` (each with its
    ``_run_end`` set), in Brian's order: with one clock a flat list of functions per step;
    with several, the objects whose clock is due, in schedule order."""

    def __init__(self, schedule, clocks):
        self.schedule = schedule
        self.clocks = clocks

    def run(self, reporter=None, should_stop=lambda: False, profile=None):
        """Advance every clock to its end. ``profile``: a dict object name -> seconds to
        add each object's time to."""
        if not self.clocks:
            return
        if len(self.clocks) == 1 and profile is None:
            funcs = [f for _, _, fs in self.schedule for f in fs]
            self._run_single_clock(self.clocks[0], funcs, reporter, should_stop)
        else:
            self._run_multi_clock(reporter, should_stop, profile)

    def profile_schedule(self, schedule):
        return schedule

    def finish(self):
        pass

    @staticmethod
    def _run_single_clock(clock, funcs, reporter, should_stop):
        start, end = clock.timestep, clock._run_end
        chunk = end - start if reporter is None else (1 if reporter.period == 0 else 64)
        step = start
        t0 = time.perf_counter()
        while step < end:
            stop = min(step + chunk, end)
            for ts in range(step, stop):
                clock.timestep = ts
                for f in funcs:
                    f()
                if should_stop():  # stop() from a network_operation: end after this step
                    clock.timestep = ts + 1
                    return
            step = stop
            if reporter is not None:
                reporter(time.perf_counter() - t0, (step - start) / max(end - start, 1), check=True)
        clock.timestep = end

    def _run_multi_clock(self, reporter, should_stop, profile):
        clocks, schedule = self.clocks, self.schedule
        total = sum(c._run_end - c.timestep for c in clocks)
        done = 0
        t0 = time.perf_counter()
        while True:
            active = [c for c in clocks if c.timestep < c._run_end]
            if not active:
                break
            t_now = min(c.t_ for c in active)
            current = {id(c) for c in active if c.t_ - t_now < 1e-3 * c.dt_}
            for obj, clock, funcs in schedule:
                if id(clock) in current:
                    if profile is not None:
                        tic = time.perf_counter()
                        for f in funcs:
                            f()
                        profile[obj.name] += time.perf_counter() - tic
                    else:
                        for f in funcs:
                            f()
            for c in active:
                if id(c) in current:
                    c.timestep += 1
                    done += 1
            if should_stop():
                return
            if reporter is not None and done % 64 == 0:
                reporter(time.perf_counter() - t0, done / max(total, 1), check=True)
