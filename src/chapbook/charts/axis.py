"""Chart axes: round steps and ends, one set of rules for the booklet's drawing and the
deck's native chart, so both show the same gridlines."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_INTERVALS = 8  # an axis is cut into at most this many steps (four at least, from zero)
_STEP_MULTIPLES = (1, 2, 2.5, 5)


def nice_step(span: float, intervals: int = MAX_INTERVALS, whole: bool = False) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span`
    into at most `intervals` pieces; `whole`: whole numbers only, for years."""
    if not (span > 0 and math.isfinite(span)):
        return 1.0
    exponent = math.floor(math.log10(span / intervals)) - 1
    if whole:
        exponent = max(exponent, 0)
    while True:
        for multiple in _STEP_MULTIPLES:
            step = _round(multiple * 10.0**exponent)
            if whole and step != int(step):
                continue
            if span / step <= intervals + 1e-9:
                return step
        exponent += 1


def nice_ceiling(value: float) -> float:
    """The axis maximum for a largest value `value`: the first round number at or above
    it, counted in the step that cuts zero to it into four to eight (five to nine ticks).

    5.91 -> 6, 96 -> 100, 3369 -> 3500, 0.42 -> 0.5, 1 -> 1. Bars run from zero, so
    negative values get 0 (the axis ends at zero) and 0 gets 1 (an axis of some length).
    """
    if value < 0:
        return 0.0
    if value == 0:
        return 1.0
    step = nice_step(value)
    return _round(math.ceil(value / step - 1e-9) * step)


def _round(number: float) -> float:
    """`number` without binary noise: 3 * 0.1 is 0.3, not 0.30000000000000004."""
    return float(f"{number:.12g}")


@dataclass(frozen=True)
class Axis:
    """A value axis: from `low` to `high`, both multiples of `step`, gridlines every step."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> tuple[float, ...]:
        count = round((self.high - self.low) / self.step)
        return tuple(_round(self.low + n * self.step) for n in range(count + 1))


def value_axis(values: list[float] | tuple[float, ...], timeline: bool) -> Axis:
    """The axis for a chart's values: years a little either side of the dates on a
    timeline (whole years), zero to a round number for bars (or from a negative)."""
    if timeline:
        low = math.floor((min(values) - 1) / 5) * 5
        high = math.ceil((max(values) + 1) / 5) * 5
    else:
        low, high = min(0.0, min(values)), nice_ceiling(max(values))
    step = nice_step(high - low, whole=timeline)
    return Axis(_round(math.floor(low / step + 1e-9) * step),
                _round(math.ceil(high / step - 1e-9) * step), step)


def span_axis(values: list[float] | tuple[float, ...], whole: bool = False) -> Axis:
    """An axis over the values' own range, in round steps (for measurements along x, and
    for values far from zero): from a multiple of the step below the least value to one
    above the greatest."""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    step = nice_step(high - low, whole=whole)
    return Axis(_round(math.floor(low / step + 1e-9) * step),
                _round(math.ceil(high / step - 1e-9) * step), step)


def measure_axis(values: list[float] | tuple[float, ...]) -> Axis:
    """The value axis of a line or scatter chart: from zero, as bars are, unless the
    values all lie far above it (the least more than 5/6 of the greatest, as spreadsheets
    decide), where a zero would flatten the curve."""
    if min(values) > 0 and min(values) > 5 / 6 * max(values):
        return span_axis(values)
    return value_axis(values, False)


def tick_label(tick: float, step: float, timeline: bool) -> str:
    """A gridline's label: whole years on a timeline, else as many decimals as the step has."""
    if timeline:
        return f"{round(tick)}"
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if step * 10**decimals != round(step * 10**decimals):  # 2.5, 0.25
        decimals += 1
    text = f"{tick:.{decimals}f}"
    return "0" if float(text) == 0 else text
