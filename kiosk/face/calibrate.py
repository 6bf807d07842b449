"""`kiosk face calibrate`'s engine: labelled embeddings -> distributions, DET table and the
threshold for each target FMR, with what the data can and cannot show.

Pairs. Without augmentation every pair of photos from different captures is compared
(genuine: same person; impostor: different people). With augmentation the kiosk's own
protocol is used: a portrait-side variant of capture A (the chip's DG2) against a camera-side
variant of capture B, A != B. Two photos of one capture (crops or re-encodings of one
photograph, or two augmentations of it) are never paired: that measures the image
processing, not a second encounter with the person.

Independence. A comparison's unit is its pair of captures; confidence intervals and the rule
of three count units (kiosk.face.det). The report also says how many identities and identity
pairs stand behind them, since pairs sharing a person are not independent either.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from kiosk.face import datasets
from kiosk.face.analysis import FaceAnalyzer
from kiosk.face.augment import variant_names
from kiosk.face.calibration import DLIB_REFERENCE_THRESHOLD, ThresholdProposal
from kiosk.face.det import (
    DET_STEPS,
    DetRow,
    Distribution,
    OperatingPoint,
    Scores,
    det_table,
    exact_zero_error_trials,
    rule_of_three,
    threshold_for_target,
)
from kiosk.face.errors import CalibrationError
from kiosk.face.samples import Sample, SampleSet, embed_photos, folder_photos

DEFAULT_TARGETS = (0.001, 0.01)


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    source: str
    version: str
    licence: str
    identities: int
    images: int
    captures: int                   # independent sittings (crops of one photo are one)
    augmentation: tuple[str, ...]   # variant names; () without augmentation
    note: str


@dataclass(frozen=True)
class Independence:
    identities: int
    photos: int
    captures: int
    samples: int                    # embeddings, variants included
    genuine_comparisons: int
    genuine_capture_pairs: int
    impostor_comparisons: int
    impostor_capture_pairs: int
    impostor_identity_pairs: int


@dataclass(frozen=True)
class Need:
    """What showing a false-match rate takes, against what these data have."""

    target_fmr: float
    impostor_pairs_needed: int        # rule of three: 3 / FMR, no false match observed
    impostor_pairs_needed_exact: int  # (1 - FMR)^n <= 0.05
    impostor_capture_pairs: int
    impostor_identity_pairs: int
    shown: bool


@dataclass(frozen=True)
class CalibrationReport:
    # the first phase's keys (kept: others script against them)
    people: int
    photos_used: int
    photos_skipped: dict[str, int]
    genuine: Distribution
    impostor: Distribution
    genuine_scores: tuple[float, ...]
    impostor_scores: tuple[float, ...]
    proposal: ThresholdProposal        # for the first target
    # added in phase 2
    dataset: DatasetInfo
    protocol: str
    independence: Independence
    reference_threshold: float
    det: tuple[DetRow, ...]
    operating_points: tuple[OperatingPoint, ...]
    fmr_0_001: Need


def _unit(a: Sample, b: Sample) -> tuple[str, str]:
    return (min(a.capture, b.capture), max(a.capture, b.capture))


def pair_samples(sset: SampleSet) -> tuple[Scores, str]:
    """Genuine and impostor distances with their units, and the protocol's name."""
    s = sset.samples
    genuine: list[float] = []
    impostor: list[float] = []
    gu: list[tuple[str, str]] = []
    iu: list[tuple[str, str]] = []
    pairs: Iterable[tuple[Sample, Sample]]
    if sset.augmented:
        protocol = "portrait_vs_camera"
        pairs = ((a, b) for a in s if a.side == "portrait" for b in s if b.side == "camera")
    else:
        protocol = "all_pairs"
        pairs = itertools.combinations(s, 2)
    for a, b in pairs:
        if a.capture == b.capture:
            continue
        d = float(((a.embedding - b.embedding) ** 2).sum() ** 0.5)
        if a.identity == b.identity:
            genuine.append(d)
            gu.append(_unit(a, b))
        else:
            impostor.append(d)
            iu.append(_unit(a, b))
    return Scores(tuple(genuine), tuple(impostor), tuple(gu), tuple(iu)), protocol


def _independence(sset: SampleSet, scores: Scores) -> Independence:
    s = sset.samples
    ids = {x.capture: x.identity for x in s}
    # Scores keeps units as Hashable; pair_samples made them (capture, capture)
    units = cast("set[tuple[str, str]]", set(scores.impostor_units))
    id_pairs = {tuple(sorted((ids[a], ids[b]))) for a, b in units}
    return Independence(
        identities=len(set(ids.values())), photos=len({x.photo for x in s}),
        captures=len(ids), samples=len(s), genuine_comparisons=len(scores.genuine),
        genuine_capture_pairs=len(set(scores.genuine_units)),
        impostor_comparisons=len(scores.impostor),
        impostor_capture_pairs=len(set(scores.impostor_units)),
        impostor_identity_pairs=len(id_pairs))


