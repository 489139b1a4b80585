"""Creating synapses: explicit indices, conditions with probabilities, generator syntax.

Work is done in chunks of presynaptic rows (at most ~1M candidate pairs at a time),
so no dense N_pre x N_post matrix is ever built. Random numbers (``p``, ``rand()``,
``sample``) are addressed by the (pre, post) pair, so the result does not depend on
the chunking and is the same on every target.
"""
import numbers
import zlib

import numpy as np
import sympy

from .. import rng
from ..core.variables import ArrayVariable, ArrayView, ConstantVariable
from ..units import DIMENSIONLESS

__all__ = ["create_synapses"]

_PAIRS_PER_CHUNK = 1 << 20
_P_STREAM = 255  # stream offset of the connection probability draw


def create_synapses(syn, condition, i, j, p, n, skip_if_invalid, namespace):
    """Absolute (pre, post) indices of the synapses to create, in creation order."""
    src, tgt = syn.source, syn.target
    if isinstance(condition, str) and condition.strip() and (i is not None or j is not None):
        raise ValueError("Give either a condition or i/j, not both")
    ev = _PairEvaluator(syn, namespace)
    if isinstance(i, str) or isinstance(j, str):
        if i is not None and j is not None:
            raise ValueError("Only one of i and j can be a generator expression")
        over_post = isinstance(i, str)
        pre, post = _from_generator(ev, i if over_post else j, over_post, p, n, skip_if_invalid)
    elif i is not None or j is not None:
        if i is None or j is None:
            raise ValueError("Give both i and j (index arrays) to connect explicitly")
        if condition not in (None, True) or not (isinstance(p, numbers.Number) and p == 1):
            raise ValueError("Explicit i and j cannot be combined with a condition or p")
        i_arr, j_arr = np.broadcast_arrays(np.asarray(i, dtype=np.int64),
                                           np.asarray(j, dtype=np.int64))
        pre, post = i_arr.ravel(), j_arr.ravel()
        for name, arr, size in (("i", pre, src.N), ("j", post, tgt.N)):
            if len(arr) and (arr.min() < 0 or arr.max() >= size):
                raise IndexError(f"connect: {name} must be in [0, {size}), got values from "
                                 f"{arr.min()} to {arr.max()}")
        pre, post = _repeat_n(ev, pre, post, n)
    else:
        if condition is False:
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        pre, post = _from_condition(ev, None if condition in (None, True) else condition, p, n)
    pre = pre.astype(np.int32, copy=False)
    post = post.astype(np.int32, copy=False)
    if syn._source_offset:
        pre += syn._source_offset
    if syn._target_offset:
        post += syn._target_offset
    return pre, post


