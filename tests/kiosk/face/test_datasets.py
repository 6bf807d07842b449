"""Labelled sets (kiosk.face.datasets): their photos are checked against pinned hashes, and a
fetched set is downloaded with pip, checked, and only its listed photos extracted. pip itself
is replaced by a runner that serves a local archive (the tests run offline)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from kiosk.face import datasets
from kiosk.face.errors import CalibrationError

TESTS = datasets.get_set("tests")


def _sdist(path: Path, faces_dir: Path, *, extra: dict[str, bytes] | None = None) -> str:
    with tarfile.open(path, "w:gz") as tar:
        for ph in TESTS.photos:
            tar.add(faces_dir / ph.file, f"pkg-1.0/tests/test_images/{ph.file}")
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fetched_set(sha256: str) -> datasets.LabelledSet:
    return datasets.LabelledSet(
        name="pkg-1.0", source="test", version="1.0", licence="public domain",
        photos=TESTS.photos,
        fetch=datasets.PipSdist("pkg==1.0", "pkg-1.0.tar.gz", sha256,
                                "pkg-1.0/tests/test_images"))


class FakePip:
    """Serves `archive` as pip download would (into --dest); counts its calls."""

    def __init__(self, archive: Path | None, returncode: int = 0) -> None:
        self.archive, self.returncode, self.calls = archive, returncode, []

    def __call__(self, cmd, **_kw):
        self.calls.append(cmd)
        assert cmd[1:4] == ["-m", "pip", "download"] and "--no-deps" in cmd
        if self.archive is not None:
            shutil.copy(self.archive, Path(cmd[cmd.index("--dest") + 1]) / "pkg-1.0.tar.gz")
        return subprocess.CompletedProcess(cmd, self.returncode, "", "ERROR: no network")


def test_the_test_set_is_four_captures_of_two_people_checked_by_hash():
    got = datasets.photos(TESTS)
    assert [(i, pid, cap) for i, pid, _p, cap in got] == [
        ("obama", "obama/obama.jpg", "obama-portrait-2012"),
        ("obama", "obama/obama_partial_face.jpg", "obama-portrait-2012"),
        ("obama", "obama/obama_partial_face2.jpg", "obama-portrait-2012"),
        ("obama", "obama/obama2.jpg", "obama-rostrum"),
        ("obama", "obama/obama3.jpg", "obama-arms-crossed"),
        ("biden", "biden/biden.jpg", "biden")]
    assert (TESTS.identities, TESTS.images, TESTS.captures) == (2, 6, 4)
    pypi = datasets.get_set("face_recognition-1.3.0")
    assert (pypi.images, pypi.captures) == (7, 4)  # 32bit.png is obama2.jpg again


def test_unknown_set_names_the_known_ones():
    with pytest.raises(CalibrationError, match="unknown face set") as exc:
        datasets.get_set("lfw")
    assert "face_recognition-1.3.0, tests" in exc.value.advice


def test_fetch_downloads_checks_and_extracts_only_the_listed_photos(tmp_path, faces_dir):
    sha = _sdist(tmp_path / "pkg.tar.gz", faces_dir, extra={"pkg-1.0/../../evil": b"x"})
    s = _fetched_set(sha)
    pip = FakePip(tmp_path / "pkg.tar.gz")
    folder = datasets.fetch(s, tmp_path / "cache", runner=pip)
    assert folder == tmp_path / "cache" / "pkg-1.0"
    assert sorted(p.name for p in folder.iterdir()) == sorted(ph.file for ph in TESTS.photos)
    assert not (tmp_path / "evil").exists()
    assert len(datasets.photos(s, tmp_path / "cache")) == 6
    datasets.fetch(s, tmp_path / "cache", runner=pip)  # all present: pip not asked again
    assert len(pip.calls) == 1


def test_fetch_refuses_an_archive_that_is_not_the_pinned_one(tmp_path, faces_dir):
    _sdist(tmp_path / "pkg.tar.gz", faces_dir)
    with pytest.raises(CalibrationError, match="does not match its pinned hash"):
        datasets.fetch(_fetched_set("0" * 64), tmp_path / "cache",
                       runner=FakePip(tmp_path / "pkg.tar.gz"))
    assert not (tmp_path / "cache" / "pkg-1.0").exists()


def test_fetch_reports_what_pip_said_when_it_fails(tmp_path):
    with pytest.raises(CalibrationError, match="pip could not download pkg==1.0") as exc:
        datasets.fetch(_fetched_set("0" * 64), tmp_path / "cache",
                       runner=FakePip(None, returncode=1))
    assert "ERROR: no network" in exc.value.advice


def test_a_missing_or_altered_photo_is_refused(tmp_path, faces_dir):
    s = _fetched_set("0" * 64)
    with pytest.raises(CalibrationError, match="missing") as exc:
        datasets.photos(s, tmp_path)
    assert "kiosk face fetch pkg-1.0" in exc.value.advice
    folder = tmp_path / "pkg-1.0"
    folder.mkdir()
    for ph in TESTS.photos:
        shutil.copy(faces_dir / ph.file, folder / ph.file)
    (folder / "biden.jpg").write_bytes(b"not the photo")
    with pytest.raises(CalibrationError, match="biden.jpg of set pkg-1.0 does not match"):
        datasets.photos(s, tmp_path)
