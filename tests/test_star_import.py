"""``from brian_cg import *`` gives the names ``from brian2 import *`` gives (Brian2 2.11)."""
import subprocess
import sys
import textwrap

import numpy
import pytest

import brian_cg

STAR = {}
exec("from brian_cg import *", STAR)  # noqa: S102 - the star import itself is under test

#: Brian2 2.11's star-import names other than units and numpy's own names
BRIAN2_NAMES = """
BinomialFunction BrianLogger BrianObject BrianObjectException BrianPreference Clock CodeRunner
Cylinder CythonCodeObject DEFAULT_CONSTANTS DEFAULT_FUNCTIONS DEFAULT_UNITS
DimensionMismatchError Equations EventClock EventMonitor ExplicitStateUpdater Expression
Function Group ImportExport MagicError MagicNetwork Morphology Nameable Network
NetworkOperation NeuronGroup NumpyCodeObject PoissonGroup PoissonInput PopulationRateMonitor
PreferenceError Quantity Section Soma SpatialNeuron SpikeGeneratorGroup SpikeMonitor SpikeSource
StateMonitor StateUpdateMethod Statements Subgroup Synapses TimedArray Trackable Unit
VariableOwner all_devices arange arccos arccosh arcsin arcsinh arctan arctanh brian_prefs
check_cache check_units clear_cache codegen collect concat concatenate core cos cosh datetime
declare_types defaultclock device devices diagonal dot e equations euler exact exp expm1
exponential_euler exprel get_device get_dimensions get_local_namespace get_logger
get_or_create_dimension get_unit groups gsl_rk2 gsl_rk4 gsl_rk8pd gsl_rkck gsl_rkf45
have_same_dimensions heun implementation importexport in_best_unit in_unit independent inf
input is_dimensionless is_scalar_type linear linked_var linspace log log10 log1p logger logging
magic_network memory milstein monitors nan network_operation np numpy numpy_ ones_like only
parsing pi prefs profiling_summary ptp ravel register_new_unit restore restore_initial_state
rk2 rk4 run scheduling_summary seed set_device signal sin sinh spatialneuron start_scope
stateupdaters std_silent stop store synapses tan tanh test tests trace units utils where
zeros_like
""".split()

#: Brian2 names for features brian_cg does not have (multicompartment models, GSL, import/export,
#: Brian2's internal classes and subpackages), or that other work adds; see docs/coming_from_brian2.md
NOT_PROVIDED = set("""
BinomialFunction BrianPreference CodeRunner Cylinder CythonCodeObject DEFAULT_CONSTANTS
DEFAULT_FUNCTIONS DEFAULT_UNITS Expression ImportExport Morphology Nameable NumpyCodeObject
PreferenceError Section Soma SpatialNeuron SpikeSource Statements Trackable VariableOwner
check_cache codegen core declare_types devices equations groups gsl_rk2 gsl_rk4 gsl_rk8pd
gsl_rkck gsl_rkf45 importexport independent input logger memory monitors only parsing
restore_initial_state spatialneuron stateupdaters std_silent synapses test tests utils
""".split())

NUMPY_MODULES = ["char", "ctypeslib", "dtypes", "emath", "exceptions", "f2py", "lib", "linalg",
                 "ma", "polynomial", "rec", "strings", "testing", "typing"]


def test_brian2_names_are_provided():
    missing = [n for n in BRIAN2_NAMES if n not in STAR and n not in NOT_PROVIDED]
    assert not missing
    assert set(brian_cg.__all__) <= set(STAR)


def test_numpy_names_are_provided():
    for module in (numpy, numpy.random, numpy.linalg, numpy.fft):
        for name in module.__all__:
            if name in ("abs", "bool", "bytes", "max", "min", "pow", "round"):
                continue  # builtins, as pylab leaves them
            if name == "core":
                continue  # numpy.core is deprecated (and Brian2's ``core`` is its own)
            assert name in STAR, name
    for name in NUMPY_MODULES:
        module = STAR[name]
        assert hasattr(module, "__name__") and getattr(numpy, name) is not None
    assert STAR["ma"].masked_array([1, 2], mask=[0, 1]).sum() == 1
    assert STAR["linalg"] is numpy.linalg


