"""Personal data after a full citizen session: only where intended.

One citizen goes through the whole kiosk (real pcscd + vpcd + emulated chip + file camera,
tests/ui's `make_kiosk`), with every APDU traced by the kiosk's own trace hooks, every log
record kept at DEBUG for every logger, and a private temp folder. Then the test looks for the
emulated person's name (NFC, NFD, upper case, without accents), ID number, CAN, MRZ lines,
document number and portrait bytes (a 64-byte slice of the JPEG, raw, hex and base64) in:

- every log record and everything written to stdout/stderr (the face child process included),
- the APDU trace records,
- every file in the temp folder and the test's data folder,
- the SQLite database as raw bytes (.db, -wal, -shm): it must hold them only encrypted,
- every text of every Qt widget, undo histories of text fields and label pictures after the
  wipe,

and finds them only in the decrypted submission, and nowhere once `store.purge` ran.
"""

from __future__ import annotations

import base64
import logging
import re
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kiosk.session import Step
from tests.ui.conftest import (  # noqa: F401 - fixtures
    drive_to_place_card,
    kiosk_config,
    log_in,
    make_kiosk,
    wait_step,
)
from tests.ui.test_citizen_flow import _all_text

pytestmark = pytest.mark.pcsc

OVERRIDE_REASON = "Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu B1234567 của Lê Thị Hồng"


def _strip_accents(text: str) -> str:
    base = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in base if not unicodedata.combining(c))


