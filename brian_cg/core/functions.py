"""User functions in model strings: ``Function``, its implementations, and the decorators.

As in Brian, a ``Function`` describes a function's units (from ``@check_units`` or
``arg_units``/``return_unit``) and types (``@declare_types``), and holds one
implementation per target in ``Function.implementations``: the numpy target calls a
Python function (by default the original one, given quantities, its result checked for
units), the compiled target compiles a ``'cpp'`` implementation (C++ source defining
the function). ``@implementation(target, code)`` adds one.
"""
import types
from collections.abc import Callable, Mapping

import numpy as np

from ..units import DIMENSIONLESS, Quantity, fail_for_dimension_mismatch, get_dimensions

__all__ = ["BinomialFunction", "Function", "FunctionImplementation",
           "FunctionImplementationContainer", "declare_types", "expand_sampling_calls", "exprel",
           "implementation", "timestep"]

BRIAN_DTYPES = ["boolean", "integer", "float"]
VALID_ARG_TYPES = BRIAN_DTYPES + ["any"]
VALID_RETURN_TYPES = BRIAN_DTYPES + ["highest"]

#: Implementation keys a target accepts, first match wins: Brian's 'cython' implementations
#: are Cython code, which the compiled C++ target cannot use, so it takes 'cpp' ones.
_TARGET_KEYS = {"numpy": ("numpy",), "cython": ("cpp",), "cpp": ("cpp",)}


def declare_types(**types):
    """Declare the types of a function's arguments and result (Brian's ``declare_types``).

    Types are ``'boolean'``, ``'integer'``, ``'float'`` or ``'any'`` (the default for
    arguments); the result may also be ``'highest'`` (the highest type of the
    arguments); an unspecified result is ``'float'``.

    Parameters
    ----------
    **types
        ``argument_name=type`` for each argument, and ``result=type``.

    Examples
    --------
    >>> @declare_types(n='integer', result='integer')
    ... @check_units(n=1, result=1)
    ... def next_even(n):
    ...     return n + n % 2
    >>> G = NeuronGroup(3, '''m = next_even(k) : integer
    ...                      k : integer''')
    >>> G.k = [1, 2, 3]
    >>> G.m[:]
    array([2, 2, 4], dtype=int32)
    """

    def annotate_function_with_types(f):
        if hasattr(f, "_orig_arg_names"):
            arg_names = f._orig_arg_names
        else:
            arg_names = f.__code__.co_varnames[0:f.__code__.co_argcount]
        argtypes = []
        for name in arg_names:
            arg_type = types.get(name, "any")
            if arg_type not in VALID_ARG_TYPES:
                raise ValueError(f"Argument type {arg_type} is not valid, must be one of "
                                 f"{VALID_ARG_TYPES}, for argument {name}")
            argtypes.append(arg_type)
        for n in types:
            if n not in arg_names and n != "result":
                raise ValueError(f"Type specified for unknown argument {n}")
        return_type = types.get("result", "float")
        if return_type not in VALID_RETURN_TYPES:
            raise ValueError(f"Result type {return_type} is not valid, must be one of "
                             f"{VALID_RETURN_TYPES}")
        f._arg_types = argtypes
        f._return_type = return_type
        f._orig_arg_names = arg_names
        f._annotation_attributes = getattr(f, "_annotation_attributes", []) + [
            "_arg_types", "_return_type"]
        return f

    return annotate_function_with_types


def _unit_dim(unit):
    if unit is None or unit is bool or (isinstance(unit, (int, float)) and unit == 1):
        return DIMENSIONLESS
    return get_dimensions(unit)


class FunctionImplementation:
    """One target's implementation of a function (Brian's ``FunctionImplementation``).

    ``code`` is target-specific: a Python callable for numpy, C++ source (a string, or a
    dict with ``'support_code'``) for the compiled target. ``name`` renames the function
    in the target's code; ``dynamic`` implementations are callables of the owner group.
    """

    def __init__(self, name=None, code=None, namespace=None, dependencies=None,
                 availability_check=None, dynamic=False, compiler_kwds=None):
        self.name = name
        self.dependencies = dependencies or {}
        self._code = code
        self._namespace = namespace
        self.dynamic = dynamic
        self.compiler_kwds = compiler_kwds or {}
        self.availability_check = availability_check

    def get_code(self, owner):
        if self.availability_check is not None:
            self.availability_check()
        return self._code(owner) if self.dynamic else self._code

    def get_namespace(self, owner):
        return self._namespace(owner) if self.dynamic else self._namespace


