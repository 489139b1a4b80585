"""Devices: where a simulation runs. ``runtime`` (the default) runs from Python.

``cpp_standalone`` is accepted so that scripts written for Brian's standalone mode run
unchanged: brian_cg runs every ``run()`` at once (with the compiled target under
``'auto'``), and ``device.build()`` checks its arguments the way Brian does and
does nothing more. ``device.build()`` on the runtime device does nothing, as in Brian.
"""

__all__ = [
    "Device",
    "RuntimeDevice",
    "StandaloneCompatibleDevice",
    "all_devices",
    "device",
    "get_device",
    "reset_device",
    "set_device",
]


class Device:
    """Base of devices: ``activate`` keeps ``build_on_run`` and the build options."""

    name = "device"

    def __init__(self):
        self.build_on_run = True
        self.build_options = {}

    def activate(self, build_on_run=True, **kwargs):
        """Called when this device becomes the current one (``set_device``)."""
        self.build_on_run = build_on_run
        self.build_options = dict(kwargs)

    def build(self, **kwds):
        """For project-exporting devices; does nothing in runtime mode (as in Brian)."""

    def reinit(self):
        """Forget the device's state (standalone devices); nothing for runtime."""

    def delete(self, data=True, code=True, directory=True, force=False):
        """Delete files a device wrote; runtime writes none."""

    def insert_code(self, slot, code):
        """Code for a standalone project; runtime devices ignore it, with a warning as Brian."""
        from ..core.logger import get_logger

        get_logger(__name__).warning(f"Ignoring device code, unknown slot: {slot}, code: {code}")

    def __repr__(self):
        return f"<{type(self).__name__} '{self.name}'>"


class RuntimeDevice(Device):
    """Runs generated code from Python (numpy, and compiled targets as they land)."""

    name = "runtime"


#: Brian's names of the old keyword arguments of ``build``.
_BUILD_RENAMES = {"project_dir": "directory", "compile_project": "compile",
                  "run_project": "run"}


class StandaloneCompatibleDevice(RuntimeDevice):
    """``set_device('cpp_standalone')`` in a Brian script: the script runs unchanged.

    brian_cg does not export a standalone project; it runs such scripts in runtime
    mode (same results, available as soon as each ``run()`` returns).
    ``device.build()`` refuses what Brian's refuses (a manual build with
    ``build_on_run=True``, a second build without ``device.reinit()``, unknown
    arguments); ``device.reinit()`` followed by ``device.activate()`` starts a new
    simulation at t = 0 with the default ``dt`` of 0.1 ms, as in Brian.
    """

    name = "cpp_standalone"

    def __init__(self):
        super().__init__()
        self.has_been_run = False
        self.project_dir = None

    def activate(self, build_on_run=True, **kwargs):
        from ..core.logger import get_logger

        super().activate(build_on_run=build_on_run, **kwargs)
        get_logger(__name__).debug(
            "Device 'cpp_standalone': brian_cg runs the script in runtime mode; results "
            "are the same, no project directory is written.")

    def build(self, directory="output", results_directory="results", compile=True, run=True,
              debug=False, clean=False, with_output=True, additional_source_files=None,
              run_args=None, direct_call=True, **kwds):
        """Nothing to compute (every ``run()`` already ran); Brian's checks of the call."""
        import os

        if self.build_on_run and direct_call:
            raise RuntimeError(
                "You used set_device with build_on_run=True (the default option), which will "
                "automatically build the simulation at the first encountered run call - do "
                "not call device.build manually in this case. If you want to call it "
                "manually, e.g. because you have multiple run calls, use set_device with "
                "build_on_run=False.")
        if self.has_been_run:
            raise RuntimeError(
                "The network has already been built and run before. To build several "
                'simulations in the same script, call "device.reinit()" and '
                '"device.activate()". Note that you will have to set build options (e.g. the '
                "directory) and defaultclock.dt again.")
        if kwds:
            raise TypeError(" ".join(
                f"Keyword argument '{k}' has been renamed to '{_BUILD_RENAMES[k]}'."
                if k in _BUILD_RENAMES else f"Unknown keyword argument '{k}'." for k in kwds))
        if os.path.isabs(results_directory):
            raise TypeError("The 'results_directory' argument needs to be a relative path but "
                            f"was '{results_directory}'.")
        self.project_dir = directory
        self.has_been_run = True

    def reinit(self):
        """A new simulation: t = 0, ``defaultclock.dt`` back to 0.1 ms, objects created
        so far no longer collected by ``run()`` (Brian re-creates its device)."""
        from ..core.base import start_scope
        from ..core.clock import defaultclock
        from ..units import second

        build_on_run, build_options = self.build_on_run, self.build_options
        self.__init__()
        self.build_on_run, self.build_options = build_on_run, build_options
        start_scope()
        defaultclock.dt = 0.1e-3 * second
        defaultclock.reset()


