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


@functools.cache
def _environment(folder):
    import jinja2  # heavy: imported when the first code is generated

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([os.path.join(TEMPLATE_ROOT, folder),
                                        os.path.join(TEMPLATE_ROOT, "common")]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # C++ templates: a recorded variable's output buffer (field, type, input key) and name.
    env.filters["add_buffer"] = lambda v: (f"_buf_v_{v}", "int64_t", f"_buf:v_{v}")
    env.filters["buffer_name"] = lambda v: f"v_{v}"
    env.globals["common"] = read_common
    return env


def get_template(folder, name):
    return _environment(folder).get_template(name)
