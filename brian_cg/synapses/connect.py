"""Creating synapses: explicit indices, conditions with probabilities, generator syntax.

Brian2's semantics and errors, and the same synapses on every target for the same seed:
every random number is addressed by what it decides (a pair, or a row and a draw), never
by the order of evaluation, so the numpy code here (in chunks of rows) and the compiled
kernels (``runtime/cpp_connect.py``, printed from the same prepared expressions) agree.

Random numbers are ``brian_cg.rng.uniform_pairs(seed, object, stream, step, index)``; the
stream is the call's own (one per ``connect()`` call of an object) plus an offset:

- the draw against ``p`` of a pair: offset 255 at (pre, post), absolute indices;
- ``p`` constant or depending on the presynaptic side only: geometric jumps along the
  row, draw t of row i at offset 255, (i, t + post offset);
- ``rand()`` in a condition or a generator's ``if``: 1 + call site, at the pair;
  in ``p``: 64 + call site, in ``n``: 96 + call site, at the pair;
- generators (the row is the generating side's absolute index): ``rand()`` in the
  element 128 + call site at (row, loop variable), in range/sample arguments 160/176/192
  (low/high/step) or 208 (p/size) + call site at (row, 0); ``sample(p=...)``: jumps at
  offset 254, (row, t); ``sample(size=...)``: the candidates with the smallest numbers at
  offset 254, (row, candidate number);
- explicit ``i``, ``j`` with ``p``: offset 253 at (k, 0) for the k-th pair.

Prepared expressions and compiled kernels are cached by structure (the expressions, what
each name is, the types and units of external constants), not by values: a script
creating many Synapses objects pays the parsing, checking and compiling once.
"""
import numbers
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy

from .. import rng
from ..core.logger import get_logger
from ..core.sizes import as_size
from ..errors import DimensionMismatchError
from ..units import DIMENSIONLESS
from .connect_names import (
    ForbiddenName,
    describe_names,
    external_tag,
    identifiers,
    is_integer_expression,
    lookup,
    prepare,
)

__all__ = ["create_synapses"]

logger = get_logger(__name__)

_PAIRS_PER_CHUNK = 1 << 20
_STREAM = {"condition": 1, "p": 64, "p_row": 64, "n": 96, "element": 128, "low": 160,
           "high": 176, "step": 192, "sample_p": 208, "size": 208}
_ARRAY_P_STREAM = 253
_SAMPLE_STREAM = 254
_P_STREAM = 255
_MAX_PLANS = 512
_plans = OrderedDict()
_told_numpy = set()


def create_synapses(syn, condition, i, j, p, n, skip_if_invalid, namespace):
    """Absolute (pre, post) int32 indices of the synapses to create, in creation order."""
    condition, i, j, p, n = (getattr(a, "code", a) for a in (condition, i, j, p, n))
    _check_argument_types(condition, i, j, p, n)
    if not isinstance(n, str):  # integral floats and numpy integers too (docs/coming_from_brian2.md)
        n = as_size(n, "connect: the number of synapses n", minimum=0)
    call = _Call(syn, namespace)
    if condition is None and i is None and j is None:
        condition = True
    if condition is not None:
        if i is not None or j is not None:
            raise ValueError("Cannot combine condition with i or j arguments")
        if isinstance(condition, (bool, np.bool_)) and not condition or \
                isinstance(condition, str) and condition.strip() == "False":
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        pre, post = _from_condition(call, condition, p, n)
    elif i is not None and j is not None and not isinstance(i, str) and not isinstance(j, str):
        if skip_if_invalid:
            raise ValueError("Can only use skip_if_invalid with string syntax")
        pre, post = _from_arrays(call, i, j, p, n)
    elif isinstance(i, str) or isinstance(j, str):
        over_post = isinstance(i, str)
        code, other = (i, j) if over_post else (j, i)
        if other is not None:
            raise TypeError(f"Generator syntax for {'i' if over_post else 'j'} cannot be "
                            f"combined with {'j' if over_post else 'i'} argument")
        if isinstance(p, str) or p != 1:
            raise ValueError("Generator syntax cannot be combined with p argument")
        pre, post = _from_generator(call, code, over_post, n, bool(skip_if_invalid))
    else:
        raise ValueError("Must specify at least one of condition, i or j arguments "
                         "(connect with index arrays needs both i and j)")
    pre = pre.astype(np.int32, copy=False)
    post = post.astype(np.int32, copy=False)
    if call.pre_offset:
        pre = pre + np.int32(call.pre_offset)
    if call.post_offset:
        post = post + np.int32(call.post_offset)
    return pre, post


