"""Jupyter display (``_repr_html_``) of groups and of the profiling and scheduling summaries."""
from brian_cg import (NeuronGroup, StateMonitor, Synapses, ms, profiling_summary, run,
                      scheduling_summary)


def test_group_html():
    G = NeuronGroup(2, "dv/dt = -v/tau : volt (unless refractory)\ntau : second",
                    threshold="v > 1*mV", reset="v = 0*mV", events={"e": "v < -2*mV"})
    G.run_on_event("e", "v = 0*mV")
    text = G._repr_html_()
    assert text.startswith("NeuronGroup 'neurongroup' with 2 neurons.<br>")
    assert r"\frac{\mathrm{d}v}{\mathrm{d}t} &= - \frac{v}{\tau}" in text
    assert r"\tau &&& \text{(unit: $\mathrm{second}$)}" in text
    assert "flags: unless refractory" in text
    # user code is escaped: a '<' in a condition does not open a tag
    assert "<li><i>Threshold condition: </i><code>v &gt; 1*mV</code></li>" in text
    assert "<li><i>Reset statement(s):</i><code>v = 0*mV</code></li>" in text
    assert '<b>Event "e":</b>' in text and "<code>v &lt; -2*mV</code>" in text
    S = Synapses(G, G, "w : volt", on_pre="v_post += w")
    S.connect(j="i")
    syn = S._repr_html_()
    assert syn.startswith("Synapses 'synapses' with 2 synapses.<br>")
    assert "<code>v_post += w</code>" in syn
    assert G[:1]._repr_html_().startswith("Subgroup ")


def test_summaries_html():
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1")
    M = StateMonitor(G, "v", record=True)
    run(1 * ms, profile=True)
    text = profiling_summary()._repr_html_()
    assert text.startswith('<h2 class="brian_prof_summary_header">Profiling summary</h2>')
    assert text.count("<tr>") == 3 and "statemonitor" in text and " ms</td>" in text
    table = scheduling_summary()._repr_html_()
    assert "<th>when</th>" in table and "<td>statemonitor</td><td>start</td>" in table
    assert M.name == "statemonitor"
