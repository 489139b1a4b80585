"""What a code generation target is: one object naming every part of it.

A target (numpy, compiled C++, later standalone C++, OpenCL, CUDA) is a ``Target``
registered with ``brian_cg.runtime.registry.register_target``; everything else in
brian_cg asks the registry for the current target and talks to it through this
interface, never through its name. A new target is a subclass (printer, template
folder, generator, code object class, loop runner) registered in one call, from
inside the package or from user code.
"""
import os

from ..codegen.templates import TEMPLATE_ROOT

__all__ = ["Target", "auto_selected"]


def auto_selected():
    """Whether ``prefs.codegen.target`` is ``'auto'``: an object the chosen target cannot
    run may then fall back to another target (said at INFO level) instead of failing."""
    from ..core.preferences import prefs

    return prefs.codegen.target == "auto"


class Target:
    """A code generation target.

    Class attributes
    ----------------
    name : str
        The value of ``prefs.codegen.target`` that selects it.
    aliases : tuple of str
        Other accepted names (e.g. Brian's ``'cython'`` for ``'cpp'``); selecting one says
        once, at INFO level, what it maps to.
    template_folder : str
        The folder under ``brian_cg/templates/`` with one template per operation (and the
        target's macros, ``_target.<suffix>``, for C-family targets).
    auto_priority : int or None
        ``prefs.codegen.target = 'auto'`` picks the available target with the highest
        priority; None: never picked automatically.
    description : str
        One line for ``python -m brian_cg info``.
    """

    name = ""
    aliases = ()
    template_folder = ""
    #: Folders searched for templates, own folder first (a target reusing another's kernel
    #: bodies with its own macros lists both); default: the own folder.
    template_path = None
    template_suffix = ""
    auto_priority = None
    description = ""

    # ------------------------------------------------------------ parts
    @property
    def printer(self):
        """The printer class of expressions (sympy -> code text)."""
        raise NotImplementedError

    @property
    def generator(self):
        """``generate(statements, variables, **options)``: a code block printed for a template."""
        raise NotImplementedError

    @property
    def codeobject_class(self):
        """The class of one operation's code (built by ``make_codeobject``)."""
        raise NotImplementedError

    def make_codeobject(self, name, operation, statements, variables, owner, **kwds):
        """The code object running ``operation`` of ``owner`` on this target."""
        return self.codeobject_class(name, operation, statements, variables, owner, **kwds)

    def loop_runner(self, schedule, clocks):
        """What runs a Network's scheduled steps whose ``loop_target`` is this target.

        ``schedule`` is [(object, clock, step functions)] in schedule order; the result has
        ``run(reporter, should_stop)``, ``profile_schedule(schedule)`` and ``finish()``.
        Targets whose steps are plain Python callables need none (the Python loop runs them).
        """
        raise NotImplementedError(f"Target '{self.name}' has no loop of its own")

    @property
    def templates(self):
        """The template folders of this target, searched in order."""
        return tuple(self.template_path or (self.template_folder,))

    def supports(self, operation):
        """Whether this target has code for ``operation`` (a template name)."""
        return any(os.path.exists(os.path.join(TEMPLATE_ROOT, folder,
                                               operation + self.template_suffix))
                   for folder in self.templates)

    def availability(self):
        """(available, reason): whether the target can run here, and why (or why not)."""
        return True, "always available"

    def function_implementation(self, name, func, owner, n_args):
        """What this target's code of ``owner`` calls for the user function ``func``, named
        ``name`` in the code and called with ``n_args`` arguments. Every target reads the
        same things of a function: ``sampled_values`` (TimedArray), ``implementations``
        (``Function``: code per target), ``numpy_implementation``."""
        raise NotImplementedError

    def __repr__(self):
        return f"<{type(self).__name__} '{self.name}'>"