# ------------------------------------------------------------------ arguments
def _check_argument_types(condition, i, j, p, n):
    """Brian2's checks of the argument types, with its exception classes."""
    if condition is not None and not isinstance(condition, (bool, np.bool_, str)):
        raise TypeError("condition argument must be bool or string. If you want to connect "
                        "based on indices, use connect(i=..., j=...).")
    for name, value in (("i", i), ("j", j)):
        if value is not None and not (isinstance(value, (numbers.Integral, np.ndarray, Sequence))
                                      or hasattr(value, "_indices")):
            raise TypeError(f"{name} argument must be int, array or string, got "
                            f"{type(value).__name__}")
    if isinstance(p, (np.ndarray, Sequence)) and not isinstance(p, str) or \
            not isinstance(p, (numbers.Real, str)):
        raise TypeError(f"p must be float or string, got {type(p).__name__}")
    if isinstance(condition, str) and re.search(r"\bfor\b", condition):
        raise ValueError(f"Generator expression given for condition, write "
                         f"connect(j='{condition}'...) instead of connect('{condition}'...).")


def _compiled_target():
    """Whether the current target has compiled connect() kernels."""
    from ..runtime.registry import get_target

    return get_target().supports("connect_pairs")


class _Call:
    """One connect() call: the synapses, the namespace, its random stream and target."""

    def __init__(self, syn, namespace):
        self.syn = syn
        self.namespace = namespace
        self.seed = rng.get_seed()
        self.object_id = syn._random_number
        number = syn.__dict__.get("_connect_calls", 0)
        object.__setattr__(syn, "_connect_calls", number + 1)
        self.stream = rng.stream_base(f"connect_{number}")
        self.compiled = _compiled_target()
        self.pre_offset = int(syn._source_offset)
        self.post_offset = int(syn._target_offset)
        self.n_pre = int(syn.source.N)
        self.n_post = int(syn.target.N)
        self.values = {}

    def resolve(self, name):
        """The value (or function object) of an external name."""
        if name not in self.values:
            from ..core.namespace import resolve_external
            from ..errors import UnknownIdentifierError

            syn = self.syn
            args = (name, syn.name, syn._namespace, self.namespace)
            try:
                value = resolve_external(*args, context=f"the connect() call of '{syn.name}'")
            except UnknownIdentifierError:
                try:
                    value = resolve_external(*args, function=True)
                except UnknownIdentifierError:
                    value = None
                if value is None:
                    raise
            self.values[name] = value
        return self.values[name]

    def constant(self, name):
        """The value of a constant or external, as the generated code takes it."""
        found = lookup(self.syn, name)
        value = found[1] if found is not None else self.resolve(name)
        if np.ndim(value) == 0 and not callable(value):
            value = np.asarray(value).item()
        return value

    def array(self, name):
        return lookup(self.syn, name)[1].array

    def uniform(self, offset, steps, indices):
        return rng.uniform_pairs(self.seed, self.object_id, self.stream + offset, steps,
                                 indices)


# ------------------------------------------------------------------ prepared plans
class _CodeOwner:
    """Stands for the Synapses object in cached numpy code (which must not keep it alive)."""

    name = "connect"
    clock = None
    _random_number = 0


@dataclass
class _Plan:
    """The prepared expressions of one form of connect() call, and their code."""

    kind: str
    exprs: dict
    options: dict
    kernel: object = None
    numpy_code: dict = field(default_factory=dict)


def _get_plan(call, kind, codes, flags, build, loop_vars=()):
    """The cached plan for this structure, or a new one from ``build()`` (checked)."""
    described = describe_names(call.syn, identifiers(*codes), call.resolve, loop_vars)
    key = (kind, codes, flags, call.compiled, described)
    plan = _plans.get(key)
    if plan is not None:
        _plans.move_to_end(key)
        return plan
    plan = build()
    if call.compiled and kind in ("pairs", "generator"):
        _compile(call, plan)
    _plans[key] = plan
    if len(_plans) > _MAX_PLANS:
        _plans.popitem(last=False)
    return plan


