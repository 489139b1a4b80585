"""The C++ program of one network structure: operations' bodies in the library template.

``build_program`` renders ``templates/cpp/program.cpp.j2`` (the frame structs, every
compiled operation, the loop ``bc_run`` in schedule order) and describes it in a manifest
(``program.Program``). The frame structs are written here once, as field lists: the
template prints them as C structs and the loader builds ctypes structures from the same
lists.
"""
from ..codegen.templates import get_template
from .program import Program, text_digest

__all__ = ["FRAME_STRUCTS", "build_program"]

#: The structs every program shares: (name, [(field, C type)]).
FRAME_STRUCTS = (
    # the head of every operation's argument struct: its clock and random-number address
    ("BcOpHeader", (("clock", "int64_t"), ("random_step", "int64_t"), ("seed", "uint32_t"),
                    ("oid", "uint32_t"), ("stream_base", "uint32_t"), ("pad", "uint32_t"))),
    # a growable output buffer of doubles (monitors)
    ("BcBuf", (("data", "double*"), ("n", "int64_t"), ("cap", "int64_t"))),
    # the simulation: clocks, the schedule's clock of each operation, arguments, buffers;
    # times: per clock an EventClock's times, or 0 (t = step * dt)
    ("BcSim", (("timestep", "int64_t*"), ("dt", "const double*"), ("end", "const int64_t*"),
               ("op_clock", "const int32_t*"), ("current", "int32_t*"), ("args", "void**"),
               ("bufs", "BcBuf*"), ("pos", "int64_t"), ("n_clocks", "int64_t"),
               ("times", "const double* const*"))),
)

#: The functions the in-process loader calls.
ENTRY_POINTS = ("bc_run", "bc_run_op", "bc_struct_sizes", "bc_free_buffer", "bc_queue_new",
                "bc_queue_fill", "bc_queue_slot", "bc_queue_offset", "bc_queue_free",
                "bc_set_threads", "bc_source_hash")


def build_program(steps, n_clocks, target):
    """The program running ``steps`` [(codeobject or None for a Python step, clock index)]
    in schedule order over ``n_clocks`` clocks."""
    operations, n_buffers, support = [], 0, []
    for k, (co, clock) in enumerate(steps):
        if co is None:
            operations.append({"index": k, "kind": "python", "operation": "python",
                               "clock": clock})
            continue
        fields = [["h", "BcOpHeader", ["header", ""]]]
        fields += [[f, t, list(source)] for f, t, source in co.fields]
        buffers = []
        for group, names in co.op.buffers:
            buffers.append([group, [[name, n_buffers + j] for j, name in enumerate(names)]])
            n_buffers += len(names)
        operations.append({
            "index": k, "kind": "compiled", "operation": co.operation, "clock": clock,
            "struct": f"Args_{k}", "fields": fields, "buffers": buffers,
            "queue": any(source == ("input", "_queue") for _, _, source in co.op.fields),
            "functions": sorted(f.name for f in co.functions),
            "body": co.op.body,
            "start": "\n".join(f.start for f in co.functions if f.start),
            "end": "\n".join(f.end for f in co.functions if f.end)})
        for f in co.functions:
            if f.support_code and f.support_code not in support:
                support.append(f.support_code)
    texts = [(op.pop("body", None), op.pop("start", ""), op.pop("end", "")) for op in operations]
    bodies = [body for body, _, _ in texts]
    frame = [[name, [list(f) for f in fields]] for name, fields in FRAME_STRUCTS]
    layout = [name for name, _ in FRAME_STRUCTS] + \
        [op["struct"] for op in operations if op["kind"] == "compiled"]
    render = [dict(op, body=body, start=start, end=end,
                   fields=[tuple(f) for f in op.get("fields", [])])
              for op, (body, start, end) in zip(operations, texts)]
    text = get_template(target.templates, "program.cpp.j2").render(
        operations=render, frame_structs=FRAME_STRUCTS, layout_order=layout,
        support_code=support,
        openmp=any(body and "#pragma omp" in body for body in bodies))
    digest = text_digest(text)
    text += get_template(target.templates, "source_hash.cpp.j2").render(digest=digest)
    manifest = {"format": 1, "target": target.name, "language": "c++", "digest": digest,
                "clocks": n_clocks, "frame_structs": frame, "layout_order": layout,
                "operations": operations, "buffers": n_buffers,
                "entry_points": list(ENTRY_POINTS)}
    return Program({"brian_cg_program.cpp": text}, manifest)
