"""Operations of a Synapses object besides its pathways: clock-driven state updates and
summed variables."""
import numpy as np
import sympy

from ..groups.operations import GroupOperation, IntegratingOperation
from ..groups.subgroup import Subgroup

__all__ = ["SummedVariableUpdater", "SynapticStateUpdater"]


class SynapticStateUpdater(IntegratingOperation):
    """Integrates the clock-driven synaptic equations every step."""

    def differential_equations(self):
        return {n: e for n, e in super().differential_equations().items()
                if n not in self.group.event_driven}

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        return [Statement(var, "=", expr, comment=f"d{var}/dt" if not var.startswith("_")
                          else "") for var, expr in self.integrated(run_namespace)]


class SummedVariableUpdater(GroupOperation):
    """``x_post = expr : unit (summed)``: the target's ``x`` is the sum over its synapses."""

    operation = "summed_variable"
    kind = "the summed variable"

    def __init__(self, synapses, eq):
        suffix = "post" if eq.varname.endswith("_post") else "pre"
        base = eq.varname[: -len(suffix) - 1]
        side = synapses.target if suffix == "post" else synapses.source
        super().__init__(synapses, f"summed_variable_{eq.varname}", when="groups")
        self.order = side.order - 1  # before the target's state update, as in Brian
        self.eq = eq
        self.side = side
        self.target_var_name = base
        target_var = side.variables.get(base)
        if target_var is None:
            raise ValueError(f"The summed variable '{eq.varname}' of '{synapses.name}' refers to "
                           f"'{base}', which '{side.name}' does not have")
        if eq.stochastic_variables:
            from ..errors import EquationError

            raise EquationError(
                f"The summed variable '{eq.varname}' of '{synapses.name}' contains the noise "
                f"symbol(s) {sorted(eq.stochastic_variables)}; noise can only enter "
                f"differential equations (directly or through their subexpressions)")
        if target_var.scalar:
            from ..errors import SharedVariableError

            raise SharedVariableError(
                f"The summed variable '{eq.varname}' of '{synapses.name}' refers to '{base}' "
                f"of '{side.name}', which is a shared variable: a summed variable needs one "
                f"value per neuron")
        if target_var.dim is not eq.dim:
            from ..errors import DimensionMismatchError

            raise DimensionMismatchError(
                f"The summed variable '{eq.varname}' of '{synapses.name}' has different units "
                f"than '{base}' of '{side.name}'", eq.dim, target_var.dim)
        self._index = "_synaptic_post" if suffix == "post" else "_synaptic_pre"
        target_eq = getattr(side, "equations", {}).get(base)
        if target_eq is not None and target_eq.type != "parameter":
            raise ValueError(f"The summed variable '{eq.varname}' of '{synapses.name}' needs a "
                             f"corresponding parameter '{base}' in '{side.name}', but '{base}' "
                             f"is a {target_eq.type}")

    @property
    def clock(self):
        return self.side.clock

    @staticmethod
    def check_network(objects):
        """One summed variable per target variable and range of a network, as Brian
        requires (checked before a run: NotImplementedError)."""
        taken = {}
        for obj in objects:
            if not isinstance(obj, SummedVariableUpdater):
                continue
            side = obj.side
            root = side.source if isinstance(side, Subgroup) else side
            start = getattr(side, "start", 0)
            key = (id(root), obj.target_var_name)
            for a, b, other in taken.get(key, ()):
                if a < start + int(side.N) and start < b:
                    raise NotImplementedError(
                        f"Multiple 'summed variables' target the variable "
                        f"'{obj.target_var_name}' of '{root.name}' ('{other.group.name}' and "
                        f"'{obj.group.name}'); use a separate variable for each and add them "
                        f"in the model")
            taken.setdefault(key, []).append((start, start + int(side.N), obj))

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        return [Statement("_summed_value", "=", self.eq.expr.sympy,
                          comment=f"{self.eq.varname} = {self.eq.expr.code} (summed)",
                          written=self.eq.expr.written),
                Statement("_summed_index", "=", sympy.Symbol(self._index, real=True))]

    def extra_bindings(self):
        side = self.side
        start = getattr(side, "start", 0)
        return {"_target_array": side.variables[self.target_var_name].array,
                "_target_start": start, "_target_N": int(side.N),
                "_bincount": np.bincount, "_empty_sum": np.zeros(int(side.N))}
