"""Sheets are laid out in 0.01 mm units, whatever the device: one layout, the same pages on paper and in PDF."""

MM = 100.0  # units per millimetre
PT = 25.4 / 72 * MM  # units per typographic point
UNITS_PER_INCH = 25.4 * MM


def mm(value: float) -> float:
    return value * MM
