"""Thresholds as target false-match rates, and the measurement that set them.

The decision threshold is not a magic number in code: `calibration.json` (beside this file)
lists operating points {target_fmr -> threshold, verified, basis} and, under "measurement",
the `kiosk face calibrate` report they came from (data set and licence, distributions, DET
table, what FMR 0.001 would need). `threshold_for` picks the operating point for a target;
`rates_at` says what the measured data show at any threshold (e.g. an explicit
face.threshold). `calibration_document` writes the file from a report.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.face.det import Scores, threshold_for_target
from kiosk.face.errors import CalibrationError

#: dlib's published operating point for this model (99.38% on LFW at distance 0.6).
DLIB_REFERENCE_THRESHOLD = 0.6
DEFAULT_TARGET_FMR = 0.001
SCHEMA = 2


@dataclass(frozen=True)
class Threshold:
    """A decision threshold on the embedding distance (match when distance <= value)."""

    value: float
    target_fmr: float
    basis: str
    verified: bool  # True only when measured data support the target FMR


@dataclass(frozen=True)
class MeasuredRates:
    """FMR and FNMR at one threshold on the shipped measurement (comparisons, not units)."""

    threshold: float
    fmr: float | None
    fnmr: float | None
    impostor_comparisons: int
    genuine_comparisons: int


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

    def rates_at(self, value: float) -> MeasuredRates | None:
        """What the measurement shows at `value`; None when the file holds no scores."""
        m = self.document.get("measurement") or {}
        g, i = m.get("genuine_scores"), m.get("impostor_scores")
        if not isinstance(g, list) or not isinstance(i, list):
            return None
        g, i = sorted(g), sorted(i)
        fm = bisect.bisect_right(i, value)
        fnm = len(g) - bisect.bisect_right(g, value)
        return MeasuredRates(value, round(fm / len(i), 6) if i else None,
                             round(fnm / len(g), 6) if g else None, len(i), len(g))


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


def _basis(p: dict[str, Any], m: dict[str, Any]) -> str:
    at = p["at_threshold"]
    ds = m["dataset"]
    head = (f"measured by kiosk face calibrate on {ds['name']} ({ds['identities']} identities, "
            f"{ds['images']} photographs from {ds['captures']} independent captures"
            + (", with identity-preserving augmentations" if ds["augmentation"] else "") + "): "
            f"FMR {at['fmr']['rate']} ({at['fmr']['errors']}/{at['fmr']['comparisons']}), "
            f"FNMR {at['fnmr']['rate']} ({at['fnmr']['errors']}/{at['fnmr']['comparisons']}) "
            f"at {p['threshold']}. ")
    note = p["note"][:1].upper() + p["note"][1:]
    if p["supported"]:
        return head + note + "."
    return (head + note + f". {DLIB_REFERENCE_THRESHOLD} is dlib's published operating "
            "point (LFW 99.38% accuracy, equal numbers of genuine and impostor pairs: an FMR "
            "of at most about 1.2% there), NOT a shown FMR of the target. Measure on at least "
            f"{p['impostor_units_needed']} impostor pairs of the served population before "
            "relying on it.")


def calibration_document(measurement: dict[str, Any], produced_by: str) -> dict[str, Any]:
    """calibration.json from a `kiosk face calibrate` report (its JSON form): one operating
    point per target, each with the rates and intervals measured at its threshold."""
    points = []
    for p in measurement["operating_points"]:
        at = p["at_threshold"]
        points.append({
            "target_fmr": p["target_fmr"], "threshold": p["threshold"],
            "verified": p["supported"], "basis": _basis(p, measurement),
            "fmr": at["fmr"]["rate"], "fmr_ci95": at["fmr"]["ci95"],
            "fnmr": at["fnmr"]["rate"], "fnmr_ci95": at["fnmr"]["ci95"],
            "impostor_capture_pairs": p["impostor_units"],
            "impostor_capture_pairs_needed": p["impostor_units_needed"]})
    return {
        "schema": SCHEMA,
        "metric": "Euclidean distance between dlib ResNet 128-d face embeddings (5-point "
                  "aligned 150x150 chips); a comparison matches when distance <= threshold",
        "model": {"embedding": "dlib_face_recognition_resnet_model_v1.dat",
                  "landmarks": "shape_predictor_5_face_landmarks.dat",
                  "packages": "dlib-bin 20.0.1, face_recognition_models 0.3.0"},
        "reference": {"threshold": DLIB_REFERENCE_THRESHOLD,
                      "source": "dlib face_recognition model documentation "
                                "(dlib_face_recognition_resnet_model_v1, LFW 99.38%)"},
        "produced_by": produced_by,
        "operating_points": points,
        "measurement": measurement,
    }


# --- the first phase's proposal API (kept: tests and scripts call it) ---------------------

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


def propose_threshold(genuine: list[float], impostor: list[float], target_fmr: float,
                      reference: float = DLIB_REFERENCE_THRESHOLD) -> ThresholdProposal:
    """kiosk.face.det.threshold_for_target on plain lists, each pair its own unit."""
    p = threshold_for_target(Scores(tuple(genuine), tuple(impostor)), target_fmr,
                             reference=reference)
    return ThresholdProposal(p.threshold, target_fmr, p.at_threshold.fmr.rate,
                             p.at_threshold.fnmr.rate, len(impostor),
                             math.ceil(3.0 / target_fmr - 1e-9), p.supported, p.note)
