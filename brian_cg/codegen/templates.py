"""Loading the Jinja templates of a target (``brian_cg/templates/<target>/``)."""
import functools
import os

__all__ = ["get_template"]

TEMPLATE_ROOT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")


@functools.cache
def _environment(target):
    import jinja2  # heavy: imported when the first code is generated

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([os.path.join(TEMPLATE_ROOT, target),
                                        os.path.join(TEMPLATE_ROOT, "common")]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # C++ templates: a recorded variable's output buffer (field, type, input key) and name.
    env.filters["add_buffer"] = lambda v: (f"_buf_v_{v}", "int64_t", f"_buf:v_{v}")
    env.filters["buffer_name"] = lambda v: f"v_{v}"
    return env


def get_template(target, name):
    return _environment(target).get_template(name)