def _compile(call, plan):
    from ..errors import UnsupportedByTargetError
    from ..runtime.cpp_connect import connect_kernel

    externals = set()
    for e in plan.exprs.values():
        if e is not None:
            externals.update(e.externals)
    ints = frozenset(n for n in externals if external_tag(call.resolve(n))[0] == "int")
    exprs = {r: e for r, e in plan.exprs.items() if r != "n"}
    try:
        plan.kernel = connect_kernel(plan.kind, exprs, plan.options, ints)
    except UnsupportedByTargetError as exc:
        if plan.kind not in _told_numpy:
            _told_numpy.add(plan.kind)
            logger.info(f"connect() of '{call.syn.name}' is evaluated with numpy code: {exc}")


def _prepare(call, code, loop_vars=()):
    try:
        return prepare(call.syn, code, loop_vars)
    except ForbiddenName as exc:
        raise ValueError(f"{exc} (in '{code}')") from None


def _check(call, pexpr, want, what):
    """Units and type of a prepared expression: ``want`` is 'boolean', 'dimensionless' or
    'integer'; ``what`` names it in messages."""
    from ..equations import expression_dimensions
    from ..units import get_dimensions

    from ..equations.dimensions import parse_as_written

    names = pexpr.name_map
    loop_vars = tuple(n for n, p in names.items() if p.kind == "loop")

    def resolve(name):
        if name in names:
            return names[name].dim
        found = lookup(call.syn, name, loop_vars)  # a subexpression, as written
        if found is not None and found[0].dim is not None:
            return found[0].dim
        value = call.resolve(name)
        if callable(value) and not isinstance(value, numbers.Number):
            return value
        return get_dimensions(value)

    # units as written (Brian's rule): evaluated, '0*ms' would be a plain 0
    dim = expression_dimensions(parse_as_written(pexpr.code), resolve, text=pexpr.code)
    expr = pexpr.expr
    if want == "boolean":
        boolean = isinstance(expr, sympy.logic.boolalg.Boolean) and not expr.is_Symbol or \
            expr.is_Symbol and names.get(expr.name) is not None and \
            names[expr.name].dtype.kind == "b"
        if not boolean:
            raise TypeError(f"Condition '{pexpr.code}' is not a boolean condition")
        return
    if dim is not DIMENSIONLESS:
        raise DimensionMismatchError(f"The expression for {what} ('{pexpr.code}') should be "
                                     f"dimensionless", dim)
    if want == "integer" and not is_integer_expression(expr,
                                                       pexpr.integer_names(call.values)):
        raise TypeError(f"The {what} was '{pexpr.code}', but it needs to be an integer.")


def _numpy_code(plan, role):
    co = plan.numpy_code.get(role)
    if co is None:
        from ..codegen.statements import Statement
        from ..core.variables import ArrayVariable, ConstantVariable
        from ..runtime.numpy_runtime import NumpyCodeObject

        pexpr = plan.exprs[role]
        variables = {}
        for name, p in pexpr.names:
            if p.kind in ("index", "abs", "loop"):
                variables[name] = ArrayVariable(name, DIMENSIONLESS, 0, dtype=np.int64,
                                                read_only=True, var_type="integer")
            elif p.kind == "const":
                variables[name] = ConstantVariable(name, p.dim, 0)
            elif p.kind == "array":
                index = None if p.scalar else f"_pair_{p.side}"
                variables[name] = ArrayVariable(name, p.dim, 0, dtype=p.dtype, scalar=p.scalar,
                                                index=index, read_only=True)
                if index and index not in variables:
                    variables[index] = ArrayVariable(index, DIMENSIONLESS, 0, dtype=np.int64,
                                                     read_only=True, var_type="integer")
        co = NumpyCodeObject(f"connect_{role}", "group_evaluate",
                             [Statement("_result", "=", pexpr.expr)], variables, _CodeOwner(),
                             allow_writes=False)
        plan.numpy_code[role] = co
    return co