def _needles(chip, identity) -> dict[str, bytes]:
    """label -> bytes to look for (labels are what a failure message shows, never the data)."""
    name = identity.full_name
    mrz_lines = chip.access_data.mrz.split("\n")
    texts = {
        "name NFC": unicodedata.normalize("NFC", name),
        "name NFD": unicodedata.normalize("NFD", name),
        "name upper": name.upper(),
        "name without accents": _strip_accents(name).upper(),
        "ID number": identity.id_number,
        "CAN": chip.access_data.can,
        "document number": mrz_lines[0][5:14],
        **{f"MRZ line {i + 1}": line for i, line in enumerate(mrz_lines)},
    }
    out = {label: text.encode("utf-8") for label, text in texts.items()}
    out["name UTF-16"] = unicodedata.normalize("NFC", name).encode("utf-16-le")
    jpeg = chip.portrait_jpeg
    middle = len(jpeg) // 2
    piece = jpeg[middle:middle + 64]
    out["portrait bytes"] = piece
    out["portrait hex"] = piece.hex().encode()
    b64 = base64.b64encode(jpeg)
    out["portrait base64"] = b64[len(b64) // 2:len(b64) // 2 + 64]
    assert all(len(v) >= 6 for v in out.values())
    return out


def _found(data: bytes, needles: dict[str, bytes]) -> list[str]:
    """Labels of the needles in `data`. A number (CAN, ID or document number) counts only
    standing alone, not inside a longer run of digits such as a timestamp's microseconds."""
    found = []
    for label, needle in needles.items():
        if needle.isdigit():
            hit = re.search(rb"(?<![0-9])" + needle + rb"(?![0-9])", data) is not None
        else:
            hit = needle in data
        if hit:
            found.append(label)
    return found


def _files(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _db_files(core) -> dict[str, bytes]:
    db = Path(core.config.store.url.removeprefix("sqlite:///"))
    return {str(p): p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"))
            if p.exists()}


def _widget_leftovers(window, needles: dict[str, bytes], *, skip: tuple[QWidget, ...] = ()) -> list[str]:
    """Needles in any widget text, tooltip or undo history, and labels still showing a picture."""
    problems = []
    text = _all_text(window)
    for w in window.findChildren(QWidget):
        if any(w is s for s in skip):
            continue
        text += "\n" + w.toolTip() + "\n" + w.windowTitle()
        if isinstance(w, QLineEdit):
            text += "\n" + w.placeholderText()
            if w.isUndoAvailable():
                problems.append(f"undo history in {w.objectName() or 'a QLineEdit'}")
        if isinstance(w, QLabel) and w.pixmap() is not None and not w.pixmap().isNull():
            problems.append(f"picture left in {w.objectName() or 'a QLabel'}")
    for s in skip:
        text = text.replace(s.text(), "") if isinstance(s, QLabel) else text
    problems += [f"{label} in a widget" for label in _found(text.encode("utf-8"), needles)]
    return problems


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A temp folder of this test's own (this process and its children), so files written by
    other tests on a shared machine cannot be mistaken for the kiosk's."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def traced(monkeypatch):
    """Every PC/SC transport the kiosk opens gets the kiosk's trace hooks (ApduTrace and the
    DEBUG log hook), redaction as configured by the kiosk (on)."""
    from nfc import transport as nfc_transport
    from nfc.trace import ApduTrace, log_hook

    trace = ApduTrace()
    real_init = nfc_transport.PcscTransport.__init__

    def init(self, *args, hooks=(), **kwargs):
        real_init(self, *args, hooks=[*hooks, trace, log_hook], **kwargs)

    monkeypatch.setattr(nfc_transport.PcscTransport, "__init__", init)
    return trace


def test_a_full_session_leaves_personal_data_only_where_intended(
        make_kiosk, qtbot, caplog, capfd, private_tmp, traced, tmp_path):  # noqa: F811
    from kiosk.store import open_store
    from kiosk.store.errors import Purged
    from kiosk.store.timeutil import utc_now

    caplog.set_level(logging.DEBUG)  # the root logger: every logger propagates here
    core, window, _clock = make_kiosk()
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.REVIEW, Step.ERROR, timeout_ms=90000)
    assert core.session.step is Step.REVIEW, core.session.error
    needles = _needles(core.demo_chip, core.session.personal.identity)

    # the detector works: on the review screen the name and ID number are on show
    shown = _found(_all_text(window).encode("utf-8"), needles)
    assert {"name NFC", "ID number"} <= set(shown)

    edit = window.review.edits["kinh_gui"]
    edit.insert("Công an phường Hoàn Kiếm")  # as the on-screen keyboard types
    edit.editingFinished.emit()
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    reference = core.session.reference
    window.receipt.done_button.click()
    assert core.session.step is Step.WELCOME
    qtbot.waitUntil(lambda: not _widget_leftovers(window, needles, skip=(window.banner,)),
                    timeout=5000)

    # intended: the submission, decrypted by the store's key
    form = str(core.store().get(reference))
    assert {"name NFC", "ID number"} <= set(_found(form.encode("utf-8"), needles))

    # not intended: logs, the APDU trace, stdout/stderr (the face child process too)
    assert len(traced.records) > 20
    assert any(r.name == "nfc.trace" for r in caplog.records)
    log_text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert _found(log_text.encode("utf-8"), needles) == []
    assert _found("\n".join(repr(r) for r in traced.records).encode(), needles) == []
    assert all(r.command is None and r.response is None for r in traced.records)
    out, err = capfd.readouterr()
    assert _found((out + err).encode("utf-8"), needles) == []

    # not intended: any file in the temp folder or the data folder, the database in clear
    files = _files(private_tmp, tmp_path)
    db_files = _db_files(core)
    assert set(db_files) <= set(files) and len(db_files) >= 2  # .db and -wal at least
    leaks = {path: _found(data, needles) for path, data in files.items()}
    assert {p: found for p, found in leaks.items() if found} == {}

    # purge (the retention rule, run 91 days later): the form is gone, from the DB file too
    core.store().close()
    core.records._store = None
    later = open_store(core.config.store.url, key_file=core.config.store.key_file,
                       clock=lambda: utc_now() + timedelta(days=91))
    try:
        report = later.purge(after_delivery_days=30, undelivered_days=90)
        assert len(report.purged_ids) == 1
        with pytest.raises(Purged):
            later.get(reference)
        assert later.verify_audit().ok
    finally:
        later.close()
    for path, data in _db_files(core).items():
        assert _found(data, needles) == [], path


def test_a_staff_override_reason_is_kept_encrypted_and_leaves_no_undo_history(
        make_kiosk, qtbot, faces_dir, caplog):  # noqa: F811
    """The override reason is free text that may name people: sealed in the audit log,
    and the staff panel's field keeps no undo history of it once used or wiped."""
    caplog.set_level(logging.DEBUG)
    impostor = (faces_dir / "biden.jpg").read_bytes()
    core, window, _clock = make_kiosk(camera_image=impostor)
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.ERROR, Step.REVIEW, timeout_ms=90000)
    assert core.session.step is Step.ERROR and core.session.error.code == "face_failed"
    needles = _needles(core.demo_chip, core.session.personal.identity)
    needles["override reason"] = "Lê Thị Hồng".encode()
    window.error.staff_button.click()
    log_in(window, qtbot, expect=window.staff)  # the training kiosk's built-in login
    reason_field = window.staff.override_reason
    reason_field.insert(OVERRIDE_REASON)  # as the on-screen keyboard types
    window.staff.override_button.click()
    assert core.session.step is Step.REVIEW
    assert reason_field.text() == "" and not reason_field.isUndoAvailable()
    window.staff.edit_button.click()
    core.session.edit_field("kinh_gui", "Công an phường Hoàn Kiếm")
    window.review.show_form()
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    reference = core.session.reference
    window.receipt.done_button.click()
    assert core.session.step is Step.WELCOME
    qtbot.waitUntil(lambda: not _widget_leftovers(window, needles, skip=(window.banner,)),
                    timeout=5000)
    entry = next(e for e in core.store().audit_entries(reference=reference)
                 if e.event == "face.override")
    assert core.store().audit_note(entry.seq) == OVERRIDE_REASON  # intended: sealed, readable
    for path, data in _db_files(core).items():
        assert _found(data, needles) == [], path
    log_text = "\n".join(r.getMessage() for r in caplog.records)
    assert _found(log_text.encode("utf-8"), needles) == []
