"""Thresholds as target false-match rates, and the data that set them.

The decision threshold is not a magic number in code: `calibration.json` (beside this file)
lists operating points {target_fmr -> threshold} with the basis of each and the genuine and
impostor distance distributions that were measured. `propose_threshold` turns a labelled
impostor distribution into a threshold for a target FMR, and says when the data are too few
to support that target (fewer than 3 / FMR impostor comparisons: the "rule of three" bound on
a rate observed as zero).
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.face.errors import CalibrationError

#: dlib's published operating point for this model (99.38% on LFW at distance 0.6).
DLIB_REFERENCE_THRESHOLD = 0.6
DEFAULT_TARGET_FMR = 0.001


@dataclass(frozen=True)
class Threshold:
    """A decision threshold on the embedding distance (match when distance <= value)."""

    value: float
    target_fmr: float
    basis: str
    verified: bool  # True only when measured data support the target FMR


@dataclass(frozen=True)
class Calibration:
    """The operating points shipped in calibration.json, plus its raw document."""

    points: tuple[Threshold, ...]
    document: dict[str, Any]

    def threshold_for(self, target_fmr: float = DEFAULT_TARGET_FMR) -> Threshold:
        """The operating point for the strictest listed FMR that is <= target_fmr."""
        eligible = [p for p in self.points if p.target_fmr <= target_fmr]
        if not eligible:
            listed = ", ".join(f"{p.target_fmr:g}" for p in self.points)
            raise CalibrationError(
                f"no calibrated operating point at or below FMR {target_fmr:g} "
                f"(listed: {listed}).",
                advice="Choose a listed target FMR in settings, or run `kiosk face calibrate` "
                       "on enough labelled photos and add the point to calibration.json.")
        return max(eligible, key=lambda p: p.target_fmr)

    def threshold(self, target_fmr: float = DEFAULT_TARGET_FMR) -> Threshold:
        """Same as threshold_for (the name kiosk.core calls)."""
        return self.threshold_for(target_fmr)


def load_calibration(path: Path | None = None) -> Calibration:
    """Read calibration.json (the packaged one by default)."""
    try:
        if path is None:
            text = resources.files("kiosk.face").joinpath("calibration.json").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        doc = json.loads(text)
        points = tuple(Threshold(value=float(p["threshold"]), target_fmr=float(p["target_fmr"]),
                                 basis=str(p["basis"]), verified=bool(p["verified"]))
                       for p in doc["operating_points"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CalibrationError(f"face calibration data unreadable ({type(exc).__name__}).",
                               advice="Reinstall the kiosk package.") from None
    if not points:
        raise CalibrationError("face calibration data lists no operating point.",
                               advice="Reinstall the kiosk package.")
    return Calibration(points=points, document=doc)


@dataclass(frozen=True)
class ScoreStats:
    count: int
    min: float | None
    max: float | None
    mean: float | None
    median: float | None

    @classmethod
    def of(cls, scores: list[float] | tuple[float, ...]) -> ScoreStats:
        if not scores:
            return cls(0, None, None, None, None)
        a = np.asarray(scores, dtype=np.float64)
        return cls(len(scores), round(float(a.min()), 4), round(float(a.max()), 4),
                   round(float(a.mean()), 4), round(float(np.median(a)), 4))


@dataclass(frozen=True)
class ThresholdProposal:
    threshold: float
    target_fmr: float
    empirical_fmr: float | None   # at the proposed threshold, on the given impostors
    empirical_fnmr: float | None  # at the proposed threshold, on the given genuines
    impostor_count: int
    impostors_needed: int         # ceil(3 / target_fmr) to bound the FMR at the target
    supported: bool
    note: str


def pair_scores(embeddings: dict[str, list[np.ndarray]]) -> tuple[list[float], list[float]]:
    """Genuine (same label) and impostor (different labels) distances over all pairs."""
    genuine: list[float] = []
    impostor: list[float] = []
    labels = sorted(embeddings)
    for lab in labels:
        for a, b in itertools.combinations(embeddings[lab], 2):
            genuine.append(float(np.linalg.norm(a - b)))
    for la, lb in itertools.combinations(labels, 2):
        for a in embeddings[la]:
            for b in embeddings[lb]:
                impostor.append(float(np.linalg.norm(a - b)))
    return genuine, impostor


def propose_threshold(genuine: list[float], impostor: list[float], target_fmr: float,
                      reference: float = DLIB_REFERENCE_THRESHOLD) -> ThresholdProposal:
    """The largest threshold whose false matches on `impostor` stay within target_fmr.

    With k = floor(target_fmr * n) false matches allowed, the threshold sits just below the
    (k+1)-th smallest impostor distance. When n < 3 / target_fmr the data cannot show the
    target is met, so the proposal is capped at dlib's reference point and marked unsupported.
    """
    if not 0 < target_fmr < 1:
        raise ValueError("target_fmr must be in (0, 1)")
    needed = math.ceil(3.0 / target_fmr)
    imp = sorted(impostor)
    n = len(imp)
    if n == 0:
        return ThresholdProposal(reference, target_fmr, None, None, 0, needed, False,
                                 "no impostor pairs (need at least two labelled people); "
                                 "falling back to dlib's reference point")
    k = math.floor(target_fmr * n)
    raw = imp[k] - 1e-3 if k < n else imp[-1]
    supported = n >= needed
    threshold = math.floor(raw * 1000) / 1000 if supported else min(
        math.floor(raw * 1000) / 1000, reference)
    fmr = sum(1 for d in imp if d <= threshold) / n
    fnmr = (sum(1 for d in genuine if d > threshold) / len(genuine)) if genuine else None
    note = ("impostor data support the target FMR" if supported else
            f"only {n} impostor comparisons; at least {needed} are needed to show FMR "
            f"<= {target_fmr:g}: threshold capped at the reference {reference}")
    return ThresholdProposal(threshold, target_fmr, round(fmr, 6),
                             None if fnmr is None else round(fnmr, 6), n, needed, supported, note)
