"""`make bench`'s ratios: run by run, as the runs are made in turn."""

from __future__ import annotations

import pytest

from bench.context import Row
from bench.measure import Sample, Samples
from bench.report import paired_ratio, table


def _samples(*seconds: float | None) -> Samples:
    return Samples([Sample(s, 100.0, "" if s is not None else "failed") for s in seconds])


def test_the_ratio_is_the_median_of_the_ratios_run_by_run():
    """The machine slowed down in the second and third rounds: each pair saw it alike, the
    medians of each side did not."""
    ours, theirs = _samples(2.0, 3.0, 3.3), _samples(2.5, 3.6, 3.0)
    assert paired_ratio(ours, theirs) == pytest.approx(3.0 / 3.6)
    assert ours.median / theirs.median == pytest.approx(1.0)


def test_runs_that_cannot_be_paired_fall_back_to_the_medians():
    assert paired_ratio(_samples(1.0, 2.0, 3.0), _samples(2.0, 4.0)) == pytest.approx(2.0 / 3.0)
    assert paired_ratio(_samples(1.0, None), _samples(1.0, 1.0)) is None  # a failed side
    assert paired_ratio(None, _samples(1.0)) is None


def test_the_table_shows_the_paired_ratio():
    row = Row("sample", _samples(2.0, 3.0, 3.3), _samples(2.5, 3.6, 3.0))
    assert "| 0.83× |" in table([row])