class FunctionImplementationContainer(Mapping):
    """``Function.implementations``: target name -> ``FunctionImplementation``.

    ``container['cython']`` (the compiled target) finds a ``'cpp'`` implementation;
    a code object class is accepted as the key too.
    """

    def __init__(self, function):
        self._function = function
        self._implementations = {}

    def _keys_for(self, key):
        if not isinstance(key, str):
            key = getattr(key, "target_name", None) or getattr(key, "class_name", None) \
                or getattr(key, "__name__", str(key))
            key = {"NumpyCodeObject": "numpy", "CppCodeObject": "cython"}.get(key, key)
        return _TARGET_KEYS.get(key, (key,))

    def __getitem__(self, key):
        for k in self._keys_for(key):
            if k in self._implementations:
                return self._implementations[k]
        raise KeyError(f"No implementation available for target '{key}'. Available "
                       f"implementations: {', '.join(map(str, self._implementations))}")

    def __contains__(self, key):
        return any(k in self._implementations for k in self._keys_for(key))

    def __len__(self):
        return len(self._implementations)

    def __iter__(self):
        return iter(self._implementations)

    def add_numpy_implementation(self, wrapped_func, dependencies=None, discard_units=None,
                                 compiler_kwds=None):
        """The numpy implementation: ``wrapped_func`` (unwrapped from ``@check_units``).

        With ``discard_units`` it receives plain values, and the quantities among its
        globals (``mV``...) are plain values too; otherwise its arguments get their units
        (from the function's ``arg_units``) and its result is checked against the
        ``return_unit``.
        """
        from .preferences import prefs

        if discard_units is None:
            discard_units = prefs["codegen.runtime.numpy.discard_units"]
        orig = getattr(wrapped_func, "_orig_func", wrapped_func)
        if discard_units:
            plain_globals = {k: (np.asarray(v) if isinstance(v, Quantity) else v)
                             for k, v in orig.__globals__.items()}
            code = types.FunctionType(orig.__code__, plain_globals, orig.__name__,
                                      orig.__defaults__, orig.__closure__)
        else:
            code = _with_units(self._function, orig)
        self._implementations["numpy"] = FunctionImplementation(
            code=code, dependencies=dependencies, compiler_kwds=compiler_kwds)

    def add_implementation(self, target, code, namespace=None, dependencies=None,
                           availability_check=None, name=None, compiler_kwds=None):
        self._implementations[target] = FunctionImplementation(
            name=name, code=code, dependencies=dependencies,
            availability_check=availability_check, namespace=namespace,
            compiler_kwds=compiler_kwds)

    def add_dynamic_implementation(self, target, code, namespace=None, dependencies=None,
                                   availability_check=None, name=None, compiler_kwds=None):
        """``code`` (and ``namespace``) are callables of the owner group, called before
        each run."""
        if not callable(code):
            raise TypeError(f"code argument has to be a callable, is type {type(code)} "
                            f"instead")
        if namespace is not None and not callable(namespace):
            raise TypeError(f"namespace argument has to be a callable, is type "
                            f"{type(namespace)} instead")
        self._implementations[target] = FunctionImplementation(
            name=name, code=code, namespace=namespace, dependencies=dependencies,
            availability_check=availability_check, dynamic=True, compiler_kwds=compiler_kwds)


def _with_units(function, func):
    """``func`` called with its arguments as quantities and its result checked (numpy)."""
    name = getattr(func, "__name__", "function")

    def wrapper_function(*args):
        arg_units = list(function._arg_units)
        if len(args) != len(arg_units):
            raise ValueError(f"Function {name} got {len(args)} arguments, expected "
                             f"{len(arg_units)}.")
        names = list(function._arg_names or [])
        dims = [None if (u is None or u is bool or isinstance(u, str)) else _unit_dim(u)
                for u in arg_units]
        for k, u in enumerate(arg_units):  # 'x': the units of the argument named x
            if isinstance(u, str) and u in names:
                dims[k] = dims[names.index(u)]
        new_args = [a if d is None else Quantity.with_dimensions(a, d)
                    for a, d in zip(args, dims)]
        result = func(*new_args)
        ret = function._return_unit
        if ret is bool:
            if not (isinstance(result, bool) or np.asarray(result).dtype == bool):
                raise TypeError(f"The function {name} returned '{result}', but it was "
                                f"expected to return a boolean value ")
        else:
            if isinstance(ret, Callable) and not isinstance(ret, Quantity):
                ret = ret(*[d if d is not None else get_dimensions(a)
                            for a, d in zip(args, dims)])
            expected = Quantity.with_dimensions(1, _unit_dim(ret))
            what = ("a dimensionless quantity" if _unit_dim(ret) is DIMENSIONLESS
                    else f"a quantity with units {expected!r}")
            fail_for_dimension_mismatch(result, expected, f"The function '{name}' returned "
                                                          f"{result}, but it was expected "
                                                          f"to return {what}.")
        return np.asarray(result)

    return wrapper_function


