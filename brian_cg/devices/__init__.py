"""Devices: where a simulation runs. ``runtime`` (the default) runs from Python.

The standalone C++ project export is another device (later issue); selecting it
before it exists raises a clear error.
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
    """Base of devices; ``build`` only matters for project-exporting devices."""

    name = "device"

    def build(self, **kwds):
        raise NotImplementedError(f"Device '{self.name}' has nothing to build")

    def reinit(self):
        pass

    def activate(self, **kwds):
        pass

    def __repr__(self):
        return f"<{type(self).__name__} '{self.name}'>"


class RuntimeDevice(Device):
    """Runs generated code from Python (numpy, and compiled targets as they land)."""

    name = "runtime"


class StandaloneCompatibleDevice(RuntimeDevice):
    """``set_device('cpp_standalone')`` in a Brian script: the script runs unchanged.

    brian_cg does not export a standalone project yet; it runs such scripts in runtime
    mode with the compiled target (same results), and ``device.build()`` does nothing more.
    """

    name = "cpp_standalone"

    def activate(self, build_on_run=True, **kwds):
        from ..core.logger import get_logger

        self.build_on_run = build_on_run
        self.options = kwds
        get_logger(__name__).info(
            "Device 'cpp_standalone': brian_cg runs the script in runtime mode with the "
            "compiled target; results are the same, no project directory is written.")

    def build(self, directory=None, compile=True, run=True, debug=False, clean=False,
              with_output=True, **kwds):
        """Nothing to do: every run() already ran."""

    def reinit(self):
        pass

    def delete(self, code=True, data=True, directory=True, force=False):
        pass


all_devices = {"runtime": RuntimeDevice(), "cpp_standalone": StandaloneCompatibleDevice()}
_current = {"device": all_devices["runtime"]}


def get_device():
    return _current["device"]


def set_device(device, build_on_run=True, **kwds):
    """Select the device by name or instance."""
    if isinstance(device, str):
        if device not in all_devices:
            raise NotImplementedError(
                f"Device '{device}' is not available in this version of brian_cg "
                f"(available: {sorted(all_devices)})")
        device = all_devices[device]
    _current["device"] = device
    device.activate(build_on_run=build_on_run, **kwds)


class _CurrentDeviceProxy:
    """``device``: always the current device, as in Brian."""

    def __getattr__(self, name):
        return getattr(get_device(), name)

    def __repr__(self):
        return repr(get_device())


device = _CurrentDeviceProxy()


def reset_device(device=None):
    """Back to the runtime device (or ``device``)."""
    set_device(device or "runtime")
