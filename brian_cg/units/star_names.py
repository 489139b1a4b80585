"""The unit names that ``from brian_cg import *`` provides: the same set as ``from brian2 import *``.

Every other prefixed or powered unit (``Ecandle``, ``kmetre3``...) is in ``brian_cg.units`` and
may be used in model strings, but is not injected into the user's namespace, where names
like ``gray`` would shadow pylab's.
"""
STAR_IMPORT_UNITS = (
    'Gamp', 'Gcoulomb', 'Gfarad', 'Ggram', 'Ggramme', 'Ghertz', 'Gjoule', 'Gliter', 'Glitre',
    'Gmeter', 'Gmetre', 'Gmolar', 'Gmole', 'Gohm', 'Gpascal', 'Gsecond', 'Gsiemens', 'Gvolt',
    'Gwatt', 'Hz', 'MHz', 'Mamp', 'Mcoulomb', 'Mfarad', 'Mgram', 'Mgramme', 'Mhertz', 'Mjoule',
    'Mliter', 'Mlitre', 'Mmeter', 'Mmetre', 'Mmolar', 'Mmole', 'Mohm', 'Mpascal', 'Msecond',
    'Msiemens', 'Mvolt', 'Mwatt', 'Tamp', 'Tcoulomb', 'Tfarad', 'Tgram', 'Tgramme', 'Thertz',
    'Tjoule', 'Tliter', 'Tlitre', 'Tmeter', 'Tmetre', 'Tmolar', 'Tmole', 'Tohm', 'Tpascal',
    'Tsecond', 'Tsiemens', 'Tvolt', 'Twatt', 'amp', 'cm', 'cm2', 'cm3', 'cmeter', 'cmetre',
    'coulomb', 'farad', 'gram', 'gramme', 'hertz', 'joule', 'kHz', 'kamp', 'kcoulomb', 'kelvin',
    'kfarad', 'kgram', 'kgramme', 'khertz', 'kilogram', 'kjoule', 'kliter', 'klitre', 'kmeter',
    'kmetre', 'kmolar', 'kmole', 'kohm', 'kpascal', 'ksecond', 'ksiemens', 'kvolt', 'kwatt',
    'liter', 'litre', 'mA', 'mM', 'mS', 'mV', 'mamp', 'mcoulomb', 'meter', 'metre', 'mfarad',
    'mgram', 'mgramme', 'mhertz', 'mjoule', 'mliter', 'mlitre', 'mm', 'mm2', 'mm3', 'mmeter',
    'mmetre', 'mmolar', 'mmole', 'mohm', 'molar', 'mole', 'mpascal', 'ms', 'msecond',
    'msiemens', 'mvolt', 'mwatt', 'nA', 'nF', 'nM', 'nS', 'namp', 'ncoulomb', 'nfarad', 'ngram',
    'ngramme', 'nhertz', 'njoule', 'nliter', 'nlitre', 'nmeter', 'nmetre', 'nmolar', 'nmole',
    'nohm', 'npascal', 'nsecond', 'nsiemens', 'nvolt', 'nwatt', 'ohm', 'pA', 'pF', 'pamp',
    'pascal', 'pcoulomb', 'pfarad', 'pgram', 'pgramme', 'phertz', 'pjoule', 'pliter', 'plitre',
    'pmeter', 'pmetre', 'pmolar', 'pmole', 'pohm', 'ppascal', 'psecond', 'psiemens', 'pvolt',
    'pwatt', 'second', 'siemens', 'uA', 'uF', 'uM', 'uS', 'uamp', 'ucoulomb', 'ufarad', 'ugram',
    'ugramme', 'uhertz', 'ujoule', 'uliter', 'ulitre', 'um', 'um2', 'um3', 'umeter', 'umetre',
    'umolar', 'umole', 'uohm', 'upascal', 'us', 'usecond', 'usiemens', 'uvolt', 'uwatt', 'volt',
    'watt',
)

UNIT_FUNCTIONS = ("Quantity", "Unit", "get_dimensions", "have_same_dimensions", "get_unit",
                  "check_units", "in_unit", "in_best_unit", "is_dimensionless",
                  "register_new_unit", "DIMENSIONLESS", "arange", "get_or_create_dimension",
                  "is_scalar_type")