def _proposal(p: OperatingPoint) -> ThresholdProposal:
    return ThresholdProposal(p.threshold, p.target_fmr, p.at_threshold.fmr.rate,
                             p.at_threshold.fnmr.rate, p.at_threshold.fmr.comparisons,
                             p.impostor_units_needed, p.supported, p.note)


def report(sset: SampleSet, dataset: DatasetInfo, targets: tuple[float, ...] = DEFAULT_TARGETS,
           reference: float = DLIB_REFERENCE_THRESHOLD) -> CalibrationReport:
    if not targets:
        raise ValueError("at least one target FMR")
    scores, protocol = pair_samples(sset)
    ind = _independence(sset, scores)
    if ind.identities < 2:
        raise CalibrationError(
            f"found usable photos for {ind.identities} person(s); at least 2 are needed.",
            advice="Put one subfolder per person, each with one-face photos.")
    points = tuple(threshold_for_target(scores, t, reference=reference) for t in targets)
    steps = {*DET_STEPS, reference, *(p.threshold for p in points)}
    need = Need(0.001, rule_of_three(0.001), exact_zero_error_trials(0.001),
                ind.impostor_capture_pairs, ind.impostor_identity_pairs,
                ind.impostor_capture_pairs >= rule_of_three(0.001))
    return CalibrationReport(
        people=ind.identities, photos_used=ind.photos, photos_skipped=dict(sset.skipped),
        genuine=Distribution.of(scores.genuine), impostor=Distribution.of(scores.impostor),
        genuine_scores=tuple(round(g, 4) for g in sorted(scores.genuine)),
        impostor_scores=tuple(round(i, 4) for i in sorted(scores.impostor)),
        proposal=_proposal(points[0]), dataset=dataset, protocol=protocol, independence=ind,
        reference_threshold=reference, det=det_table(scores, sorted(steps)),
        operating_points=points, fmr_0_001=need)


def folder_dataset(root: Path, sset: SampleSet) -> DatasetInfo:
    """A local folder: no names, only counts (folder names may be people's names)."""
    return DatasetInfo(
        name="folder", source="a local folder of labelled photos", version="-",
        licence="the operator's", identities=len({x.identity for x in sset.samples}),
        images=len({x.photo for x in sset.samples}),
        captures=len({x.capture for x in sset.samples}),
        augmentation=variant_names() if sset.augmented else (), note="")


def set_dataset(s: datasets.LabelledSet, augmented: bool) -> DatasetInfo:
    note = (f"{s.identities} identities, {s.images} photographs from {s.captures} "
            "independent captures")
    if augmented:
        note += ("; identity-preserving augmentations widen the genuine distribution but are "
                 "not new people and not independent pairs")
    return DatasetInfo(s.name, s.source, s.version, s.licence, s.identities, s.images,
                       s.captures, variant_names() if augmented else (), note)


def calibrate_folder(root: Path, target_fmr: float, analyzer: FaceAnalyzer | None = None, *,
                     augment: bool = False, targets: tuple[float, ...] = ()
                     ) -> CalibrationReport:
    sset = embed_photos(folder_photos(Path(root)), analyzer, augment=augment)
    return report(sset, folder_dataset(Path(root), sset), (target_fmr, *targets))


def calibrate_set(name: str, target_fmr: float, analyzer: FaceAnalyzer | None = None, *,
                  augment: bool = False, cache: Path | None = None,
                  targets: tuple[float, ...] = ()) -> tuple[CalibrationReport, SampleSet]:
    """Embed a named set (fetched beforehand: kiosk face fetch) and report; the samples come
    back with the set's description, ready for save_samples."""
    s = datasets.get_set(name)
    sset = embed_photos(datasets.photos(s, cache), analyzer, augment=augment)
    info = set_dataset(s, augment)
    sset = dataclasses.replace(sset, dataset=dataclasses.asdict(info))
    return report(sset, info, (target_fmr, *targets)), sset


def calibrate_samples(sset: SampleSet, target_fmr: float, *,
                      targets: tuple[float, ...] = ()) -> CalibrationReport:
    """Report from saved embeddings (load_samples): no model, no photos, a second or less."""
    if sset.dataset is not None:
        d = dict(sset.dataset)
        info = DatasetInfo(**{**d, "augmentation": tuple(d.get("augmentation") or ())})
    else:
        info = folder_dataset(Path("."), sset)
    return report(sset, info, (target_fmr, *targets))
