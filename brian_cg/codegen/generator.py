"""What every target's generator does the same way: from statements to an element's lines.

``CodeGenerator`` analyses a block (``blocks.analyse_block``), hoists what is constant over
a run (``optimise.hoist_loop_invariants``) and produces, in this order, the loads of the
arrays read, the computed index ``i``, the subexpressions, the noise samples, the
statements (each followed by the subexpressions it made stale) and the stores of the
arrays written. A target's generator (numpy, C++) only says how one such line looks.
"""
from .blocks import analyse_block, stale_subexpressions
from .optimise import hoist_loop_invariants
from .statements import comment_text

__all__ = ["CodeGenerator"]


class CodeGenerator:
    """The lines of one operation over ``variables`` (name -> Variable).

    Subclasses set ``builtins`` (function names the target provides) and ``comment_prefix``
    and define ``print_expr``, ``load``, ``store``, ``declare``, ``assign``, ``noise`` and
    ``index``.
    """

    builtins = frozenset()
    comment_prefix = "# "

    def __init__(self, variables, *, owner_name, allow_writes=True, extra_locals=()):
        self.variables = variables
        self.owner_name = owner_name
        self.allow_writes = allow_writes
        self.extra_locals = extra_locals

    # ------------------------------------------------------------ the shared rule
    def analyse(self, statements):
        """(block, statements with run constants hoisted into ``block.hoisted``)."""
        block = analyse_block(statements, self.variables, owner_name=self.owner_name,
                              builtin_functions=self.builtins, allow_writes=self.allow_writes,
                              extra_locals=self.extra_locals)
        self.check(block)
        hoisted, stmts = hoist_loop_invariants(block.statements, set(block.constants).__contains__)
        block.hoisted = hoisted
        self.block = block
        return block, stmts

    def loads(self):
        """Lines loading every array the code reads (and declaring those it only writes)."""
        block, variables = self.block, self.variables
        lines = [self.load(name, variables[name], name in block.arrays_written)
                 for name in block.arrays_read]
        lines += [line for name in block.arrays_written if name not in block.arrays_read
                  for line in self.declare_written(name, variables[name])]
        return lines

    def stores(self):
        return [self.store(name, self.variables[name]) for name in self.block.arrays_written]

    def lines(self, stmts):
        """The element's computation: index, subexpressions, noise, statements."""
        block = self.block
        lines = [self.index()] if block.uses_index else []
        subexpressions = dict(block.subexpressions)
        for name, expr in block.subexpressions:
            lines.append(self.declare(name, expr))
        for k, xi in enumerate(block.noise):
            lines.append(self.noise(xi, block.n_random_calls + k))
        declared = set(block.arrays_read) | set(block.arrays_written) | set(subexpressions)
        for k, s in enumerate(stmts):
            self.in_scalar_block = k < block.n_scalar
            if k == 0 and self.in_scalar_block:
                lines += self.scalar_block_setup()
            if s.comment:
                lines.append(self.comment_prefix + comment_text(s.comment))
            if s.var in declared:
                lines.append(self.assign(s.var, s.expr))
            else:
                declared.add(s.var)
                lines.append(self.declare(s.var, s.expr))
            if s.var in self.variables:
                for name in stale_subexpressions(block, s.var):
                    lines.append(self.assign(name, subexpressions[name]))
        self.in_scalar_block = False
        return lines

    #: while printing the leading statements that write shared variables (Brian's scalar
    #: block); targets that run them apart from the element loop say so in their printing
    in_scalar_block = False

    def scalar_block_setup(self):
        """Lines before the scalar block's first statement."""
        return []

    # ------------------------------------------------------------ what a target says
    def check(self, block):
        """Raise for names or constructs the target cannot print."""

    def print_expr(self, expr):
        raise NotImplementedError

    def load(self, name, var, written):
        raise NotImplementedError

    def declare_written(self, name, var):
        """Lines before an array that is written without being read is assigned."""
        return []

    def store(self, name, var):
        raise NotImplementedError

    def declare(self, name, expr):
        """The first assignment of a local (a statement's variable, a subexpression)."""
        return self.assign(name, expr)

    def assign(self, name, expr):
        raise NotImplementedError

    def noise(self, name, call_site):
        """A standard normal sample for the element, drawn at ``call_site``."""
        raise NotImplementedError

    def index(self):
        """The line computing ``i``, the element's index in its group (int32)."""
        raise NotImplementedError
