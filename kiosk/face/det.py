"""Error rates of the 1:1 comparison from labelled distances: the distributions, the DET
table, exact confidence intervals, and the threshold for a target false-match rate.

Terms as ISO/IEC 19795-1 uses them: a comparison *matches* when its distance is <= the
threshold t; FMR(t) is the share of impostor comparisons that match, FNMR(t) the share of
genuine comparisons that do not. Pure: no images, no models, no I/O.

Comparisons are not all independent. Augmented variants of one photograph, and the many
pairs that share one person, carry far less information than their count suggests. So every
comparison carries a *unit* (the pair of source photographs it came from), and confidence
intervals count units, not comparisons: a unit counts once, as an error if any of its
comparisons erred (conservative). Even units are not independent when few people are
involved; the report says how many identities stand behind them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: Percentiles reported for each distribution.
PERCENTILES = (1, 5, 10, 25, 50, 75, 90, 95, 99)
#: The DET table's rows: 0.30 .. 0.90 by 0.05, the useful range for dlib's 128-d distances
#: (genuine pairs rarely above 0.6, impostors rarely below 0.4).
DET_STEPS = tuple(round(0.30 + 0.05 * i, 2) for i in range(13))
CONFIDENCE = 0.95


def _r(x: float) -> float:
    return round(float(x), 4)


@dataclass(frozen=True)
class Distribution:
    """count, min, max, mean, median, and percentiles p1 .. p99 (numpy's linear
    interpolation between the closest ranks)."""

    count: int
    min: float | None
    max: float | None
    mean: float | None
    median: float | None
    percentiles: dict[str, float]

    @classmethod
    def of(cls, scores: Sequence[float]) -> Distribution:
        if len(scores) == 0:
            return cls(0, None, None, None, None, {})
        a = np.asarray(scores, dtype=np.float64)
        pct = {f"p{p}": _r(np.percentile(a, p)) for p in PERCENTILES}
        return cls(len(a), _r(a.min()), _r(a.max()), _r(a.mean()), _r(np.median(a)), pct)


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (n up to millions)."""
    if k < 0:
        return 0.0
    if k >= n or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    lp, lq = math.log(p), math.log1p(-p)
    base = math.lgamma(n + 1)
    return min(1.0, sum(math.exp(base - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                                 + i * lp + (n - i) * lq) for i in range(k + 1)))


def _solve(f, target: float) -> float:
    """The p in [0, 1] where the decreasing function f(p) crosses target (bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if f(mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def clopper_pearson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact two-sided binomial interval for k errors in n independent trials."""
    if n <= 0:
        return (0.0, 1.0)
    alpha = 1.0 - confidence
    # lower: P(X >= k) = alpha/2, i.e. P(X <= k-1) = 1 - alpha/2; upper: P(X <= k) = alpha/2
    lower = 0.0 if k == 0 else _solve(lambda p: _binom_cdf(k - 1, n, p), 1 - alpha / 2)
    upper = 1.0 if k >= n else _solve(lambda p: _binom_cdf(k, n, p), alpha / 2)
    return (round(lower, 6), round(upper, 6))


def rule_of_three(rate: float) -> int:
    """Independent trials needed so that zero observed errors bound the rate at `rate`
    (one-sided 95 %: 3 / n, Hanley & Lippman-Hand 1983). 3000 for FMR 0.001."""
    return math.ceil(3.0 / rate - 1e-9)


def exact_zero_error_trials(rate: float, confidence: float = CONFIDENCE) -> int:
    """The exact count behind the rule of three: (1 - rate)^n <= 1 - confidence."""
    return math.ceil(math.log(1.0 - confidence) / math.log1p(-rate))


@dataclass(frozen=True)
class Rate:
    """An error rate at one threshold: over comparisons, and over independent units."""

    errors: int          # comparisons in error
    comparisons: int
    rate: float | None   # errors / comparisons
    unit_errors: int     # units (photo pairs) with at least one comparison in error
    units: int
    ci95: tuple[float, float] | None  # Clopper-Pearson over units


@dataclass(frozen=True)
class DetRow:
    threshold: float
    fmr: Rate
    fnmr: Rate


