"""Labelled face sets for `kiosk face calibrate`: where each comes from, its licence, and a
reproducible fetch into a local cache (images are never committed unless their licence allows).

A set is a list of (identity, photo) with a SHA-256 per photo. `tests` is the public-domain
folder in this repository; a fetched set is a pinned package from a registry the kiosk's
machines reach (PyPI here), downloaded with the ordinary client into the cache, checked
against its pinned hash, and only the listed photos are extracted (by name: no path from the
archive is trusted). See docs/face.md "Calibration data" for what was searched and why these.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.face.errors import CalibrationError


@dataclass(frozen=True)
class Photo:
    """One labelled photograph. `capture` names the sitting it was taken at: files cut from
    one photograph (crops, re-encodings) share it, and are never paired as genuine."""

    identity: str
    file: str
    capture: str
    sha256: str


#: face_recognition 1.3.0's tests/test_images, looked at one by one: obama_partial_face*.jpg
#: are crops of obama.jpg (the 2012 official portrait) and 32bit.png is obama2.jpg as a 32-bit
#: PNG (distance 0.016 between them). Independent captures: 3 of Obama, 1 of Biden.
_PHOTOS = (
    Photo("obama", "obama.jpg", "obama-portrait-2012",
          "0930e3aa8cae5920329c0c8cbc6a2ab70f47b0e67b432875beaa95cbf7e741f6"),
    Photo("obama", "obama_partial_face.jpg", "obama-portrait-2012",
          "c2d1f09e7ef3042352b41e41286e6eb0522f64f88308be13886991b95db52117"),
    Photo("obama", "obama_partial_face2.jpg", "obama-portrait-2012",
          "9a812347f97633542b8cd9992de22def11b74f79d82056bc3ee830f13878e028"),
    Photo("obama", "obama2.jpg", "obama-rostrum",
          "a7efcc907375274796f39646510704aa86672d59f6d5469d69af3c85590976a6"),
    Photo("obama", "obama3.jpg", "obama-arms-crossed",
          "76ac6bf97c36dc2da0ad16a537d6a5ac1b10f48d49aac29a0cca9a17cdbc3ca3"),
    Photo("biden", "biden.jpg", "biden",
          "3c17508bb91554c637a2eabddfae790e5bb1caba93130814fc2ac50be9760c4c"),
)
_PNG = Photo("obama", "32bit.png", "obama-rostrum",
             "44dca895a7d635a4aedddd91a4f37af9a8a5b44e66154282a24645a757b5f627")


@dataclass(frozen=True)
class PipSdist:
    """A source distribution on PyPI, pinned by version and hash; photos under `folder`."""

    requirement: str       # "face_recognition==1.3.0"
    filename: str          # the file pip saves
    sha256: str
    folder: str            # the photos' folder inside the archive


@dataclass(frozen=True)
class LabelledSet:
    name: str
    source: str
    version: str
    licence: str
    photos: tuple[Photo, ...]
    fetch: PipSdist | None = None       # None: `repo_folder` in this checkout
    repo_folder: str | None = None

    @property
    def identities(self) -> int:
        return len({p.identity for p in self.photos})

    @property
    def images(self) -> int:
        return len(self.photos)

    @property
    def captures(self) -> int:
        return len({p.capture for p in self.photos})


_WHITE_HOUSE = ("official White House photographs of Barack Obama and Joe Biden (works of the "
                "US federal government, public domain)")
SETS: dict[str, LabelledSet] = {s.name: s for s in (
    LabelledSet(
        name="tests",
        source="tests/data/faces in this repository: byte for byte the face_recognition 1.3.0 "
               "source package's tests/test_images (PyPI), less 32bit.png",
        version="face_recognition 1.3.0",
        licence=_WHITE_HOUSE + "; tests/data/faces/SOURCES.md",
        photos=_PHOTOS, repo_folder="tests/data/faces"),
    LabelledSet(
        name="face_recognition-1.3.0",
        source="PyPI source package face_recognition 1.3.0, folder tests/test_images",
        version="1.3.0 (sdist sha256 5e5efdd1...92705ec)",
        licence="package MIT; " + _WHITE_HOUSE,
        photos=(*_PHOTOS, _PNG),
        fetch=PipSdist("face_recognition==1.3.0", "face_recognition-1.3.0.tar.gz",
                       "5e5efdd1686aa566af0d3cc1313b131e4b197657a8ffd03669e6d3fad92705ec",
                       "face_recognition-1.3.0/tests/test_images")),
)}


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kiosk" / "faces"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def get_set(name: str) -> LabelledSet:
    try:
        return SETS[name]
    except KeyError:
        raise CalibrationError(f"unknown face set {name!r}.",
                               advice="Known sets: " + ", ".join(sorted(SETS)) + ".") from None


def set_folder(s: LabelledSet, cache: Path | None = None) -> Path:
    """Where the set's photos are (flat, by file name); fetched sets live in the cache."""
    if s.fetch is None:
        return _repo_root() / (s.repo_folder or "")
    return (cache or default_cache()) / s.name


def photos(s: LabelledSet, cache: Path | None = None) -> list[tuple[str, str, Path, str]]:
    """(identity, photo id, path, capture) for every photo, each checked against its hash."""
    folder = set_folder(s, cache)
    out = []
    for ph in s.photos:
        p = folder / ph.file
        if not p.is_file():
            how = (f"kiosk face fetch {s.name}" if s.fetch is not None
                   else "a full checkout of the repository")
            raise CalibrationError(f"photo {ph.file} of set {s.name} is missing.",
                                   advice=f"Get the set with {how}.")
        if _sha256(p) != ph.sha256:
            raise CalibrationError(f"photo {ph.file} of set {s.name} does not match its hash.",
                                   advice=f"Delete {folder} and fetch the set again.")
        out.append((ph.identity, f"{ph.identity}/{ph.file}", p, ph.capture))
    return out


def fetch(s: LabelledSet, cache: Path | None = None, *, runner=subprocess.run) -> Path:
    """Download the pinned package with pip into the cache and extract the listed photos.
    Idempotent: photos already present with the right hash are kept."""
    folder = set_folder(s, cache)
    if s.fetch is None:
        return folder
    if all((folder / ph.file).is_file() and _sha256(folder / ph.file) == ph.sha256
           for ph in s.photos):
        return folder
    spec = s.fetch
    with tempfile.TemporaryDirectory(prefix="kiosk-faces-") as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
               "--disable-pip-version-check", "--quiet", "--dest", tmp, spec.requirement]
        done = runner(cmd, capture_output=True, text=True, timeout=600)
        archive = Path(tmp) / spec.filename
        if done.returncode != 0 or not archive.is_file():
            raise CalibrationError(f"pip could not download {spec.requirement}.",
                                   advice="Check that this machine reaches PyPI; pip said: "
                                          + (done.stderr or "").strip()[-300:])
        if _sha256(archive) != spec.sha256:
            raise CalibrationError(f"{spec.filename} does not match its pinned hash.",
                                   advice="The registry served other bytes; do not use them.")
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "r:gz") as tar:
            for ph in s.photos:
                try:
                    member = tar.extractfile(f"{spec.folder}/{ph.file}")
                except KeyError:
                    member = None
                if member is None:
                    raise CalibrationError(f"{ph.file} is not in {spec.filename}.",
                                           advice="The pinned package changed; report it.")
                (folder / ph.file).write_bytes(member.read())
    photos(s, cache)  # every photo checked against its hash
    return folder
