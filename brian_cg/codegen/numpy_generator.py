"""Printing a CodeBlock as the lines of a numpy code object."""
import sympy

from ..core.variables import ArrayVariable
from .generator import CodeGenerator
from .numpy_printer import NUMPY_FUNCTION_NAMES, print_numpy
from .statements import Statement

__all__ = ["NUMPY_BUILTINS", "NumpyGenerator", "generate_numpy"]

NUMPY_BUILTINS = set(NUMPY_FUNCTION_NAMES) | {"Rand", "Randn", "Piecewise"}


class NumpyGenerator(CodeGenerator):
    """Lines of a numpy code object: arrays indexed by ``_idx`` (or an index array)."""

    builtins = NUMPY_BUILTINS
    comment_prefix = "# "

    def print_expr(self, expr):
        # the scalar block (shared-variable writes) draws random numbers for one element
        return print_numpy(expr, "_vidx_shared" if self.in_scalar_block else "_vidx")

    def scalar_block_setup(self):
        return ["_vidx_shared = _broadcast_to(0, (1,))"]

    @staticmethod
    def _index(var):
        return "[0]" if var.scalar else f"[{var.index or '_idx'}]"

    def load(self, name, var, written):
        return f"{name} = _array_{name}{self._index(var)}"

    def store(self, name, var):
        # a shared variable's one-element array takes a scalar or a one-element result
        return f"_array_{name}{'[:]' if var.scalar else self._index(var)} = {name}"

    def assign(self, name, expr):
        return f"{name} = {self.print_expr(expr)}"

    def noise(self, name, call_site):
        return f"{name} = _randn({call_site}, _vidx)"

    def index(self):
        return "i = (_vidx - _offset).astype(_int32)"  # int32 as in Brian


def generate_numpy(statements, variables, *, owner_name, extra_locals=(), allow_writes=True):
    """Analyse and print ``statements``; return (block, context for the template)."""
    gen = NumpyGenerator(variables, owner_name=owner_name, allow_writes=allow_writes,
                         extra_locals=extra_locals)
    block, stmts = gen.analyse(statements)
    hoisted = block.hoisted
    loads, lines, stores = gen.loads(), gen.lines(stmts), gen.stores()
    prologue = []
    if "t" in block.clock_names:
        prologue.append("t = _clock.t_")
    if "t_in_timesteps" in block.clock_names:
        prologue.append("t_in_timesteps = _clock.timestep")
    accumulations = _accumulations(stmts, variables, block)
    before_run = [f"{name} = {print_numpy(e)}" for name, e in hoisted]
    context = dict(
        prologue=prologue, loads=loads, lines=lines, stores=stores, before_run=before_run,
        hoisted_names=[n for n, _ in hoisted],
        # index arrays through which the code writes to shared elements (synapses writing
        # to their post- or presynaptic neuron): repeated indices must not collide
        written_indices=sorted({variables[n].index for n in block.arrays_written
                                if variables[n].index is not None and not variables[n].scalar}),
        accumulations=accumulations,
        accumulation_loads=[line for name, line in zip(block.arrays_read, loads)
                            if name not in block.arrays_written],
    )
    return block, context


def needs_vidx(block):
    return block.uses_index or block.n_random_calls > 0 or bool(block.noise)


def is_array(variables, name):
    return isinstance(variables.get(name), ArrayVariable)


def statement_from(var, expr, comment=""):
    return Statement(var, "=", expr, comment)


def _accumulations(stmts, variables, block):
    """[(array name, index name, increment code)] when every statement only adds to a
    variable seen through an index (``ge_post += w``, possibly conditional on
    refractoriness) with an increment that reads none of them; else None.

    Such code runs as ``np.add.at``: the increments are added in the order of the
    synapses, as running them one after the other would (the same bits), in one pass.
    """
    if block.subexpressions or not stmts:
        return None
    targets = [s.var for s in stmts]
    if len(set(targets)) != len(targets):
        return None
    result = []
    for s in stmts:
        var = variables.get(s.var)
        if var is None or getattr(var, "index", None) is None or var.scalar:
            return None
        x = sympy.Symbol(s.var, real=True)
        expr = s.expr
        if isinstance(expr, sympy.Piecewise) and len(expr.args) == 2 \
                and expr.args[1] == (x, True):
            (inner, cond), _ = expr.args
            increment = sympy.Piecewise((inner - x, cond), (0, True))
        else:
            increment = expr - x
        if increment.free_symbols & {sympy.Symbol(t, real=True) for t in targets}:
            return None
        result.append((s.var, var.index, print_numpy(increment)))
    return result
