"""The compiled C++ target ('cpp'; Brian's name 'cython' is an alias).

Every operation is a C++ function; at ``Network.run`` the functions of all scheduled
objects go into one library with a loop that advances many steps without returning to
Python (``cpp_runtime.CompiledRun``), compiled once per network structure and cached.
It does not use Cython: the library is loaded with ctypes (docs/performance.md).
A variant (other flags, another compiler) is a subclass overriding ``compiler_flags``
or ``cache_key_parts``, registered under its own name.
"""
from .target import Target

__all__ = ["CppTarget"]


class CppTarget(Target):
    """Generated C++ compiled into one shared library per network structure."""

    name = "cpp"
    aliases = ("cython",)
    template_folder = "cpp"
    template_suffix = ".cpp.j2"
    auto_priority = 10
    description = "generated C++ compiled into one library per network structure; no Cython"
    #: Operations run once on the user's request: kept on numpy (no compile for one call).
    python_operations = frozenset({"group_variable_set", "group_get_indices", "group_evaluate"})
    #: The keys of ``Function.implementations`` whose code this target compiles.
    implementation_keys = ("cpp",)

    @property
    def printer(self):
        from ..codegen.cpp_printer import CppPrinter

        return CppPrinter

    @property
    def generator(self):
        from ..codegen.cpp_generator import generate_cpp

        return generate_cpp

    @property
    def codeobject_class(self):
        from .cpp_codeobject import CppCodeObject

        return CppCodeObject

    def make_codeobject(self, name, operation, statements, variables, owner, **kwds):
        from .cpp_codeobject import CppCodeObject

        return CppCodeObject(name, operation, statements, variables, owner, target=self, **kwds)

    def loop_runner(self, schedule, clocks):
        from .cpp_runtime import CompiledRun

        return CompiledRun(schedule, clocks, target=self)

    def availability(self):
        from .compiler import compiler_works

        return compiler_works()

    # ------------------------------------------------------------ the toolchain
    def compiler_flags(self):
        """The compiler's flags (from ``prefs.codegen.cpp.*``); part of the cache key."""
        from .compiler import compiler_flags

        return compiler_flags()

    def cache_key_parts(self):
        """Strings added to the cache key beyond source, compiler and flags."""
        return ()

    def compile(self, source, check=None):
        """(library, build info) of ``source``, from the cache or compiled now."""
        from .compiler import compile_and_load

        return compile_and_load(source, check=check, flags=self.compiler_flags(),
                                key_parts=self.cache_key_parts())

    def function_implementation(self, name, func, owner, n_args):
        from .cpp_functions import cpp_implementation

        return cpp_implementation(name, func, n_args, owner, self, keys=self.implementation_keys)