def _evaluate(call, plan, role, pre, post, loop=None, address=None):
    """Values of the expression ``role`` of ``plan`` for the pairs (pre, post) (relative
    indices; ``loop``: values of the generator's variable), broadcast to len(pre).
    ``address``: (steps, indices) of its random numbers; default the absolute pair."""
    from ..groups.group import _numpy_implementation

    co = _numpy_code(plan, role)
    n = len(pre)
    arrays = {"i": pre, "j": post, "_pair_pre": pre + call.pre_offset,
              "_pair_post": post + call.post_offset}
    if loop is not None:
        arrays[plan.options["loop_var"]] = loop
    bound = {name: arrays[name] if name in arrays else call.array(name)
             for name in co.block.arrays_read}
    constants = {name: call.constant(name) for name in co.block.constants}
    for fname in co.block.functions:
        constants[fname] = _numpy_implementation(call.resolve(fname), call.syn)
    co.bind(bound, constants, {"_index": slice(None), "_arange": np.arange(n), "_offset": 0,
                               "_n_total": n, "_events": None})
    if co.uses_random:
        steps, indices = address if address is not None else \
            (arrays["_pair_pre"], arrays["_pair_post"])
        base = call.stream + _STREAM[role]
        seed, oid = call.seed, call.object_id
        co.namespace["_rand"] = lambda k, vidx: rng.uniform_pairs(seed, oid, base + k, steps,
                                                                  indices)
        co.namespace["_randn"] = lambda k, vidx: rng.normal_pairs(seed, oid, base + k, steps,
                                                                  indices)
    try:
        result = co()
    finally:  # cached code must not keep this call's arrays alive
        for name in ["_array_" + name for name in bound] + ["_arange", "_rand", "_randn"]:
            co.namespace.pop(name, None)
    return np.broadcast_to(result, (n,))


def _kernel_inputs(call, kernel):
    pointers = [np.ascontiguousarray(call.array(name)) for name in kernel.arrays]
    ints = [int(call.constant(name)) for name in kernel.ints]
    floats = [float(call.constant(name)) for name in kernel.floats]
    return pointers, ints, floats


# ------------------------------------------------------------------ explicit indices
def _from_arrays(call, i, j, p, n):
    if isinstance(n, str):
        raise TypeError("Indices cannot be combined with a string expression for n. Either "
                        "use an integer for n, or a string expression for the connections")
    if isinstance(p, str):
        raise TypeError("Indices cannot be combined with a string expression for p: give a "
                        "number, or connect with a condition or generator expression")
    arrays = []
    for name, value, side in (("i", i, "Presynaptic"), ("j", j, "Postsynaptic")):
        if hasattr(value, "_indices"):
            value = value._indices()
        arr = np.asarray(value)
        if not np.issubdtype(arr.dtype, np.signedinteger):
            raise TypeError(f"{side} indices have to be given as integers, are type "
                            f"{arr.dtype} instead.")
        if arr.ndim > 1:
            raise ValueError("Can only use 1-dimensional indices")
        arrays.append(np.atleast_1d(arr).astype(np.int64))
    pre, post = arrays
    if len(pre) != len(post) and len(pre) != 1 and len(post) != 1:
        raise ValueError(f"The index arrays i and j have different lengths ({len(pre)} and "
                         f"{len(post)}); give arrays of equal length, or a single index "
                         f"for one of them")
    pre, post = np.broadcast_arrays(pre, post)
    for arr, what, group in ((pre, "source", call.syn.source), (post, "target", call.syn.target)):
        if len(arr) and (arr.min() < 0 or arr.max() >= int(group.N)):
            bad = arr[(arr < 0) | (arr >= int(group.N))][0]
            raise IndexError(f"The given {what} indices contain values outside of the range "
                             f"[0, {int(group.N) - 1}] allowed for the {what} group "
                             f"'{group.name}' (e.g. {bad})")
    if p < 1:
        keep = call.uniform(_ARRAY_P_STREAM, np.arange(len(pre)), np.zeros(len(pre), np.int64)) < p
        pre, post = pre[keep], post[keep]
    return _repeat_n(call, pre, post, n)


