"""The numpy target: generated Python functions over numpy arrays, run by the Python loop."""
from .target import Target

__all__ = ["NumpyTarget"]


class NumpyTarget(Target):
    """Generated numpy code, one Python function per operation (see ``numpy_runtime``)."""

    name = "numpy"
    template_folder = "numpy"
    template_suffix = ".py.j2"
    auto_priority = 0
    description = "generated numpy code, run from Python"

    @property
    def printer(self):
        from ..codegen.numpy_printer import NumpyPrinter

        return NumpyPrinter

    @property
    def generator(self):
        from ..codegen.numpy_generator import generate_numpy

        return generate_numpy

    @property
    def codeobject_class(self):
        from .numpy_runtime import NumpyCodeObject

        return NumpyCodeObject

    def availability(self):
        return True, "always available"

    def function_implementation(self, name, func, owner, n_args=None):
        from .numpy_runtime import numpy_function

        return numpy_function(func, owner)
