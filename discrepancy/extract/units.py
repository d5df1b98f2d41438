"""Unit normalisation with real conversion factors (pint): everything into one base unit per dimension."""

from __future__ import annotations

import re
from functools import lru_cache

import pint

# Our dimension names for pint's dimensionalities.
_DIMENSIONS = {
    "[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume", "[mass]": "mass",
    "[time]": "time", "[temperature]": "temperature", "[length] / [time]": "speed",
    "[mass] / [length] / [time] ** 2": "pressure", "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
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
    try:
        quantity = ureg.Quantity(1.0, _pint_name(unit))
        base = quantity.to_base_units()
        zero = ureg.Quantity(0.0, _pint_name(unit)).to_base_units()
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
        return unit, unit, 1.0, 0.0
    dimension = _DIMENSIONS.get(str(quantity.dimensionality), str(quantity.dimensionality))
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
