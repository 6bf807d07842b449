"""`kiosk face calibrate`'s engine: distance distributions from a folder of labelled photos.

Layout: DIR/<person>/<photo>. Every photo must show exactly one face; others are skipped with
the reason counted (never named: file names may be people's names). Genuine pairs are all
pairs within a person, impostor pairs all pairs across people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from kiosk.face.analysis import FaceAnalyzer
from kiosk.face.calibration import ScoreStats, ThresholdProposal, pair_scores, propose_threshold
from kiosk.face.errors import CalibrationError, SourceError
from kiosk.face.imageio import IMAGE_SUFFIXES, read_image

#: Photos are scaled so their pixel count is at most this before detection (HOG cost).
PHOTO_DETECT_PIXELS = 1024 * 768


@dataclass(frozen=True)
class CalibrationReport:
    people: int
    photos_used: int
    photos_skipped: dict[str, int]
    genuine: ScoreStats
    impostor: ScoreStats
    genuine_scores: tuple[float, ...]
    impostor_scores: tuple[float, ...]
    proposal: ThresholdProposal


def embed_photo(analyzer: FaceAnalyzer, bgr: np.ndarray) -> np.ndarray | str:
    """The embedding of the one face in a photo, or a skip reason."""
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    boxes = analyzer.detect(rgb, max_pixels=PHOTO_DETECT_PIXELS)
    if not boxes:
        return "no_face"
    if len(boxes) > 1:
        return "multiple_faces"
    return analyzer.embed_shape(rgb, analyzer.shape(rgb, boxes[0]))


def embed_folder(root: Path, analyzer: FaceAnalyzer) -> tuple[dict[str, list[np.ndarray]],
                                                                 Counter[str]]:
    if not root.is_dir():
        raise CalibrationError(f"{root.name} is not a folder.",
                               advice="Give a folder with one subfolder of photos per person.")
    people: dict[str, list[np.ndarray]] = {}
    skipped: Counter[str] = Counter()
    for person in sorted(p for p in root.iterdir() if p.is_dir()):
        vecs = []
        for photo in sorted(person.iterdir()):
            if not photo.is_file() or photo.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            try:
                got = embed_photo(analyzer, read_image(photo))
            except SourceError:
                skipped["unreadable"] += 1
                continue
            if isinstance(got, str):
                skipped[got] += 1
            else:
                vecs.append(got)
        if vecs:
            people[person.name] = vecs
    return people, skipped


def calibrate_folder(root: Path, target_fmr: float,
                     analyzer: FaceAnalyzer | None = None) -> CalibrationReport:
    people, skipped = embed_folder(Path(root), analyzer or FaceAnalyzer())
    if len(people) < 2:
        raise CalibrationError(
            f"found usable photos for {len(people)} person(s); at least 2 are needed.",
            advice="Put one subfolder per person, each with one-face photos.")
    genuine, impostor = pair_scores(people)
    return CalibrationReport(
        people=len(people), photos_used=sum(len(v) for v in people.values()),
        photos_skipped=dict(skipped), genuine=ScoreStats.of(genuine),
        impostor=ScoreStats.of(impostor),
        genuine_scores=tuple(round(g, 4) for g in sorted(genuine)),
        impostor_scores=tuple(round(i, 4) for i in sorted(impostor)),
        proposal=propose_threshold(genuine, impostor, target_fmr))