all_devices = {"runtime": RuntimeDevice(), "cpp_standalone": StandaloneCompatibleDevice()}
_current = {"device": all_devices["runtime"]}
#: Devices set before the current one, with their options: (device, build_on_run, options).
_previous = []


def get_device():
    """The current device (``'runtime'`` unless ``set_device`` chose another).

    Examples
    --------
    >>> get_device()
    <RuntimeDevice 'runtime'>
    """
    return _current["device"]


def _activate(device, build_on_run=True, **kwargs):
    if isinstance(device, str):
        if device not in all_devices:
            raise NotImplementedError(
                f"Device '{device}' is not available in this version of brian_cg "
                f"(available: {sorted(all_devices)})")
        device = all_devices[device]
    _current["device"] = device
    device.activate(build_on_run=build_on_run, **kwargs)


def set_device(device, build_on_run=True, **kwargs):
    """Select the device by name or instance.

    ``'runtime'`` (the default) runs code from Python. ``'cpp_standalone'`` lets Brian2
    scripts written for standalone mode run unchanged: each ``run()`` is executed at once
    and ``device.build()`` checks its arguments but writes no project.

    Parameters
    ----------
    device : str or Device
        ``'runtime'``, ``'cpp_standalone'`` or a device object.
    build_on_run : bool
        Standalone devices: whether ``run()`` builds the project (then ``device.build``
        must not be called). Ignored by the runtime device.
    **kwargs
        Build options (``device.build_options``), used when ``build_on_run`` is true.

    Examples
    --------
    >>> set_device('cpp_standalone', directory=None)
    >>> G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    >>> run(10*ms)
    >>> print(f"{G.v[0]:.3f}")   # available at once
    0.010
    >>> reset_device()
    """
    current = get_device()
    _previous.append((current, current.build_on_run, current.build_options))
    _activate(device, build_on_run, **kwargs)


class _CurrentDeviceProxy:
    """``device``: always the current device, as in Brian."""

    def __getattr__(self, name):
        return getattr(get_device(), name)

    def __setattr__(self, name, value):
        setattr(get_device(), name, value)

    def __repr__(self):
        return repr(get_device())


device = _CurrentDeviceProxy()


def reset_device(device=None):
    """Back to the device set before the current one (or to ``device``), with the options
    it had; the runtime device when there is none (Brian's ``reset_device``).

    Parameters
    ----------
    device : str or Device, optional
        The device to select instead of the previous one.

    Examples
    --------
    >>> set_device('cpp_standalone')
    >>> reset_device()
    >>> get_device().name
    'runtime'
    """
    if isinstance(device, str):
        device = all_devices[device]
    if device is None and not _previous:
        device, build_on_run, options = all_devices["runtime"], True, {}
    elif device is None:
        device, build_on_run, options = _previous.pop()
    else:
        build_on_run, options = device.build_on_run, device.build_options
    _activate(device, build_on_run, **options)
