"""brian_cg's version: a leaf module, so that any layer may read it."""

__all__ = ["__version__", "package_version"]

__version__ = "0.1.0"


def package_version():
    """The version that cache keys hold: the installed distribution's, or 'dev' when
    brian_cg runs from a source tree."""
    try:
        from importlib.metadata import version

        return version("brian_cg")
    except Exception:
        return "dev"
