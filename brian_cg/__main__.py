"""``python -m brian_cg info``: version, targets (and why each is or is not available),
compiler and compile cache."""
import sys


def info():
    import numpy
    import sympy

    from . import __version__, cache
    from .core.preferences import prefs
    from .runtime import compiler
    from .runtime.registry import registered_targets

    print(f"brian_cg {__version__} (numpy {numpy.__version__}, sympy {sympy.__version__})")
    print(f"code generation target: prefs.codegen.target = {prefs.codegen.target!r}")
    print("registered targets:")
    for target in registered_targets():
        ok, reason = target.availability()
        names = f"'{target.name}'" + (f" (also {', '.join(repr(a) for a in target.aliases)})"
                                      if target.aliases else "")
        print(f"  {names}: {'available' if ok else 'NOT available'} ({reason})")
        print(f"      {target.description}")
    print(f"C++ compiler: {compiler.find_compiler() or 'none found'}")
    c = cache.info()
    print(f"compile cache: {c['location']} ({c['entries']} entries, "
          f"{c['bytes'] / 2**20:.1f} MiB); clear with brian_cg.cache.clear()")
    for other in c["locations"]:
        if other != c["location"]:
            print(f"  also searched (read-only): {other}")


def main(argv):
    if len(argv) < 2 or argv[1] != "info":
        print("usage: python -m brian_cg info")
        return 2
    info()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