def test_np_and_numpy_are_the_unit_aware_numpy():
    from brian_cg.units import Quantity, mV, ms

    np_ = STAR["np"]
    assert np_ is STAR["numpy"] is brian_cg.numpy_
    r = np_.arange(0 * ms, 3 * ms, 1 * ms)  # numpy's arange would drop the units
    assert isinstance(r, Quantity) and r.dim is ms.dim
    assert list(numpy.asarray(r)) == pytest.approx([0, 1e-3, 2e-3])
    assert np_.arange(5).tolist() == [0, 1, 2, 3, 4]
    assert np_.sum(np_.ones(3) * mV).dim is mV.dim
    assert np_.ndarray is numpy.ndarray and np_.float64 is numpy.float64 and np_.pi == numpy.pi
    assert np_.random is numpy.random and np_.testing is numpy.testing
    assert np_.exprel(0.0) == 1.0
    assert "arange" in dir(np_) and "exprel" in np_.__all__


def test_unit_functions_and_modules():
    from brian_cg.units import mV

    assert STAR["get_or_create_dimension"](m=1) is STAR["metre"].dim
    assert STAR["is_scalar_type"](3) and not STAR["is_scalar_type"](3 * mV)
    assert not STAR["is_scalar_type"]("3") and not STAR["is_scalar_type"]([3])
    assert STAR["datetime"].__name__ == "datetime" and STAR["logging"].__name__ == "logging"
    assert STAR["signal"].__name__ == "signal"


def test_star_import_stays_light():
    code = textwrap.dedent("""
        import sys
        from brian_cg import *
        heavy = [m for m in ("matplotlib", "numpy.testing", "numpy.f2py", "numpy.ma")
                 if m in sys.modules]
        assert not heavy, heavy
        assert testing.assert_allclose is not None  # loaded on use
        assert "numpy.testing" in sys.modules
    """)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=_root())


def _root():
    import os

    return os.path.dirname(os.path.dirname(os.path.abspath(brian_cg.__file__)))


def test_lazy_stand_ins_behave_as_their_objects():
    from brian_cg._lazy import LazyModule, LazyObject, lazy_function
    import fractions

    Fraction = LazyObject("fractions", "Fraction")
    assert Fraction(1, 3) == fractions.Fraction(1, 3)
    assert isinstance(fractions.Fraction(1, 2), Fraction) and issubclass(fractions.Fraction, Fraction)

    class Half(Fraction):  # subclasses the real class
        pass

    assert Half.__mro__[1] is fractions.Fraction and Half(1, 2) == 0.5
    assert Fraction.from_float(0.5) == fractions.Fraction(1, 2)
    table = LazyObject("os", "environ")
    assert ("PATH" in table) == ("PATH" in __import__("os").environ)
    assert LazyModule("fractions").Fraction is fractions.Fraction
    gcd = lazy_function("math", "gcd")
    assert gcd(12, 18) == 6 and gcd.__name__ == "gcd"


def test_pylab_tables_name_no_unit_or_api_name():
    from brian_cg import _pylab_names as P
    from brian_cg._api import NAME_TO_MODULE
    from brian_cg.units.star_names import STAR_IMPORT_UNITS

    pylab = (set(P.PYPLOT_FUNCTIONS) | set(P.PYLAB_OBJECTS) | set(P.PYLAB_OTHER_FUNCTIONS)
             | set(P.PYLAB_MODULES) | set(P.PYLAB_CONSTANTS))
    # Brian's names win over pylab's (``cm`` is the centimetre, not matplotlib.cm)
    assert not pylab & set(STAR_IMPORT_UNITS)
    assert not pylab & set(NAME_TO_MODULE)


@pytest.mark.skipif(brian_cg._HAVE_MATPLOTLIB is False, reason="needs matplotlib")
def test_pylab_names_with_matplotlib():
    code = textwrap.dedent("""
        import sys
        from brian_cg import *
        assert "matplotlib" not in sys.modules
        matplotlib.use("Agg")
        rcParams["lines.linewidth"] = 3
        class F(ScalarFormatter):
            pass
        import matplotlib.ticker
        assert isinstance(F(), matplotlib.ticker.ScalarFormatter)
        fig = figure()
        ax = subplot(111)
        plot([1, 2], [3, 4])
        ax.yaxis.set_major_locator(MaxNLocator(4))
        assert isinstance(ax, Axes) and isinstance(fig, Figure)
        assert plt.gcf() is fig and mpl.rcParams["lines.linewidth"] == 3
        assert DAILY == 3 and float(cm) == 0.01  # the centimetre, not matplotlib.cm
    """)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=_root())

