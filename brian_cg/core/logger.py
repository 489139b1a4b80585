"""Logging: brian_cg's messages go through ``logging`` under the ``brian_cg`` logger.

As in Brian, INFO messages (e.g. which integration method was chosen) are shown on
the console by default; ``BrianLogger`` changes the level.
"""
import logging
import sys

__all__ = ["BrianLogger", "get_logger", "warn_once"]

_ROOT = logging.getLogger("brian_cg")


class _Formatter(logging.Formatter):
    def format(self, record):
        return f"{record.levelname:7s} {record.getMessage()} [{record.name}]"


def _install_console_handler():
    if not any(getattr(h, "_brian_cg", False) for h in _ROOT.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Formatter())
        handler._brian_cg = True
        _ROOT.addHandler(handler)
        _ROOT.setLevel(logging.INFO)
        _ROOT.propagate = False


def get_logger(name):
    """A logger below ``brian_cg`` (``name`` is usually ``__name__``).

    Parameters
    ----------
    name : str
        The logger's name; ``brian_cg.`` is prefixed where missing.

    Examples
    --------
    >>> get_logger('my_model').name
    'brian_cg.my_model'
    """
    _install_console_handler()
    return logging.getLogger(name if name.startswith("brian_cg") else f"brian_cg.{name}")


_said = set()


def warn_once(logger, message):
    """Log ``message`` as a WARNING the first time only (Brian's ``once=True``)."""
    if message in _said:
        return
    _said.add(message)
    logger.warning(message)


class BrianLogger:
    """Set how much brian_cg logs to the console (Brian's ``BrianLogger`` interface).

    Its static methods ``log_level_debug()``, ``log_level_diagnostic()``,
    ``log_level_info()``, ``log_level_warn()`` and ``log_level_error()`` set the level
    of the console handler; ``prefs.logging.console_log_level`` gives the initial one.

    Examples
    --------
    >>> BrianLogger.log_level_warn()   # no INFO messages (e.g. the method chosen)
    >>> BrianLogger.log_level_info()
    """

    @staticmethod
    def _set(level):
        _install_console_handler()
        _ROOT.setLevel(level)

    @staticmethod
    def log_level_debug():
        BrianLogger._set(logging.DEBUG)

    @staticmethod
    def log_level_diagnostic():
        BrianLogger._set(logging.DEBUG - 5)

    @staticmethod
    def log_level_info():
        BrianLogger._set(logging.INFO)

    @staticmethod
    def log_level_warn():
        BrianLogger._set(logging.WARNING)

    @staticmethod
    def log_level_error():
        BrianLogger._set(logging.ERROR)

    @staticmethod
    def suppress_name(name):
        """Silence messages from loggers whose name starts with ``name``."""
        logging.getLogger(name if name.startswith("brian_cg") else f"brian_cg.{name}").setLevel(
            logging.CRITICAL + 1)

    suppress_hierarchy = suppress_name