def _rows_chunks(n_rows, n_cols):
    step = max(1, _PAIRS_PER_CHUNK // max(n_cols, 1))
    for start in range(0, n_rows, step):
        yield np.arange(start, min(start + step, n_rows))


def _from_condition(ev, condition, p, n):
    n_pre, n_post = int(ev.syn.source.N), int(ev.syn.target.N)
    scalar_p = isinstance(p, numbers.Number)
    if scalar_p and p <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pres, posts = [], []
    for rows in _rows_chunks(n_pre, n_post if not scalar_p or p >= 1 else
                             int(p * n_post) + 16):
        if scalar_p and p < 1:
            pre, post = _jump_candidates(ev, rows, n_post, p)
        else:
            pre = np.repeat(rows, n_post)
            post = np.tile(np.arange(n_post), len(rows))
        if condition is not None:
            keep = ev.evaluate(condition, pre, post, boolean=True)
            pre, post = pre[keep], post[keep]
        if not scalar_p:
            pre, post = _apply_p(ev, pre, post, p)
        pres.append(pre.astype(np.int32))  # 8 bytes per synapse while collecting
        posts.append(post.astype(np.int32))
    pre, post = np.concatenate(pres), np.concatenate(posts)
    return _repeat_n(ev, pre, post, n)


def _jump_candidates(ev, rows, n_post, p):
    """Pairs chosen independently with probability ``p``, by geometric jumps along each row.

    Draw number ``k`` of row ``i`` is the pair-addressed uniform (i, k): about p*N_post
    numbers per row instead of N_post. ``rows`` are consecutive, so the first draws of all
    rows come from one block of the generator.
    """
    if ev.compiled:
        from ..runtime.cpp_connect import jump_candidates

        return jump_candidates(ev.seed, ev.object_id, ev.stream + _P_STREAM, int(rows[0]),
                               len(rows), ev.syn._source_offset, ev.syn._target_offset,
                               n_post, p)
    log_q = np.log1p(-p)
    width = int(p * n_post + 6 * np.sqrt(n_post * p * (1 - p)) + 8)
    pres, posts = [], []
    todo = rows
    start = np.full(len(rows), -1, dtype=np.int64)
    first_draw = 0
    while len(todo):
        if first_draw == 0:
            u = ev.pair_uniform_rows(_P_STREAM, int(rows[0]), len(rows), width)
        else:  # the few rows that need more draws
            k = np.arange(first_draw, first_draw + width)
            u = ev.pair_uniform(_P_STREAM, np.repeat(todo, width), np.tile(k, len(todo)))
        gaps = np.floor(np.log1p(-u) / log_q).astype(np.int64) + 1
        positions = np.cumsum(gaps.reshape(len(todo), width), axis=1)
        positions += start[:, None]
        inside = positions < n_post
        pres.append(np.repeat(todo, inside.sum(axis=1)))
        posts.append(positions[inside])
        unfinished = inside[:, -1]
        todo, start = todo[unfinished], positions[unfinished, -1]
        first_draw += width
    if len(pres) == 1:  # one pass: already ordered by (pre, post)
        return pres[0], posts[0]
    pre, post = np.concatenate(pres), np.concatenate(posts)
    order = np.argsort(pre * n_post + post, kind="stable")
    return pre[order], post[order]


def _apply_p(ev, pre, post, p):
    if isinstance(p, numbers.Number):
        if p >= 1:
            return pre, post
        if p <= 0:
            return pre[:0], post[:0]
        prob = p
    else:
        prob = ev.evaluate(p, pre, post)
    keep = ev.pair_uniform(_P_STREAM, pre, post) < prob
    return pre[keep], post[keep]


def _repeat_n(ev, pre, post, n):
    if isinstance(n, numbers.Integral):
        if n == 1:
            return pre, post
        counts = n
    else:
        counts = ev.evaluate(n, pre, post).astype(np.int64)
    if np.any(np.asarray(counts) < 0):
        raise ValueError("connect: the number of synapses n must not be negative")
    return np.repeat(pre, counts), np.repeat(post, counts)


def _from_generator(ev, code, over_post, p, n, skip_if_invalid):
    from .generator import parse_generator

    spec = parse_generator(code)
    syn = ev.syn
    n_rows = int(syn.target.N if over_post else syn.source.N)
    n_cols = int(syn.source.N if over_post else syn.target.N)
    row_name, col_name = ("j", "i") if over_post else ("i", "j")
    pres, posts = [], []
    for rows in _rows_chunks(n_rows, 64):
        zeros = np.zeros(len(rows), dtype=np.int64)
        pre_r, post_r = (zeros, rows) if over_post else (rows, zeros)
        bounds = [ev.evaluate(b, pre_r, post_r, only=row_name).astype(np.int64)
                  for b in spec.bounds]
        low, high, step = ((np.zeros(len(rows), np.int64), bounds[0], 1) if len(bounds) == 1
                           else (bounds[0], bounds[1], bounds[2] if len(bounds) == 3 else 1))
        step = np.broadcast_to(np.asarray(step, dtype=np.int64), (len(rows),))
        if np.any(step == 0):
            raise ValueError(f"connect('{code}'): the step of range/sample must not be 0")
        if spec.kind == "sample" and skip_if_invalid is not None:
            # candidates outside the other side are never drawn for sample()
            low = np.where(step > 0, np.maximum(low, 0), np.minimum(low, n_cols - 1))
            high = np.where(step > 0, np.minimum(high, n_cols), np.maximum(high, -1))
        counts = np.maximum(0, -((low - high) // step))
        row_of = np.repeat(rows, counts)
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        k = np.repeat(low, counts) + np.repeat(step, counts) * within
        pre_k, post_k = (k, row_of) if over_post else (row_of, k)
        if spec.kind == "sample":
            keep = _sample(ev, spec, code, row_of, k, pre_k, post_k, pre_r, post_r, rows,
                           row_name, counts)
            row_of, k = row_of[keep], k[keep]
        pre_k = np.zeros_like(row_of) if over_post else row_of
        post_k = row_of if over_post else np.zeros_like(row_of)
        created = ev.evaluate(spec.element, pre_k, post_k, only=row_name,
                              extra={spec.variable: k}).astype(np.int64)
        created = np.array(np.broadcast_to(created, row_of.shape))
        valid = (created >= 0) & (created < n_cols)
        if spec.condition is not None:
            # the 'if' clause filters first (it may exclude invalid indices); variables
            # of the other side are read at a clipped index where the index is invalid
            safe = np.clip(created, 0, max(n_cols - 1, 0))
            pre_s, post_s = (safe, row_of) if over_post else (row_of, safe)
            keep = ev.evaluate(spec.condition, pre_s, post_s, boolean=True,
                               extra={spec.variable: k})
            row_of, k, created, valid = row_of[keep], k[keep], created[keep], valid[keep]
        if not valid.all():
            if not skip_if_invalid:
                bad = created[~valid][0]
                raise IndexError(
                    f"connect({col_name}='{code}') created the index {col_name}={bad}, outside "
                    f"[0, {n_cols}); use skip_if_invalid=True to skip such indices")
            row_of, k, created = row_of[valid], k[valid], created[valid]
        pre_c, post_c = (created, row_of) if over_post else (row_of, created)
        pre_c, post_c = _apply_p(ev, pre_c, post_c, p)
        pres.append(pre_c)
        posts.append(post_c)
    pre, post = np.concatenate(pres), np.concatenate(posts)
    return _repeat_n(ev, pre, post, n)  # ordered by the generating side, as in Brian


def _sample(ev, spec, code, row_of, k, pre_k, post_k, pre_r, post_r, rows, row_name, counts):
    key_pre, key_post = (k, row_of) if row_name == "j" else (row_of, k)
    u = ev.pair_uniform(_P_STREAM - 1, key_pre, key_post)
    if spec.p is not None:
        prob = ev.evaluate(spec.p, pre_r, post_r, only=row_name)
        prob = np.repeat(np.broadcast_to(prob, rows.shape), counts)
        return u < prob
    size = np.broadcast_to(ev.evaluate(spec.size, pre_r, post_r, only=row_name).astype(np.int64),
                           rows.shape)
    if np.any(size > counts) or np.any(size < 0):
        raise IndexError(f"connect('{code}'): sample size larger than the number of "
                         f"candidates (or negative)")
    order = np.lexsort((u, row_of))  # per row, candidates by their random key
    rank = np.empty(len(order), dtype=np.int64)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    rank[order] = np.arange(len(order)) - starts
    keep = rank < np.repeat(size, counts)
    return keep


class _PairEvaluator:
    """Evaluates expressions over (pre, post) pairs with numpy code objects."""

    def __init__(self, syn, namespace):
        self.syn = syn
        self.namespace = namespace
        self.seed = rng.get_seed()
        self.object_id = syn._random_number
        number = syn.__dict__.get("_connect_calls", 0)
        object.__setattr__(syn, "_connect_calls", number + 1)
        self.stream = (zlib.crc32(f"connect_{number}".encode()) & 0xFFFF) << 16
        self._cache = {}
        from ..runtime import resolve_target

        self.compiled = resolve_target() == "cython"

    def pair_uniform(self, k, pre, post):
        return rng.uniform_pairs(self.seed, self.object_id, self.stream + k,
                                 pre + self.syn._source_offset, post + self.syn._target_offset)

    def pair_uniform_rows(self, k, first_row, n_rows, width):
        """``pair_uniform`` for rows first_row.. and draws 0..width-1, as one block."""
        return rng.uniform_block(self.seed, self.object_id, self.stream + k,
                                 first_row + self.syn._source_offset, n_rows,
                                 np.arange(width) + self.syn._target_offset)

    def _variables(self, only, extra_names):
        syn = self.syn
        v = {}
        for name in ("i", "j", "_pair_pre", "_pair_post") + tuple(extra_names):
            v[name] = ArrayVariable(name, DIMENSIONLESS, 0, dtype=np.int64, owner=syn,
                                    read_only=True, var_type="integer")
        for group, suffix, index, side in ((syn.source, "_pre", "_pair_pre", "i"),
                                           (syn.target, "_post", "_pair_post", "j")):
            if only is not None and side != only:
                continue
            for name, var in group.variables.items():
                if isinstance(var, ArrayVariable) and not name.startswith("_") and name != "i":
                    v[name + suffix] = ArrayView(name + suffix, var, index=index, owner=syn)
        v["N_pre"] = ConstantVariable("N_pre", DIMENSIONLESS, int(syn.source.N), owner=syn)
        v["N_post"] = ConstantVariable("N_post", DIMENSIONLESS, int(syn.target.N), owner=syn)
        if only is not None:
            hidden = "j" if only == "i" else "i"
            del v[hidden]
        return v

    def evaluate(self, code, pre, post, boolean=False, only=None, extra=None):
        """Values of ``code`` (str or number) for each pair, broadcast to len(pre)."""
        from ..codegen.statements import Statement
        from ..core.namespace import resolve_external
        from ..equations import parse_as_written, parse_expression
        from ..runtime.numpy_runtime import NumpyCodeObject

        n = len(pre)
        if not isinstance(code, str):
            return np.broadcast_to(np.asarray(code), (n,))
        extra = extra or {}
        key = (code, only, tuple(sorted(extra)))
        if key not in self._cache:
            expr = parse_expression(code)
            if boolean and not isinstance(expr, (sympy.logic.boolalg.Boolean, sympy.Symbol)):
                if not expr.is_Number:
                    raise TypeError(f"Condition '{code}' is not a boolean condition")
            variables = self._variables(only, extra)
            self._check_units(parse_as_written(code), variables, code)
            co = NumpyCodeObject(f"{self.syn.name}_connect_{abs(hash(key)) % 10**8}",
                                 "group_evaluate", [Statement("_result", "=", expr)],
                                 variables, self.syn, allow_writes=False)
            self._cache[key] = (co, variables)
        co, variables = self._cache[key]
        arrays = {"i": pre, "j": post, "_pair_pre": pre + self.syn._source_offset,
                  "_pair_post": post + self.syn._target_offset, **extra}
        bound = {}
        for name in co.block.arrays_read:
            var = variables[name]
            bound[name] = arrays[name] if name in arrays else var.array
        constants = {}
        for name, var in co.block.constants.items():
            if var is None:
                value = resolve_external(name, self.syn.name, self.syn._namespace,
                                         self.namespace, context=f"connect '{code}'")
                constants[name] = np.asarray(value).item() if np.ndim(value) == 0 else value
            else:
                constants[name] = var.value
        co.bind(bound, constants, {"_index": slice(None), "_arange": np.arange(n),
                                   "_offset": 0, "_n_total": n, "_events": None})
        if co.uses_random:
            pre_abs, post_abs = arrays["_pair_pre"], arrays["_pair_post"]
            base = self.stream + 1
            co.namespace["_rand"] = lambda k, vidx: rng.uniform_pairs(
                self.seed, self.object_id, base + k, pre_abs, post_abs)
            co.namespace["_randn"] = lambda k, vidx: rng.normal_pairs(
                self.seed, self.object_id, base + k, pre_abs, post_abs)
        result = co()
        return result.astype(bool) if boolean else result

    def _check_units(self, expr, variables, code):
        from ..core.namespace import resolve_external
        from ..equations import expression_dimensions
        from ..units import get_dimensions

        def resolve(name):
            if name in variables:
                return variables[name].dim
            try:
                return get_dimensions(resolve_external(name, self.syn.name, self.syn._namespace,
                                                       self.namespace,
                                                       context=f"connect '{code}'"))
            except Exception:
                return resolve_external(name, self.syn.name, self.syn._namespace,
                                        self.namespace, function=True,
                                        context=f"connect '{code}'")

        expression_dimensions(expr, resolve)