class Function:
    """A function usable in model strings (Brian's ``Function``).

    Usually made by decorating a Python function with ``@check_units`` (its numpy
    implementation) and ``@implementation('cpp', code)`` (its C++ implementation, for the
    compiled target).

    Parameters
    ----------
    pyfunc : callable
        The Python function.
    sympy_func : optional
        Unused (kept for Brian's signature).
    arg_units : list, optional
        Units of the arguments (a unit, ``1``, ``None`` for any, ``bool``, or the name of
        another argument whose units it shares); default: from ``@check_units``.
    arg_names : list of str, optional
        Needed when ``arg_units`` refer to arguments by name.
    return_unit : unit or callable, optional
        The result's unit, or a function of the argument units.
    arg_types, return_type : optional
        As ``@declare_types``; default ``'any'`` and ``'float'``.
    stateless : bool
        False for functions with an internal state (random numbers).
    auto_vectorise : bool
        Brian's flag for functions that get the vectorisation index as an extra argument.

    Examples
    --------
    >>> def squash(x):
    ...     return x/(1 + abs(x))
    >>> f = Function(squash, arg_units=[1], return_unit=1)
    >>> G = NeuronGroup(2, '''y = f(x) : 1
    ...                      x : 1''')
    >>> G.x = [1, -3]
    >>> G.y[:]
    array([ 0.5 , -0.75])
    """

    def __init__(self, pyfunc, sympy_func=None, arg_units=None, arg_names=None,
                 return_unit=None, arg_types=None, return_type=None, stateless=True,
                 auto_vectorise=False):
        self.pyfunc = pyfunc
        self.sympy_func = sympy_func
        self._arg_units = arg_units
        self._arg_names = arg_names
        self._return_unit = return_unit
        self._returns_bool = return_unit is bool
        self._arg_types = arg_types
        self._return_type = return_type
        self.stateless = stateless
        self.auto_vectorise = auto_vectorise
        fname = getattr(pyfunc, "__name__", "function")
        self.__name__ = fname
        if self._arg_units is None:
            if not hasattr(pyfunc, "_arg_units"):
                raise ValueError(f"The Python function '{fname}' does not specify how it deals "
                                 f"with units, need to specify 'arg_units' or use the "
                                 f"'@check_units' decorator.")
            if pyfunc._arg_units is None:
                raise ValueError(f"The Python function '{fname}' does not specify the units "
                                 f"for all of its arguments.")
            self._arg_units = pyfunc._arg_units
            if self._arg_names is None:
                self._arg_names = getattr(pyfunc, "_arg_names", None)
        elif any(isinstance(u, str) for u in self._arg_units):
            if self._arg_names is None:
                raise TypeError("Need to specify the names of the arguments.")
            if len(self._arg_names) != len(self._arg_units):
                raise TypeError(f"arg_names and arg_units need to have the same length "
                                f"({len(self._arg_names)} != ({len(self._arg_units)})")
        if self._return_unit is None:
            if not hasattr(pyfunc, "_return_unit"):
                raise ValueError(f"The Python function '{fname}' does not specify how it deals "
                                 f"with units, need to specify 'return_unit' or use the "
                                 f"'@check_units' decorator.")
            if pyfunc._return_unit is None:
                raise ValueError(f"The Python function '{fname}' does not specify the unit "
                                 f"for its return value.")
            self._return_unit = pyfunc._return_unit
            self._returns_bool = self._return_unit is bool
        if self._arg_types is None:
            self._arg_types = getattr(pyfunc, "_arg_types", None) or ["any"] * len(
                self._arg_units)
        if self._return_type is None:
            self._return_type = getattr(pyfunc, "_return_type", "float")
        if len(self._arg_types) != len(self._arg_units):
            raise ValueError(f"Function '{fname}': {len(self._arg_types)} argument types for "
                             f"{len(self._arg_units)} arguments")
        for argtype, u in zip(self._arg_types, self._arg_units):
            if argtype not in VALID_ARG_TYPES:
                raise ValueError(f"Argument type {argtype} is not valid, must be one of "
                                 f"{VALID_ARG_TYPES}, in function '{fname}'.")
            if argtype not in ("float", "any") and u is not None and not isinstance(u, str) \
                    and u is not bool and _unit_dim(u) is not DIMENSIONLESS:
                raise TypeError(f"Non-float arguments must be dimensionless in function "
                                f"{fname}")
        if self._return_type not in VALID_RETURN_TYPES:
            raise ValueError(f"Return type {self._return_type} is not valid, must be one of "
                             f"{VALID_RETURN_TYPES}, in function '{fname}'")
        #: Target name -> FunctionImplementation (Brian's container)
        self.implementations = FunctionImplementationContainer(self)

    def is_locally_constant(self, dt):
        """Whether the function (of time) is constant over a step of ``dt``; False."""
        return False

    @property
    def var_type(self):
        """The type of the result in generated code: 'float', 'integer' or 'boolean'."""
        return "boolean" if self._returns_bool else self._return_type

    def numpy_implementation(self, owner):
        """What the numpy target calls: the ``'numpy'`` implementation, added from
        ``pyfunc`` (with units) when there is none, as in Brian."""
        if "numpy" not in self.implementations or \
                self.implementations["numpy"].get_code(owner) is None:
            self.implementations.add_numpy_implementation(self.pyfunc)
        code = self.implementations["numpy"].get_code(owner)

        def call(*args):
            return code(*args)

        return call

    def __call__(self, *args):
        return self.pyfunc(*args)

    def __repr__(self):
        return f"<Function {self.__name__}>"


