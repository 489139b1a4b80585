"""Loading the Jinja templates of a target (``brian_cg/templates/<target>/``)."""
import functools
import os

__all__ = ["get_template"]

TEMPLATE_ROOT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")


@functools.lru_cache(maxsize=None)
def _environment(target):
    import jinja2  # heavy: imported when the first code is generated

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([os.path.join(TEMPLATE_ROOT, target),
                                        os.path.join(TEMPLATE_ROOT, "common")]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def get_template(target, name):
    return _environment(target).get_template(name)
