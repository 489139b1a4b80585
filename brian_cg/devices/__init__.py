"""Devices: where a simulation runs. ``runtime`` (the default) runs from Python.

The standalone C++ project export is another device (later issue); selecting it
before it exists raises a clear error.
"""

__all__ = ["Device", "RuntimeDevice", "get_device", "set_device", "device", "all_devices"]


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


all_devices = {"runtime": RuntimeDevice()}
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