# ------------------------------------------------------------------ condition and p
def _rows_chunks(n_rows, n_cols):
    step = max(1, _PAIRS_PER_CHUNK // max(n_cols, 1))
    for start in range(0, n_rows, step):
        yield np.arange(start, min(start + step, n_rows))


def _from_condition(call, condition, p, n):
    cond_code = condition if isinstance(condition, str) and condition.strip() != "True" \
        else None
    p_code = p if isinstance(p, str) else None
    p_value = None if p_code is not None else float(p)
    if p_code is None and p_value <= 0 or call.n_pre == 0 or call.n_post == 0:
        if cond_code is not None:
            _get_plan(call, "pairs", (cond_code, None), (), lambda: _pairs_plan(call, cond_code,
                                                                                 None, False))
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if cond_code is None and p_code is None and p_value >= 1:
        pre = np.repeat(np.arange(call.n_pre), call.n_post)
        post = np.tile(np.arange(call.n_post), call.n_pre)
        return _repeat_n(call, pre, post, n)
    const_jumps = p_code is None and p_value < 1
    plan = _get_plan(call, "pairs", (cond_code, p_code), (const_jumps,),
                     lambda: _pairs_plan(call, cond_code, p_code, const_jumps))
    if plan.kernel is not None:
        pointers, ints, floats = _kernel_inputs(call, plan.kernel)
        header = (call.seed, call.object_id, call.stream, call.pre_offset, call.post_offset,
                  call.n_post)
        if const_jumps:
            per_row = p_value * call.n_post + 6 * np.sqrt(call.n_post * p_value * (1 - p_value))
            capacity = int(call.n_pre * (per_row + 8)) + 1024
        else:
            capacity = min(call.n_pre * call.n_post, 1 << 18)
        pre, post = plan.kernel(pointers, header, ints, floats, p_value or 0.0, call.n_pre,
                                capacity)
    else:
        pre, post = _pairs_numpy(call, plan, p_value)
    return _repeat_n(call, pre, post, n)


def _pairs_plan(call, cond_code, p_code, const_jumps):
    exprs = {}
    if cond_code is not None:
        exprs["condition"] = _prepare(call, cond_code)
        _check(call, exprs["condition"], "boolean", "condition")
    candidates = "jumps" if const_jumps else "all"
    if p_code is not None:
        pexpr = _prepare(call, p_code)
        _check(call, pexpr, "dimensionless", "p")
        if not pexpr.reads("post") and pexpr.n_random == 0:
            # p of the row only: its candidates by jumps, as Brian's sample(N_post, p=p)
            exprs["p_row"], candidates = pexpr, "jumps"
        else:
            exprs["p"] = pexpr
    options = {"candidates": candidates, "jump_stream": _P_STREAM, "p_stream": _P_STREAM,
               "rand_roles": {"condition": (_STREAM["condition"], "_pre_abs", "_post_abs"),
                              "p": (_STREAM["p"], "_pre_abs", "_post_abs")}}
    return _Plan("pairs", exprs, options)


def _pairs_numpy(call, plan, p_value):
    n_post = call.n_post
    jumps = plan.options["candidates"] == "jumps"
    expected = n_post if not jumps or "p_row" in plan.exprs else int(p_value * n_post) + 16
    pres, posts = [], []
    for rows in _rows_chunks(call.n_pre, expected):
        if jumps:
            if "p_row" in plan.exprs:
                prob = _evaluate(call, plan, "p_row", rows, np.zeros_like(rows))
            else:
                prob = np.full(len(rows), p_value)
            where, post = _jumps(call, _P_STREAM, rows + call.pre_offset, prob, n_post,
                                 index_offset=call.post_offset)
            pre = rows[where]
        else:
            pre = np.repeat(rows, n_post)
            post = np.tile(np.arange(n_post), len(rows))
        if "condition" in plan.exprs:
            keep = _evaluate(call, plan, "condition", pre, post).astype(bool)
            pre, post = pre[keep], post[keep]
        if "p" in plan.exprs:
            prob = _evaluate(call, plan, "p", pre, post)
            keep = _draw_below(call, prob, pre + call.pre_offset, post + call.post_offset)
            pre, post = pre[keep], post[keep]
        pres.append(pre.astype(np.int32))  # 8 bytes per synapse while collecting
        posts.append(post.astype(np.int32))
    return np.concatenate(pres), np.concatenate(posts)


def _draw_below(call, prob, pre_abs, post_abs):
    """Whether the pair's uniform number is below ``prob`` (drawn only where 0 < p < 1)."""
    prob = np.asarray(prob, dtype=np.float64)
    keep = prob >= 1
    middle = (prob > 0) & ~keep
    if middle.any():
        keep[middle] = call.uniform(_P_STREAM, pre_abs[middle], post_abs[middle]) < prob[middle]
    return keep


def _jumps(call, offset, row_keys, prob, counts, index_offset=0):
    """Candidates 0..counts[r]-1 of each row r, each chosen with probability prob[r]:
    geometric jumps, draw t of row r at (row_keys[r], t + index_offset) of stream
    ``offset``. Returns (row position, candidate) arrays ordered by row, then candidate."""
    n = len(row_keys)
    prob = np.broadcast_to(np.asarray(prob, dtype=np.float64), (n,))
    counts = np.broadcast_to(np.asarray(counts, dtype=np.int64), (n,))
    every = (prob >= 1) & (counts > 0)
    some = (prob > 0) & (prob < 1) & (counts > 0)
    rows_out, cands_out = [], []
    idx = np.flatnonzero(every)
    if len(idx):
        c = counts[idx]
        rows_out.append(np.repeat(idx, c))
        cands_out.append(np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c))
    idx = np.flatnonzero(some)
    passes = 0
    if len(idx):
        p, c, keys = prob[idx], counts[idx], row_keys[idx]
        log_q = np.log1p(-p)
        width = int(min(np.max(p * c + 6 * np.sqrt(c * p * (1 - p))) + 8, 1 << 14))
        todo = np.arange(len(idx))
        start = np.full(len(idx), -1, dtype=np.int64)
        first = 0
        while len(todo):
            passes += 1
            t = np.arange(first, first + width, dtype=np.int64) + index_offset
            k = keys[todo]
            if first == 0 and len(todo) == k[-1] - k[0] + 1:
                u = rng.uniform_block(call.seed, call.object_id, call.stream + offset,
                                      int(k[0]), len(todo), t)
            else:
                u = call.uniform(offset, np.repeat(k, width), np.tile(t, len(todo)))
                u = u.reshape(len(todo), width)
            gaps = np.floor(np.log1p(-u) / log_q[todo][:, None]).astype(np.int64) + 1
            positions = np.cumsum(gaps, axis=1) + start[todo][:, None]
            inside = positions < c[todo][:, None]
            rows_out.append(np.repeat(idx[todo], inside.sum(axis=1)))
            cands_out.append(positions[inside])
            unfinished = inside[:, -1]
            start[todo[unfinished]] = positions[unfinished, -1]
            todo = todo[unfinished]
            first += width
    if not rows_out:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows, cands = np.concatenate(rows_out), np.concatenate(cands_out)
    if len(rows_out) > 1:
        order = np.lexsort((cands, rows))
        rows, cands = rows[order], cands[order]
    return rows, cands