def implementation(target, code=None, namespace=None, dependencies=None, discard_units=None,
                   name=None, **compiler_kwds):
    """Decorator adding a target's implementation to a function (Brian's ``implementation``).

    ``@implementation('cpp', 'double f(double x) { return 2*x; }')`` gives the compiled
    target C++ code; ``@implementation('numpy', discard_units=True)`` makes the numpy
    target call the function on plain values. Put it above ``@check_units``.

    Parameters
    ----------
    target : str
        ``'cpp'`` (the compiled target; Brian's ``'cython'`` code is not used) or
        ``'numpy'``.
    code : str or dict, optional
        The C++ source defining the function (same name as the Python function).
    namespace, dependencies : optional
        Brian's arguments; not supported on the compiled target.
    discard_units : bool, optional
        numpy target: call the function with values without units.
    name : str, optional
        The function's name in the generated code.
    **compiler_kwds
        Brian's compiler arguments (accepted).

    Examples
    --------
    >>> @implementation('cpp', '''
    ... double double_it(double x) { return 2*x; }
    ... ''')
    ... @check_units(x=1, result=1)
    ... def double_it(x):
    ...     return 2*x
    >>> G = NeuronGroup(2, '''y = double_it(x) : 1
    ...                      x : 1''')
    >>> G.x = [1, 2]
    >>> G.y[:]
    array([2., 4.])
    """

    def do_user_implementation(func):
        function = func if isinstance(func, Function) else Function(func)
        if discard_units:
            if not (target == "numpy" and code is None):
                raise TypeError("'discard_units' can only be set for code generation target "
                                "'numpy', without providing any code.")
            function.implementations.add_numpy_implementation(
                wrapped_func=func, dependencies=dependencies, discard_units=discard_units,
                compiler_kwds=compiler_kwds)
        else:
            function.implementations.add_implementation(
                target, code=code, dependencies=dependencies, namespace=namespace, name=name,
                compiler_kwds=compiler_kwds)
        return function

    return do_user_implementation


