"""The error-rate arithmetic: distributions, exact intervals, units, the DET table and the
threshold for a target FMR (kiosk.face.det), on hand-made scores with known answers."""

from __future__ import annotations

import pytest

from kiosk.face.det import (
    DET_STEPS,
    Distribution,
    Scores,
    clopper_pearson,
    det_table,
    exact_zero_error_trials,
    rates_at,
    rule_of_three,
    threshold_for_target,
)


def test_clopper_pearson_matches_published_values():
    # zero errors: upper = 1 - (alpha/2)^(1/n); 5/100 from standard tables
    assert clopper_pearson(0, 3000) == (0.0, 0.001229)
    assert clopper_pearson(0, 3) == (0.0, 0.707598)
    assert clopper_pearson(5, 100) == (0.016432, 0.112835)
    assert clopper_pearson(3, 3) == (0.292402, 1.0)
    assert clopper_pearson(0, 0) == (0.0, 1.0)


def test_rule_of_three_and_its_exact_count():
    assert (rule_of_three(0.001), exact_zero_error_trials(0.001)) == (3000, 2995)
    assert (rule_of_three(0.01), exact_zero_error_trials(0.01)) == (300, 299)


def test_distribution_reports_count_min_percentiles_max():
    d = Distribution.of([i / 100 for i in range(101)])   # 0.00 .. 1.00
    assert (d.count, d.min, d.max, d.mean, d.median) == (101, 0.0, 1.0, 0.5, 0.5)
    assert d.percentiles == {"p1": 0.01, "p5": 0.05, "p10": 0.1, "p25": 0.25, "p50": 0.5,
                             "p75": 0.75, "p90": 0.9, "p95": 0.95, "p99": 0.99}
    assert Distribution.of([]).count == 0


def test_rates_count_comparisons_and_units_separately():
    # impostors: unit A has 3 comparisons (one below 0.5), unit B has 2 (none below)
    s = Scores(genuine=(0.3, 0.55, 0.4), impostor=(0.45, 0.8, 0.9, 0.7, 0.75),
               genuine_units=("g1", "g2", "g2"), impostor_units=("A", "A", "A", "B", "B"))
    row = rates_at(s, 0.5)
    assert (row.fmr.errors, row.fmr.comparisons, row.fmr.rate) == (1, 5, 0.2)
    assert (row.fmr.unit_errors, row.fmr.units) == (1, 2)
    assert row.fmr.ci95 == clopper_pearson(1, 2)
    assert (row.fnmr.errors, row.fnmr.comparisons, row.fnmr.unit_errors, row.fnmr.units) == (
        1, 3, 1, 2)


def test_scores_need_one_unit_per_score():
    with pytest.raises(ValueError):
        Scores((0.1, 0.2), (0.9,), genuine_units=("a",))


def test_det_table_is_monotone_at_the_default_steps():
    s = Scores(genuine=tuple(0.2 + i * 0.005 for i in range(100)),
               impostor=tuple(0.45 + i * 0.005 for i in range(100)))
    rows = det_table(s)
    assert [r.threshold for r in rows] == list(DET_STEPS)
    fmr = [r.fmr.errors for r in rows]
    fnmr = [r.fnmr.errors for r in rows]
    assert fmr == sorted(fmr) and fnmr == sorted(fnmr, reverse=True)
    assert rows[0].fmr.errors == 0 and rows[-1].fnmr.errors == 0


def test_threshold_sits_below_the_first_disallowed_impostor_when_supported():
    impostor = tuple(0.5 + i / 10000 for i in range(4000))  # 0.5000 .. 0.8999
    p = threshold_for_target(Scores((0.3, 0.52), impostor), 0.001, reference=0.6)
    # 4 false matches allowed of 4000: just below the 5th smallest (0.5004)
    assert (p.threshold, p.raw_threshold, p.supported) == (0.5, 0.5, True)
    assert p.at_threshold.fmr.errors == 1 and p.at_threshold.fmr.rate <= 0.001
    assert p.at_threshold.fnmr.errors == 1
    assert (p.impostor_units, p.impostor_units_needed) == (4000, 3000)


def test_too_few_units_cap_the_threshold_at_the_reference():
    s = Scores((0.3,), (0.8, 0.85, 0.9))
    p = threshold_for_target(s, 0.001, reference=0.6)
    assert (p.threshold, p.raw_threshold, p.supported) == (0.6, 0.799, False)
    assert "at least 3000" in p.note and "capped at the reference 0.6" in p.note


def test_unsupported_threshold_below_the_reference_is_kept():
    p = threshold_for_target(Scores((0.3,), (0.42, 0.9)), 0.01, reference=0.6)
    assert (p.threshold, p.supported) == (0.419, False)
    assert "capped" not in p.note


def test_many_comparisons_from_few_units_do_not_support_a_target():
    # 5000 comparisons, all from 2 pairs of captures: the rule of three counts the pairs
    s = Scores((0.3,), tuple(0.8 + (i % 50) / 1000 for i in range(5000)),
               impostor_units=tuple("AB"[i % 2] for i in range(5000)))
    p = threshold_for_target(s, 0.001, reference=0.6)
    assert (p.impostor_units, p.supported, p.threshold) == (2, False, 0.6)