def _repeat_n(call, pre, post, n):
    if isinstance(n, numbers.Integral):
        if n == 1:
            return pre, post
        if n < 0:
            raise ValueError(f"connect: the number of synapses n must not be negative, got {n}")
        return np.repeat(pre, n), np.repeat(post, n)
    plan = _get_plan(call, "n", (n,), (), lambda: _n_plan(call, n))
    counts = _evaluate(call, plan, "n", pre.astype(np.int64), post.astype(np.int64))
    counts = np.asarray(counts).astype(np.int64)
    if np.any(counts < 0):
        raise ValueError(f"connect: the number of synapses n='{n}' must not be negative, got "
                         f"{counts[counts < 0][0]}")
    return np.repeat(pre, counts), np.repeat(post, counts)


def _n_plan(call, code):
    pexpr = _prepare(call, code)
    _check(call, pexpr, "dimensionless", "n")
    return _Plan("n", {"n": pexpr}, {})


# ------------------------------------------------------------------ generator syntax
_GENERATOR_ERRORS = {1: ValueError, 2: IndexError, 3: IndexError, 4: IndexError}


def _from_generator(call, code, over_post, n, skip_if_invalid):
    from .generator import parse_generator

    spec = parse_generator(code)
    plan = _get_plan(call, "generator", (code,), (over_post, skip_if_invalid),
                     lambda: _generator_plan(call, code, spec, over_post, skip_if_invalid),
                     loop_vars=(spec.variable,))
    n_rows, n_res = (call.n_post, call.n_pre) if over_post else (call.n_pre, call.n_post)
    row_offset, res_offset = (call.post_offset, call.pre_offset) if over_post else \
        (call.pre_offset, call.post_offset)
    if plan.kernel is not None:
        from ..runtime.cpp_connect import ConnectKernelError

        pointers, ints, floats = _kernel_inputs(call, plan.kernel)
        header = (call.seed, call.object_id, call.stream, row_offset, res_offset, n_res)
        try:
            rows, created = plan.kernel(pointers, header, ints, floats, 0.0, n_rows, 1 << 16)
        except ConnectKernelError as exc:
            raise _generator_error(plan, exc.code, exc.row, exc.value, exc.extra) from None
    else:
        rows, created = _generator_numpy(call, plan, n_rows, n_res, row_offset, res_offset)
    pre, post = (created, rows) if over_post else (rows, created)
    return _repeat_n(call, pre, post, n)  # ordered by the generating side, as in Brian