@dataclass(frozen=True)
class Scores:
    """Labelled distances: each with the unit (pair of source photographs) it belongs to."""

    genuine: tuple[float, ...]
    impostor: tuple[float, ...]
    genuine_units: tuple[Hashable, ...] = field(default=())
    impostor_units: tuple[Hashable, ...] = field(default=())

    def __post_init__(self) -> None:
        # no unit given: every comparison is its own unit (plain independent pairs)
        if not self.genuine_units:
            object.__setattr__(self, "genuine_units", tuple(range(len(self.genuine))))
        if not self.impostor_units:
            object.__setattr__(self, "impostor_units", tuple(range(len(self.impostor))))
        if (len(self.genuine_units) != len(self.genuine)
                or len(self.impostor_units) != len(self.impostor)):
            raise ValueError("one unit per score")


def _rate(errors: np.ndarray, units: Sequence[Hashable]) -> Rate:
    n = int(errors.size)
    k = int(errors.sum())
    bad = {u for u, e in zip(units, errors, strict=True) if e}
    nu = len(set(units))
    return Rate(k, n, None if n == 0 else round(k / n, 6), len(bad), nu,
                None if nu == 0 else clopper_pearson(len(bad), nu))


def rates_at(scores: Scores, threshold: float) -> DetRow:
    g = np.asarray(scores.genuine, dtype=np.float64)
    i = np.asarray(scores.impostor, dtype=np.float64)
    return DetRow(round(threshold, 4), _rate(i <= threshold, scores.impostor_units),
                  _rate(g > threshold, scores.genuine_units))


def det_table(scores: Scores, thresholds: Sequence[float] = DET_STEPS) -> tuple[DetRow, ...]:
    return tuple(rates_at(scores, t) for t in sorted(thresholds))


@dataclass(frozen=True)
class OperatingPoint:
    """The threshold chosen for a target FMR, and what the data say about it."""

    target_fmr: float
    threshold: float
    raw_threshold: float | None  # the largest threshold meeting the target on these data
    supported: bool              # enough independent impostor units to show the target
    impostor_units: int
    impostor_units_needed: int   # rule of three: ceil(3 / target_fmr), zero false matches
    impostor_units_needed_exact: int
    at_threshold: DetRow
    note: str


def threshold_for_target(scores: Scores, target_fmr: float, *, reference: float,
                         supported_units: int | None = None) -> OperatingPoint:
    """The largest threshold (to 0.001) whose FMR on `scores` is within target_fmr.

    k = floor(target * n) false matches are allowed among n impostor comparisons; the
    threshold is the largest multiple of 0.001 below the (k+1)-th smallest impostor distance. The target is shown
    only when the impostor units (or `supported_units`, when the caller knows fewer are
    independent) reach the rule of three; otherwise the threshold is capped at `reference`
    (never looser than the published operating point on data that cannot show the target).
    """
    if not 0 < target_fmr < 1:
        raise ValueError("target_fmr must be in (0, 1)")
    needed = rule_of_three(target_fmr)
    imp = sorted(scores.impostor)
    n = len(imp)
    units = len(set(scores.impostor_units)) if supported_units is None else supported_units
    if n == 0:
        return OperatingPoint(target_fmr, reference, None, False, 0, needed,
                              exact_zero_error_trials(target_fmr), rates_at(scores, reference),
                              "no impostor comparisons (at least two people are needed); "
                              f"threshold is the reference {reference}")
    k = math.floor(target_fmr * n + 1e-9)
    # the largest threshold on the 0.001 grid strictly below the (k+1)-th smallest impostor
    raw = ((math.ceil(imp[k] * 1000 - 1e-6) - 1) / 1000 if k < n
           else math.floor(imp[-1] * 1000 + 1e-6) / 1000)
    supported = units >= needed
    chosen = raw if supported else min(raw, reference)
    if supported:
        note = f"{units} independent impostor units support FMR <= {target_fmr:g}"
    else:
        note = (f"only {units} independent impostor units; at least {needed} with no false "
                f"match are needed to show FMR <= {target_fmr:g} (rule of three)")
        if raw > reference:
            note += f": threshold capped at the reference {reference}"
    return OperatingPoint(target_fmr, chosen, raw, supported, units, needed,
                          exact_zero_error_trials(target_fmr), rates_at(scores, chosen), note)
