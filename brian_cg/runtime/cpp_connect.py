"""Connection generation on the compiled target: ``connect(p=...)`` with a constant p."""
import ctypes

import numpy as np

__all__ = ["jump_candidates"]

_lib = {}


def _library():
    if "lib" not in _lib:
        from ..codegen.templates import get_template
        from .compiler import compile_and_load
        from .cpp_runtime import _read_common

        source = get_template("cpp", "connect_jump.cpp.j2").render(philox=_read_common("philox.h"))
        lib, _ = compile_and_load(source)
        fn = lib.bc_connect_jump
        i64, u32 = ctypes.c_int64, ctypes.c_uint32
        fn.restype = i64
        fn.argtypes = [u32, u32, u32, i64, i64, i64, i64, i64, ctypes.c_double,
                       ctypes.c_void_p, ctypes.c_void_p, i64, ctypes.POINTER(i64)]
        _lib["lib"] = (lib, fn)
    return _lib["lib"][1]


def jump_candidates(seed, object_id, stream, first_row, n_rows, row_offset, col_offset,
                    n_cols, p):
    """(pre, post) int32 arrays of the pairs chosen with probability ``p`` (rows relative)."""
    fn = _library()
    pres, posts = [], []
    row, end = first_row, first_row + n_rows
    done = ctypes.c_int64(0)
    while row < end:
        rows = end - row
        capacity = int(rows * (p * n_cols + 6 * np.sqrt(n_cols * p * (1 - p)) + 8)) + 1024
        pre = np.empty(capacity, dtype=np.int32)
        post = np.empty(capacity, dtype=np.int32)
        n = fn(seed, object_id, stream, row, rows, row_offset, col_offset, n_cols, p,
               pre.ctypes.data, post.ctypes.data, capacity, ctypes.byref(done))
        pres.append(pre[:n])
        posts.append(post[:n])
        row += max(done.value, 1) if done.value < rows else rows
    return np.concatenate(pres), np.concatenate(posts)
