"""Rich display of groups in Jupyter (``_repr_html_``), in the format of Brian's NeuronGroup."""
import html

__all__ = ["equations_latex", "group_html"]


def _latex_name(name):
    import sympy

    return sympy.latex(sympy.Symbol(name))


def equations_latex(equations):
    """The equations as a LaTeX ``align*`` block (Brian's ``sympy.latex(equations)``)."""
    import sympy

    from ..equations.equations import DIFFERENTIAL_EQUATION, PARAMETER

    lines = []
    for eq in equations.values():
        name = _latex_name(eq.varname)
        lhs = (r"\frac{\mathrm{d}" + name + r"}{\mathrm{d}t}"
               if eq.type == DIFFERENTIAL_EQUATION else name)
        flags = ", flags: " + ", ".join(eq.flags) if eq.flags else ""
        unit = r"\mathrm{" + eq._unit_spec().replace(" ", r"\,") + "}"
        if eq.type == PARAMETER:
            lines.append(rf"{lhs} &&& \text{{(unit: ${unit}${flags})}}")
        else:
            rhs = sympy.latex(eq.expr.sympy)
            lines.append(rf"{lhs} &= {rhs} && \text{{(unit of ${name}$: ${unit}${flags})}}")
    return r"\begin{align*}" + (r"\\" + "\n").join(lines) + r"\end{align*}"


def _event_html(header, condition_label, condition, code_label, code):
    text = [f'<b>{header}:</b><ul style="list-style-type: none; margin-top: 0px;">',
            f"<li><i>{condition_label}: </i><code>{html.escape(str(condition))}</code></li>"]
    if code:
        text.append(f"<li><i>{code_label}:</i>{'</br>' if chr(10) in str(code) else ''}"
                    f"<code>{html.escape(str(code))}</code></li>")
    text.append("</ul>")
    return text


def group_html(group):
    """HTML describing ``group``: its size, model and events (or pathways)."""
    kind = type(group).__name__
    n = int(group.N)
    noun = {"Synapses": "synapses"}.get(kind, "neurons")
    text = [f"{kind} '{html.escape(group.name)}' with {n} {noun}.<br>"]
    equations = getattr(group, "equations", None)
    if equations is not None and len(equations):
        text.append("<b>Model:</b><nr>")
        text.append(equations_latex(equations))
    events = getattr(group, "events", None)
    if isinstance(events, dict):
        resetter = getattr(group, "resetter", {})
        for event in sorted(events, key=lambda e: e != "spike"):
            code = getattr(resetter.get(event), "code", None)
            if event == "spike":
                code = getattr(group, "_reset_code", None)
                text += _event_html("Spiking behaviour", "Threshold condition", events[event],
                                    "Reset statement(s)", code)
            else:
                text += _event_html(f'Event "{event}"', "Event condition", events[event],
                                    "Executed statement(s)", code)
    for pathway in getattr(group, "_pathways", []):
        text += _event_html(f"Pathway '{pathway.objname}'", "Triggered by",
                            f"'{pathway.event}' of '{pathway.spike_source.name}'",
                            "Statement(s)", pathway.code)
    return "\n".join(text)
