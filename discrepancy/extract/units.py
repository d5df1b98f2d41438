"""Unit normalisation with real conversion factors (pint): everything into one base unit per dimension."""

from __future__ import annotations

import re
from functools import lru_cache

import pint

# Our dimension names, each by a unit of it: pint spells one dimensionality in several orders ("kilowatt" is
# "[mass] * [length] ** 2 / [time] ** 3", "horsepower" "[length] ** 2 * [mass] / [time] ** 3"), so they are
# compared as dimensionalities, not as strings. Torque (N·m, lb-ft) has the dimension of energy.
_DIMENSION_UNITS = {
    "length": "metre", "area": "metre ** 2", "volume": "metre ** 3", "mass": "kilogram", "time": "second",
    "temperature": "kelvin", "speed": "metre / second", "pressure": "pascal", "energy": "joule", "power": "watt",
}


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


def _pint_name(name: str) -> str:
    n = name.lower().strip()
    n = {"degree celsius": "degC", "degree fahrenheit": "degF", "kelvin": "kelvin", "metric ton": "tonne",
         "pound-mass": "pound", "short ton": "short_ton", "long ton": "long_ton"}.get(n, n)
    n = re.sub(r"\bsquare (\w+)", r"\1**2", n)
    n = re.sub(r"\bcubic (\w+)", r"\1**3", n)
    n = n.replace(" per ", "/").replace(" ", "_")
    return n


def _pint_candidates(name: str) -> list[str]:
    """Names to try for a unit: quantulum3's compound names ("newton metre", "pound-foot", "foot_pound")
    are products in pint, and a pound in a torque is a pound-force."""
    n = _pint_name(name)
    product = re.sub(r"[_-]", " * ", n)
    return [n, re.sub(r"\bpound\b", "pound_force", product), product]


@lru_cache(maxsize=1)
def _dimensions() -> list[tuple[object, str]]:
    ureg = _registry()
    return [(ureg.Quantity(1.0, unit).dimensionality, name) for name, unit in _DIMENSION_UNITS.items()]


@lru_cache(maxsize=512)
def normalise(unit: str) -> tuple[str, str, float, float]:
    """(base unit, dimension, factor, offset) so that value_in_base = value * factor + offset.

    "" is a bare count; currencies stay in their own code (no exchange rates); unknown units are kept
    as they are, comparable only with themselves.
    """
    if not unit:
        return "count", "count", 1.0, 0.0
    if unit == "percent":
        return "percent", "percent", 1.0, 0.0
    if re.fullmatch(r"[A-Z]{3}", unit):
        return unit, "currency", 1.0, 0.0
    ureg = _registry()
    for name in _pint_candidates(unit):
        try:
            quantity = ureg.Quantity(1.0, name)
            base = quantity.to_base_units()
            zero = ureg.Quantity(0.0, name).to_base_units()
            break
        except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
            continue
    else:
        return unit, unit, 1.0, 0.0
    dimension = next((label for dims, label in _dimensions() if dims == quantity.dimensionality),
                     str(quantity.dimensionality))
    base_name = f"{base.units:~}"
    if dimension == "dimensionless" and base_name not in ("", "dimensionless"):
        dimension = "information" if "bit" in base_name else base_name  # pint counts bits as pure numbers
    offset = float(zero.magnitude)
    return base_name, dimension, float(base.magnitude) - offset, offset


@lru_cache(maxsize=4096)
def known_unit(word: str) -> bool:
    """True when pint knows `word` as a unit with a physical dimension ("hectares", "square miles")."""
    try:
        quantity = _registry().Quantity(1.0, _pint_name(word))
    except Exception:  # pint raises a variety of errors on arbitrary words
        return False
    return not quantity.dimensionless