def _generator_plan(call, code, spec, over_post, skip_if_invalid):
    row_side, res_side = ("post", "pre") if over_post else ("pre", "post")
    row_name, res_name = ("j", "i") if over_post else ("i", "j")
    loop = (spec.variable,)
    exprs = {}
    func = spec.kind
    bounds = spec.bounds
    roles = ["high"] if len(bounds) == 1 else ["low", "high", "step"][:len(bounds)]
    arg_names = {"low": "low", "high": "high", "step": "step"}
    for role, text in zip(roles, bounds):
        exprs[role] = _prepare(call, text, loop)
    if spec.p is not None:
        exprs["sample_p"] = _prepare(call, spec.p, loop)
    if spec.size is not None:
        exprs["size"] = _prepare(call, spec.size, loop)
    for role, pexpr in exprs.items():
        if pexpr.reads(res_side) or pexpr.uses_loop:
            raise ValueError(f"The expression '{pexpr.code}' in '{code}' depends on the "
                             f"{'presynaptic' if res_side == 'pre' else 'postsynaptic'} index "
                             f"or variables, or on the loop variable '{spec.variable}'")
        if role == "sample_p":
            _check(call, pexpr, "dimensionless", f"p argument of the {func} function")
        else:
            what = f"'{arg_names.get(role, role)}' argument of the {func} function"
            _check(call, pexpr, "integer", what)
    if not (spec.element.strip() == spec.variable):
        element = _prepare(call, spec.element, loop)
        if element.reads(res_side):
            raise ValueError(f"The expression '{element.code}' in '{code}' cannot depend on "
                             f"the index '{res_name}' it creates, or on its variables")
        _check(call, element, "dimensionless", "created index")
        exprs["element"] = element
    else:
        exprs["element"] = None
    result_first = False
    if spec.condition is not None:
        cond = _prepare(call, spec.condition, loop)
        _check(call, cond, "boolean", "condition")
        exprs["condition"] = cond
        # as Brian: a condition reading the created index is only evaluated for valid ones
        result_first = cond.reads(res_side)
    rand_roles = {"condition": (_STREAM["condition"], "_pre_abs", "_post_abs"),
                  "element": (_STREAM["element"], "_row_abs", spec.variable)}
    for role in ("low", "high", "step", "sample_p", "size"):
        rand_roles[role] = (_STREAM[role], "_row_abs", "0")
    options = {"over_post": over_post, "skip_if_invalid": skip_if_invalid,
               "result_first": result_first, "loop_var": spec.variable,
               "sample": "p" if spec.p is not None else "size" if spec.size is not None
               else None, "sample_stream": _SAMPLE_STREAM, "rand_roles": rand_roles,
               "code": code, "row_name": row_name, "res_name": res_name}
    return _Plan("generator", exprs, options)


def _generator_error(plan, kind, row, value, extra):
    o = plan.options
    where = f"for {o['row_name']}={row}"
    if kind == 1:
        return ValueError(f"connect({o['res_name']}='{o['code']}'): the step of "
                          f"{'range' if o['sample'] is None else 'sample'}() is 0 ({where})")
    if kind == 2:
        return IndexError(f"connect({o['res_name']}='{o['code']}') created the index "
                          f"{o['res_name']}={value} {where}, outside the allowed range; use "
                          f"skip_if_invalid=True to skip such indices")
    if kind == 3:
        return IndexError(f"Requested sample size {value} is negative ({where} in "
                          f"'{o['code']}'; skip_if_invalid=True creates no synapses then).")
    return IndexError(f"Requested sample size {value} is bigger than the population size "
                      f"{extra} ({where} in '{o['code']}'; skip_if_invalid=True takes the "
                      f"whole population then).")