def exprel(x):
    """``(exp(x) - 1)/x``, with the limit 1 at x = 0, accurate for small ``x``.

    Also available in model strings (Hodgkin-Huxley rate functions use it).

    Parameters
    ----------
    x : float or array
        Dimensionless values.

    Examples
    --------
    >>> exprel(0.0), exprel(1e-10), exprel(1.0)
    (1.0, 1.00000000005, 1.7182818284590453)
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.abs(x) < 1e-16, 1.0, np.expm1(x) / x)
    return out if out.ndim else float(out)


class BinomialFunction(Function):
    """A function ``f()`` drawing Binomial(n, p) samples in model code (Brian's
    ``BinomialFunction``).

    Where ``approximate`` and n*p and n*(1-p) exceed 5 the sample is Brian's normal
    approximation (a float, not rounded); otherwise it is exact. In model code the call is
    replaced by an expression of brian_cg's random numbers (``rand()``/``randn()``), so
    every target draws the same samples; called from Python it samples with numpy.

    Parameters
    ----------
    n : int
        Number of trials.
    p : float
        Probability of success of each trial.
    approximate : bool
        Use the normal approximation where it is accurate.
    name : str
        The function's name in generated code.

    Examples
    --------
    >>> seed(4)
    >>> flips = BinomialFunction(10, 0.5)
    >>> G = NeuronGroup(1000, 'heads : 1')
    >>> G.heads = 'flips()'
    >>> print(f"{mean(G.heads):.1f}")
    5.0
    """

    def __init__(self, n, p, approximate=True, name="_binomial*"):
        from .names import unique_name

        for arg, value in (("n", n), ("p", p)):
            fail_for_dimension_mismatch(value, 1, f"Argument '{arg}' of BinomialFunction must "
                                                  f"be dimensionless")
        self.n, self.p, self.approximate = int(n), float(p), bool(approximate)
        self.name = unique_name(name, self)
        use_normal = approximate and n * p > 5 and n * (1 - p) > 5

        def sample():
            if use_normal:
                return np.random.normal(n * p, np.sqrt(n * p * (1 - p)))
            return np.random.binomial(n, p)

        sample.__name__ = self.name
        super().__init__(pyfunc=sample, arg_units=[], return_unit=1, stateless=False,
                         auto_vectorise=True)
        self._return_type = "float" if use_normal else "integer"

    def sampling_statements(self, args, temp_name):
        """(statements to prepend, as ``(var, op, expr, comment)``, and the expression
        replacing the call) for one call site."""
        import sympy

        from ..equations.functions import Rand, Randn, binomial_expression, new_random_key

        if args:
            raise TypeError(f"The BinomialFunction '{self.name}' takes no arguments, got "
                            f"{len(args)}")
        u = sympy.Symbol(temp_name, real=True)
        expr = binomial_expression(self.n, self.p, u, Randn(new_random_key()), self.approximate)
        if not expr.has(u):
            return [], expr
        return [(temp_name, "=", Rand(new_random_key()),
                 f"uniform number for {self.name}()")], expr

    def __repr__(self):
        return f"BinomialFunction({self.n}, {self.p}, approximate={self.approximate}, " \
               f"name={self.name!r})"


def expand_sampling_calls(statements, group, run_namespace):
    """``statements`` with each call of a sampling function (a ``BinomialFunction``) of the
    namespace replaced by its expression of random numbers (each call site its own)."""
    import sympy

    from ..errors import UnknownIdentifierError
    from .namespace import resolve_external

    out, count = [], 0
    for s in statements:
        calls = [f for f in s.expr.atoms(sympy.Function)
                 if isinstance(type(f), sympy.core.function.UndefinedFunction)]
        replacements = {}
        for call in calls:
            name = type(call).__name__
            if name in group.variables:
                continue
            try:
                obj = resolve_external(name, group.name, getattr(group, "_namespace", None),
                                       run_namespace, function=True)
            except UnknownIdentifierError:
                continue  # reported with the other unknown names
            if not hasattr(obj, "sampling_statements"):
                continue
            before, expr = obj.sampling_statements(call.args, f"_{name}_sample_{count}")
            count += 1
            out.extend(type(s)(*statement) for statement in before)
            replacements[call] = expr
        out.append(type(s)(s.var, s.op, s.expr.xreplace(replacements), s.comment)
                   if replacements else s)
    return out


def timestep(t, dt):
    """The integer time step of time ``t`` (Brian's ``brian2.core.functions.timestep``).

    ``t`` is shifted by a thousandth of a step before dividing, so that multiples of ``dt``
    do not fall into the step before through rounding. Returns an int, or an int64 array.
    """
    steps = np.array(np.asarray((t + 1e-3 * dt) / dt, dtype=float), dtype=np.int64)
    return steps.item() if steps.shape == () else steps
