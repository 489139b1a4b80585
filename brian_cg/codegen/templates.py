"""Loading the Jinja templates of a target (``brian_cg/templates/<folder>/``).

``templates/common/`` holds what several C-family targets share (support functions, the
random number generator, buffers, the spike queue); a template inserts one of those
files unchanged with ``{{ common("name.h") }}``.
"""
import functools
import os

__all__ = ["TEMPLATE_ROOT", "get_template", "read_common"]

TEMPLATE_ROOT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")


@functools.cache
def read_common(name):
    """The text of ``templates/common/<name>``."""
    with open(os.path.join(TEMPLATE_ROOT, "common", name)) as f:
        return f.read()


def _block(text, spaces=4):
    """Lines of ``text`` indented by ``spaces`` (blank lines left empty), without the final
    newline: the body of a loop or block in a C-family template macro."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.rstrip("\n").split("\n"))


@functools.cache
def _environment(folders):
    import jinja2  # heavy: imported when the first code is generated

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([os.path.join(TEMPLATE_ROOT, f) for f in folders]
                                       + [os.path.join(TEMPLATE_ROOT, "common")]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # C++ templates: a recorded variable's output buffer (field, type, input key) and name.
    env.filters["add_buffer"] = lambda v: (f"_buf_v_{v}", "int64_t", f"_buf:v_{v}")
    env.filters["buffer_name"] = lambda v: f"v_{v}"
    # a StateMonitor's rows of a recorded variable: (field, C pointer type, input key)
    env.filters["row_field"] = lambda v, ctype_of: (f"_rec_{v}", ctype_of(v) + "*", f"_rec_{v}")
    env.filters["block"] = _block
    env.globals["common"] = read_common
    return env


def get_template(folders, name):
    """Template ``name`` from ``folders`` (a folder under ``templates/`` or a tuple of them,
    searched in order, then ``common``): a target reusing another's kernel bodies puts its
    own folder (its macros) first."""
    folders = (folders,) if isinstance(folders, str) else tuple(folders)
    return _environment(folders).get_template(name)