def _generator_numpy(call, plan, n_rows, n_res, row_offset, res_offset):
    """The generator's pairs with numpy, in the kernel's order and with its errors."""
    o = plan.options
    over_post, skip = o["over_post"], o["skip_if_invalid"]
    rows = np.arange(n_rows, dtype=np.int64)
    zeros = np.zeros(n_rows, np.int64)
    pre_r, post_r = (zeros, rows) if over_post else (rows, zeros)
    row_abs = rows + row_offset

    def row_value(role, default, dtype=np.int64):
        if plan.exprs.get(role) is None:
            return np.full(n_rows, default, dtype=dtype)
        value = _evaluate(call, plan, role, pre_r, post_r, address=(row_abs, zeros))
        return np.asarray(value).astype(dtype)

    low, high, step = row_value("low", 0), row_value("high", 0), row_value("step", 1)
    zero_step = step == 0
    safe = np.where(zero_step, 1, step)
    counts = np.where(zero_step, 0, np.maximum(0, -((low - high) // safe)))
    errors = []  # (row, order within the row, kind, value, extra)
    if zero_step.any():
        errors.append((int(np.argmax(zero_step)), 0, 1, 0, 0))
    size = None
    if o["sample"] == "size":
        size = row_value("size", 0)
        if not skip:
            for kind, bad in ((3, size < 0), (4, (size > counts) & (size >= 0))):
                bad &= ~zero_step
                if bad.any():
                    r = int(np.argmax(bad))
                    errors.append((r, 1, kind, int(size[r]), int(counts[r])))
        size = np.clip(size, 0, counts)
    sample_p = row_value("sample_p", 0.0, np.float64) if o["sample"] == "p" else None
    last = min(errors)[0] if errors else n_rows  # rows from here on are not visited
    expected = counts if sample_p is None else \
        np.ceil(np.clip(sample_p, 0, 1) * counts).astype(np.int64) + 8
    rows_out, created_out = [], []
    start = 0
    cumulative = np.cumsum(expected[:last])
    while start < last:
        stop = int(np.searchsorted(cumulative, (cumulative[start - 1] if start else 0)
                                   + _PAIRS_PER_CHUNK, side="right"))
        stop = min(max(stop, start + 1), last)
        chunk = slice(start, stop)
        result = _generator_chunk(call, plan, rows[chunk], low[chunk], step[chunk],
                                  counts[chunk], None if size is None else size[chunk],
                                  None if sample_p is None else sample_p[chunk], n_res,
                                  row_offset, res_offset)
        if isinstance(result, tuple) and len(result) == 2:
            rows_out.append(result[0])
            created_out.append(result[1])
        else:
            errors.append(result)
            break
        start = stop
    if errors:
        _, _, kind, value, extra = min(errors)
        raise _generator_error(plan, kind, min(errors)[0], value, extra)
    if not rows_out:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows_out), np.concatenate(created_out)


def _generator_chunk(call, plan, rows, low, step, counts, size, sample_p, n_res, row_offset,
                     res_offset):
    """(rows, created) of one chunk of rows, or an error tuple (row, 2, 2, value, 0)."""
    o = plan.options
    over_post, skip = o["over_post"], o["skip_if_invalid"]
    row_abs = rows + row_offset
    if sample_p is not None:
        where, m = _jumps(call, _SAMPLE_STREAM, row_abs, sample_p, counts)
    else:
        where = np.repeat(np.arange(len(rows)), counts)
        m = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        if size is not None:
            keep = _smallest(call, row_abs[where], m, where, size, counts)
            where, m = where[keep], m[keep]
    row_of = rows[where]
    loop = low[where] + step[where] * m
    if plan.exprs.get("element") is not None:
        zeros = np.zeros_like(row_of)
        pre_k, post_k = (zeros, row_of) if over_post else (row_of, zeros)
        created = _evaluate(call, plan, "element", pre_k, post_k, loop=loop,
                            address=(row_of + row_offset, loop))
        created = np.asarray(created).astype(np.int64)
    else:
        created = loop
    valid = (created >= 0) & (created < n_res)

    def first_invalid(mask):
        k = int(np.argmax(mask))
        return (int(row_of[k]), 2, 2, int(created[k]), 0)

    if "condition" in plan.exprs:
        if o["result_first"]:
            if not skip and not valid.all():
                return first_invalid(~valid)
            row_of, loop, created, valid = row_of[valid], loop[valid], created[valid], \
                valid[valid]
        pre_c, post_c = (created, row_of) if over_post else (row_of, created)
        keep = _evaluate(call, plan, "condition", pre_c, post_c, loop=loop,
                         address=((created + res_offset, row_of + row_offset) if over_post
                                  else (row_of + row_offset, created + res_offset)))
        keep = np.asarray(keep).astype(bool)
        row_of, created, valid = row_of[keep], created[keep], valid[keep]
    if not valid.all():
        if not skip:
            return first_invalid(~valid)
        row_of, created = row_of[valid], created[valid]
    return row_of, created


def _smallest(call, keys, m, where, size, counts):
    """Per row, the ``size`` candidates with the smallest uniform numbers (ties: the first)."""
    u = call.uniform(_SAMPLE_STREAM, keys, m)
    order = np.lexsort((m, u, where))
    rank = np.empty(len(order), dtype=np.int64)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    rank[order] = np.arange(len(order)) - starts
    return rank < np.repeat(size, counts)
