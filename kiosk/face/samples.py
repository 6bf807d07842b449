"""Embeddings of labelled photographs (and their identity-preserving variants) for calibration.

A `Sample` is one embedding with its identity, its source photo and its variant. Photos come
from a folder (DIR/<person>/<photo>) or a named set (kiosk.face.datasets). Every photo must
show exactly one face; others are skipped and counted by reason (never named: file names may
be people's names). Embeddings are biometric data: `save_samples` writes them only where the
operator asks (the committed file holds the public-domain test set's, for the tests).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from kiosk.face.analysis import FaceAnalyzer
from kiosk.face.augment import VARIANTS, Box, rng_for
from kiosk.face.errors import CalibrationError, PortraitRejected, SourceError
from kiosk.face.frames import Frame
from kiosk.face.imageio import IMAGE_SUFFIXES, read_image
from kiosk.face.portrait import load_portrait

#: Photos are scaled so their pixel count is at most this before detection (HOG cost).
PHOTO_DETECT_PIXELS = 1024 * 768
PHOTO = "photo"   # the variant name of the photograph itself


@dataclass(frozen=True, eq=False)
class Sample:
    identity: str
    photo: str      # "<identity>/<file>"
    capture: str    # the sitting: the unit of independence (crops of one photo share it)
    variant: str    # "photo" or an augmentation's name
    side: str       # "any" (no augmentation), "portrait" or "camera"
    embedding: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class SampleSet:
    samples: tuple[Sample, ...]
    skipped: dict[str, int]
    augmented: bool
    dataset: dict[str, Any] | None = None   # DatasetInfo as JSON, carried by saved files


def folder_photos(root: Path) -> list[tuple[str, str, Path, str]]:
    """(identity, photo id, path, capture) from DIR/<person>/<photo>, in name order; each
    file is taken as its own capture (put crops of one photograph in no folder twice)."""
    if not root.is_dir():
        raise CalibrationError(f"{root.name} is not a folder.",
                               advice="Give a folder with one subfolder of photos per person.")
    out = []
    for person in sorted(p for p in root.iterdir() if p.is_dir()):
        for photo in sorted(person.iterdir()):
            if photo.is_file() and photo.suffix.lower() in IMAGE_SUFFIXES:
                pid = f"{person.name}/{photo.name}"
                out.append((person.name, pid, photo, pid))
    return out


def _one_box(analyzer: FaceAnalyzer, bgr: np.ndarray) -> Box | str:
    boxes = analyzer.detect(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), max_pixels=PHOTO_DETECT_PIXELS)
    if not boxes:
        return "no_face"
    if len(boxes) > 1:
        return "multiple_faces"
    return boxes[0]


def embed_photo(analyzer: FaceAnalyzer, bgr: np.ndarray, box: Box | None = None
                ) -> np.ndarray | str:
    """The embedding of the one face in a photo, or a skip reason."""
    found = box if box is not None else _one_box(analyzer, bgr)
    if isinstance(found, str):
        return found
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return analyzer.embed_shape(rgb, analyzer.shape(rgb, found))


def embed_variants(analyzer: FaceAnalyzer, photo_id: str, bgr: np.ndarray, box: Box,
              skipped: Counter[str]) -> list[tuple[str, str, np.ndarray]]:
    """(variant, side, embedding) of each augmentation that the kiosk would accept: a portrait
    through load_portrait, a camera frame only when it passes every quality gate."""
    out: list[tuple[str, str, np.ndarray]] = []
    rng = rng_for(photo_id)
    for v in VARIANTS:
        made = v.make(bgr, box, rng)
        if v.side == "portrait":
            try:
                out.append((v.name, v.side, load_portrait(made, analyzer).embedding))
            except PortraitRejected as exc:
                skipped[f"{v.name}:{exc.code}"] += 1
            continue
        assert isinstance(made, np.ndarray)
        a = analyzer.analyze(Frame(made, 0.0, 0), embed="if_good")
        if a.embedding is None:
            skipped[f"{v.name}:{(a.quality.reasons or ('no_face',))[0]}"] += 1
        else:
            out.append((v.name, v.side, a.embedding))
    return out


def embed_photos(items: list[tuple[str, str, Path, str]], analyzer: FaceAnalyzer | None = None, *,
                 augment: bool = False) -> SampleSet:
    an = analyzer or FaceAnalyzer()
    samples: list[Sample] = []
    skipped: Counter[str] = Counter()
    for identity, photo_id, path, capture in items:
        try:
            bgr = read_image(path)
        except SourceError:
            skipped["unreadable"] += 1
            continue
        box = _one_box(an, bgr)
        if isinstance(box, str):
            skipped[box] += 1
            continue
        vec = embed_photo(an, bgr, box)
        assert not isinstance(vec, str)
        side = "camera" if augment else "any"
        samples.append(Sample(identity, photo_id, capture, PHOTO, side, vec))
        if augment:
            for name, vside, emb in embed_variants(an, photo_id, bgr, box, skipped):
                samples.append(Sample(identity, photo_id, capture, name, vside, emb))
    return SampleSet(tuple(samples), dict(sorted(skipped.items())), augment)


def save_samples(path: Path, sset: SampleSet) -> None:
    """An .npz: the embeddings (float64, exact) and their labels; no images."""
    s = sset.samples
    meta = json.dumps({"skipped": sset.skipped, "augmented": sset.augmented,
                       "dataset": sset.dataset})
    with Path(path).open("wb") as fh:
        np.savez_compressed(
            fh, vectors=np.stack([x.embedding for x in s]).astype(np.float64),
            identity=np.array([x.identity for x in s]), photo=np.array([x.photo for x in s]),
            capture=np.array([x.capture for x in s]),
            variant=np.array([x.variant for x in s]), side=np.array([x.side for x in s]),
            meta=np.array(meta))


def load_samples(path: Path) -> SampleSet:
    try:
        with np.load(Path(path), allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            samples = tuple(Sample(str(i), str(p), str(c), str(v), str(sd), np.array(vec))
                            for i, p, c, v, sd, vec in zip(z["identity"], z["photo"],
                                                           z["capture"], z["variant"],
                                                           z["side"], z["vectors"],
                                                           strict=True))
            return SampleSet(samples, {str(k): int(n) for k, n in meta["skipped"].items()},
                             bool(meta["augmented"]), meta.get("dataset"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CalibrationError(f"{Path(path).name} is not an embeddings file "
                               f"({type(exc).__name__}).",
                               advice="Write one with kiosk face calibrate --save-embeddings."
                               ) from None
