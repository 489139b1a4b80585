"""Every exception brian_cg raises on purpose, in one place.

Messages name the equation or statement, the variable, and what was expected
and found, so that a user can fix the model without reading the generator.
"""


def _unit_text(dim):
    try:
        from .units.text import unit_text

        return unit_text(dim)
    except Exception:  # a message must never fail to print
        return repr(str(dim)) if str(dim) else "'1'"


class BrianCGError(Exception):
    """Base class of all brian_cg errors (catch this to catch them all)."""


class DimensionMismatchError(BrianCGError):
    """Physical dimensions that had to agree do not.

    ``dims`` holds the offending dimensions, in the order they are described.
    """

    def __init__(self, description, *dims):
        self.desc = description
        self.dims = dims
        super().__init__(description, *dims)

    def __str__(self):
        s = str(self.desc)
        if self.dims:
            parts = ", ".join(_unit_text(d) for d in self.dims)
            s += f" (units are {parts})."
        return s


class EquationError(BrianCGError, ValueError):
    """An equation string is malformed or inconsistent."""


class ExpressionSyntaxError(EquationError, SyntaxError):
    """An expression or statement cannot be parsed; carries its position.

    ``lineno`` and ``col`` are 1-based and refer to the text the user wrote.
    """

    def __init__(self, message, text=None, lineno=None, col=None):
        self.message = message
        self.text = text
        self.lineno = lineno
        self.col = col
        super().__init__(message)
        # what a traceback prints for a SyntaxError (ValueError's __init__ left it unset)
        self.msg = str(self).split("\n")[0]
        self.offset = col if text and "\n" not in text else None

    def __str__(self):
        s = self.message
        if self.lineno is not None or self.col is not None:
            s += f" (line {self.lineno or 1}, column {self.col or 1})"
        if self.text:
            line = self.text.splitlines()[(self.lineno or 1) - 1] if self.text.splitlines() else self.text
            s += f"\n    {line}"
            if self.col:
                s += "\n    " + " " * (self.col - 1) + "^"
        return s


class UnknownIdentifierError(BrianCGError, KeyError):
    """A name used in a model is neither a variable nor found in any namespace."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


class UnsupportedEquationsError(BrianCGError):
    """The chosen integration method cannot integrate these equations."""


# Brian2's spelling, for scripts that catch it by that name.
UnsupportedEquationsException = UnsupportedEquationsError


class ConstantAssignmentError(BrianCGError, TypeError):
    """A statement writes to a variable that is read-only (constant, or ``i``, ``t``...)."""


class InvalidValueError(BrianCGError, ValueError):
    """A value assigned to a variable is outside the values it may take (e.g. a negative
    synaptic delay); the message names the variable, the object and the value."""


class ValueOverflowError(BrianCGError, OverflowError):
    """A number does not fit the variable's integer type (as Brian's ``OverflowError``)."""


class SharedVariableError(BrianCGError, SyntaxError):
    """Code computes a shared variable (one value for the whole group) from per-element
    values, or writes it where every element would write its own value (Brian raises
    ``SyntaxError``)."""

    def __str__(self):  # SyntaxError's own prints its 'msg' slot, unset in a copy
        return str(self.args[0]) if self.args else ""


class CompilationError(BrianCGError):
    """Generated code failed to compile; shows the generated file and the compiler's message."""


class BrianObjectException(BrianCGError):
    """An error raised while preparing a named object for a run (Brian's name).

    ``brian_object_exception`` makes the raised error an instance of both this class and
    the original error's class, so ``except BrianObjectException`` (as in Brian) and
    ``except DimensionMismatchError`` both catch it; ``__cause__`` is the original.
    """

    def __str__(self):
        original = super().__str__()
        name = getattr(getattr(self, "brian_obj", None), "name", "?")
        return f"Error encountered with object named '{name}': {original}"


BrianObjectError = BrianObjectException


class MagicError(BrianCGError):
    """``run()`` cannot decide which objects to simulate (Brian's name)."""


def brian_object_exception(exc, obj):
    """``exc`` re-raised as a BrianObjectException naming ``obj``, keeping its own class."""
    base = type(exc)
    try:
        cls = type(f"{base.__name__}InObject", (BrianObjectException, base), {})
        new = cls.__new__(cls, *exc.args)
        new.__dict__.update(exc.__dict__)
        new.args = exc.args
        if isinstance(exc, SyntaxError):  # its fields are slots, not in __dict__
            for slot in ("msg", "filename", "lineno", "offset", "text", "end_lineno",
                         "end_offset", "print_file_and_line"):
                setattr(new, slot, getattr(exc, slot, None))
    except TypeError:  # an exception class that cannot be combined
        new = BrianObjectException(str(exc))
    new.brian_obj = obj
    if isinstance(new, SyntaxError):
        new.msg = str(new).split("\n")[0]  # what a traceback prints for a SyntaxError
    return new


class UnsupportedByTargetError(BrianCGError, NotImplementedError):
    """The chosen code generation target cannot run this model (raised before the run)."""


class InvalidSizeError(BrianCGError, ValueError, TypeError):
    """A size (a group's ``N``, ``connect``'s ``n``) that is not a whole number in range. Brian2
    raises ValueError or TypeError depending on the object; this class is both."""
