"""Physical constants as quantities, with the names and (CODATA 2014) values of
``brian2.units.constants``. Not part of ``from brian_cg import *``; import them by name::

    from brian_cg.units.constants import faraday_constant as F
"""
import numpy as np

from .unitdefs import amp, coulomb, farad, gram, joule, kelvin, kilogram, metre, mole, newton

__all__ = [
    "avogadro_constant",
    "boltzmann_constant",
    "electric_constant",
    "electron_mass",
    "elementary_charge",
    "faraday_constant",
    "gas_constant",
    "magnetic_constant",
    "molar_mass_constant",
    "zero_celsius",
]

avogadro_constant = 6.022140857e23 / mole  # N_A
boltzmann_constant = 1.38064852e-23 * joule / kelvin  # k
electric_constant = 8.854187817e-12 * farad / metre  # epsilon_0
electron_mass = 9.10938356e-31 * kilogram  # m_e
elementary_charge = 1.6021766208e-19 * coulomb  # e
faraday_constant = 96485.33289 * coulomb / mole  # F
gas_constant = 8.3144598 * joule / mole / kelvin  # R
magnetic_constant = 4 * np.pi * 1e-7 * newton / amp ** 2  # mu_0
molar_mass_constant = 1 * gram / mole  # M_u
zero_celsius = 273.15 * kelvin  # 0 degrees Celsius
