"""PoissonInput: the summed effect of N independent Poisson inputs, without synapses.

Each step, ``target_var += weight * X`` for every target neuron, with X binomial(N, rate*dt)
drawn from brian_cg's generator: inversion of one uniform (written as a sum of
comparisons, so every target computes it from the same number) or, where N*p and N*(1-p)
exceed 5, the normal approximation ``N*p + sqrt(N*p*(1-p))*randn()`` as in Brian.
"""
import numpy as np
import sympy

from ..core.sizes import as_size
from ..equations.functions import binomial_expression
from ..groups.operations import GroupOperation
from ..units import Quantity, fail_for_dimension_mismatch, second

__all__ = ["PoissonInput"]


class PoissonInput(GroupOperation):
    """Poisson input to ``target_var`` of every neuron of ``target``, without synapses
    (Brian's ``PoissonInput``): each step, the number of the ``N`` inputs that fire is
    drawn (binomial) and ``weight`` is added that many times.

    Parameters
    ----------
    target : NeuronGroup
        The group receiving the input.
    target_var : str
        The variable the input is added to.
    N : int
        Number of independent inputs per neuron.
    rate : Quantity
        Rate of each input.
    weight : str or Quantity
        Added to ``target_var`` per input spike (in its units).
    when, order : optional
        Scheduling slot and order (default ``'synapses'``, 0).
    name : str
        Unique name.

    Examples
    --------
    >>> seed(3)
    >>> G = NeuronGroup(1000, 'dv/dt = -v/(10*ms) : volt', method='exact')
    >>> background = PoissonInput(G, 'v', N=100, rate=10*Hz, weight=1*mV)
    >>> run(100*ms)
    >>> print(f"{mean(G.v)/mV:.0f} mV")   # N*rate*weight*tau
    10 mV
    """

    add_to_magic_network = True
    invalidates_magic_network = True
    operation = "stateupdate"

    def __init__(self, target, target_var, N, rate, weight, when="synapses", order=0,
                 name="poissoninput*"):
        super().__init__(target, None, when, order=order, name=name)
        # the random stream follows the suffix: name it by creation order, not by the
        # (process-dependent) unique name, so a re-created model draws the same numbers
        self.suffix = f"poissoninput_{self._random_number}"
        if target_var not in target.variables:
            raise KeyError(f"PoissonInput: '{target.name}' has no variable '{target_var}'")
        if target.variables[target_var].scalar:
            from ..errors import SharedVariableError

            raise SharedVariableError(
                f"PoissonInput: '{target_var}' of '{target.name}' is a shared variable; "
                f"Poisson input needs one value per neuron")
        fail_for_dimension_mismatch(rate, 1 / second, "The rate of a PoissonInput must be in Hz")
        self.target_var = target_var
        self.N = as_size(N, f"The number of inputs N of PoissonInput '{self.name}'")
        self.rate = rate
        self.weight = weight
        if not isinstance(weight, str):
            fail_for_dimension_mismatch(
                weight, Quantity.with_dimensions(1, target.variables[target_var].dim),
                f"The weight of PoissonInput '{self.name}' must have the units of "
                f"'{target_var}'")

    def statements(self, run_namespace):
        from ..codegen.statements import Statement
        from ..equations import parse_as_written, parse_expression
        from ..equations.functions import Rand, Randn

        p = float(np.asarray(self.rate)) * self.group.clock.dt_
        if p > 1:
            raise ValueError(f"PoissonInput '{self.name}': rate*dt = {p} > 1; use a smaller dt")
        u = sympy.Symbol("_u", real=True)
        count = binomial_expression(self.N, p, u, Randn(0))
        written = None
        if isinstance(self.weight, str):
            weight = parse_expression(self.weight)
            written = sympy.Mul(parse_as_written(self.weight), count, evaluate=False)
        else:  # a quantity, checked against the variable's units in __init__
            weight = sympy.Float(float(np.asarray(self.weight, dtype=float)), 17)
            self.check_units = False
        statements = []
        if count.has(u):
            statements.append(Statement("_u", "=", Rand(1), comment="uniform for the binomial"))
        statements.append(Statement(self.target_var, "+=", weight * count,
                                    comment=f"PoissonInput {self.name}: {self.target_var} += "
                                            f"binomial({self.N}, rate*dt) * weight",
                                    written=written))
        return statements

    def __repr__(self):
        return (f"<PoissonInput {self.name} to '{self.group.name}.{self.target_var}', "
                f"N={self.N}>")
