"""The face threshold in force, and where it came from: one answer for the app, the CLI and
the staff panel's score scale.

Precedence (docs/config.md, [face]):
1. an explicit threshold: `--threshold` on the command line, else `face.threshold` when > 0;
2. otherwise the calibrated operating point for the target FMR: `--target-fmr`, else
   `face.target_fmr` (kiosk/face/calibration.json, `threshold_for`: the strictest listed
   point within the target).
Either way the result says what the shipped measurement shows at that value, so an explicit
threshold is never presented as if it had been measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from kiosk.face.calibration import Calibration, MeasuredRates, Threshold, load_calibration

Source = Literal["config", "command_line", "calibration"]


class FaceThresholdSettings(Protocol):
    """What is read from [face] (kiosk.config.FaceSettings fits)."""

    @property
    def threshold(self) -> float: ...

    @property
    def target_fmr(self) -> float: ...


@dataclass(frozen=True)
class ThresholdInForce:
    threshold: Threshold          # what the matcher uses (value, target_fmr, basis, verified)
    source: Source                # config: face.threshold; command_line: --threshold;
    #                               calibration: calibration.json's point for a target FMR
    setting: str                  # the setting or flag that decided: face.threshold,
    #                               face.target_fmr, --threshold or --target-fmr
    measured: MeasuredRates | None  # FMR / FNMR of the shipped measurement at this value

    @property
    def value(self) -> float:
        return self.threshold.value


def threshold_in_force(face: FaceThresholdSettings | None = None, *,
                       threshold: float | None = None, target_fmr: float | None = None,
                       calibration: Calibration | None = None) -> ThresholdInForce:
    """The threshold to match with. `threshold` / `target_fmr` are command-line overrides
    (None: not given); `face` is the [face] settings (None: defaults). Raises
    CalibrationError when a target FMR has no calibrated point."""
    cal = calibration or load_calibration()
    cfg_threshold = face.threshold if face is not None else 0.0
    cfg_target = face.target_fmr if face is not None else None
    if threshold is not None and threshold > 0:
        value, setting = float(threshold), "--threshold"
    elif target_fmr is None and cfg_threshold > 0:
        value, setting = float(cfg_threshold), "face.threshold"
    else:
        setting = "--target-fmr" if target_fmr is not None else "face.target_fmr"
        target = target_fmr if target_fmr is not None else cfg_target
        point = cal.threshold_for(target) if target is not None else cal.threshold_for()
        return ThresholdInForce(point, "calibration", setting, cal.rates_at(point.value))
    measured = cal.rates_at(value)
    basis = (f"explicit {setting} = {value:g}, not a calibrated operating point"
             + (f"; on the shipped measurement: FMR {measured.fmr}, FNMR {measured.fnmr}"
                if measured is not None else ""))
    nominal = cfg_target if cfg_target is not None else cal.threshold_for().target_fmr
    source: Source = "command_line" if setting == "--threshold" else "config"
    return ThresholdInForce(Threshold(value, nominal, basis, False), source, setting, measured)


@dataclass(frozen=True)
class ScoreScale:
    """A distance scale for the staff panel: 0 (identical) to `top`, the threshold marked.
    Positions are fractions 0..1 from the left; a distance right of the mark is no match."""

    top: float
    threshold: float
    threshold_position: float
    distance: float | None
    distance_position: float | None
    matched: bool | None          # distance <= threshold
    source: Source
    setting: str

    def position(self, distance: float) -> float:
        return min(1.0, max(0.0, distance / self.top))


def score_scale(distance: float | None, in_force: ThresholdInForce,
                top: float = 1.2) -> ScoreScale:
    """dlib distances run from 0 to about 1.2 in practice (impostors 0.7-0.9 here)."""
    top = max(top, in_force.value * 1.25)
    pos = None if distance is None else min(1.0, max(0.0, distance / top))
    return ScoreScale(top=top, threshold=in_force.value,
                      threshold_position=in_force.value / top, distance=distance,
                      distance_position=pos,
                      matched=None if distance is None else distance <= in_force.value,
                      source=in_force.source, setting=in_force.setting)
