"""Loading a C++ program in-process: compiled through the cache, bound with ctypes.

The ctypes structures are made from the manifest's field lists (the lists the C structs
were printed from, so each layout is written once) and checked against the library's own
``sizeof`` of every struct. They live in a module-level table keyed by the program's
digest: no object that a user may pickle or send to another process holds a ctypes class
made at run time.
"""
import ctypes

from ..errors import CompilationError

__all__ = ["LoadedProgram", "struct_types"]

_SCALARS = {"double": ctypes.c_double, "float": ctypes.c_float, "int64_t": ctypes.c_int64,
            "int32_t": ctypes.c_int32, "int16_t": ctypes.c_int16, "int8_t": ctypes.c_int8,
            "uint64_t": ctypes.c_uint64, "uint32_t": ctypes.c_uint32, "bool": ctypes.c_bool}
_types = {}  # program digest -> {struct name: ctypes Structure}


def _ctype(ctype, known):
    if ctype.endswith("*"):
        return ctypes.c_void_p
    if ctype in known:
        return known[ctype]
    return _SCALARS[ctype]


def struct_types(program):
    """{name: ctypes Structure} for every struct of ``program``'s manifest (cached)."""
    types = _types.get(program.digest)
    if types is None:
        types = {}
        for name, fields in program.structs():
            types[name] = type(name, (ctypes.Structure,),
                               {"_fields_": [(f, _ctype(t, types)) for f, t in fields]})
        _types[program.digest] = types
    return types


def _source_hash(lib):
    try:
        f = lib.bc_source_hash
    except AttributeError:
        return None
    f.restype = ctypes.c_char_p
    return f().decode()


class LoadedProgram:
    """``program`` compiled by ``target`` (from the cache when built before) and loaded.

    ``lib`` is the ``ctypes.CDLL`` with its entry points declared, ``types`` the ctypes
    structures by name, ``build_info`` what the compile step reports.
    """

    def __init__(self, program, target):
        self.program = program
        digest = program.digest
        self.lib, self.build_info = target.compile(
            program.main_source, check=lambda lib: _source_hash(lib) == digest)
        self.types = struct_types(program)
        self._declare()
        self._check_layouts()

    def _declare(self):
        lib, p, i64 = self.lib, ctypes.c_void_p, ctypes.c_int64
        lib.bc_run.restype = i64
        lib.bc_run.argtypes = [p, i64]
        lib.bc_run_op.argtypes = [p, i64]
        lib.bc_free_buffer.argtypes = [p]
        lib.bc_struct_sizes.restype = ctypes.POINTER(i64)
        lib.bc_queue_new.restype = p
        lib.bc_queue_new.argtypes = [i64, i64]
        lib.bc_queue_fill.argtypes = [p, i64, p, i64]
        lib.bc_queue_slot.restype = i64
        lib.bc_queue_slot.argtypes = [p, i64, ctypes.POINTER(ctypes.POINTER(ctypes.c_int32))]
        lib.bc_queue_offset.restype = i64
        lib.bc_queue_offset.argtypes = [p]
        lib.bc_queue_free.argtypes = [p]

    def _check_layouts(self):
        sizes = self.lib.bc_struct_sizes()
        for k, name in enumerate(self.program.manifest["layout_order"]):
            if sizes[k] != ctypes.sizeof(self.types[name]):
                raise CompilationError(
                    f"The compiled struct {name} has {sizes[k]} bytes, its ctypes twin "
                    f"{ctypes.sizeof(self.types[name])} (library "
                    f"{self.build_info['library_path']})")

    def new_struct(self, name, **values):
        return self.types[name](**values)
