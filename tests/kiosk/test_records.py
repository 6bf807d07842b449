"""kiosk/records.py through the real store: the consent recorded on "I agree", the submission
carrying the chip verdict, the face result, a named override and the consent all the way to
the back office's payload (a real HTTPS back office), training submissions marked, and PDFs
only as sealed copies or private files the store purges."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kiosk.config.schema import Config, KioskSettings, PrintingSettings, StoreSettings
from kiosk.forms import prefill
from kiosk.records import CONSENT_PURPOSE, Records, consent_version
from kiosk.store import StoreError
from kiosk.store.documents import pdf as stored_pdf
from kiosk.work import Submit
from tests.kiosk.staff_support import chip_read, face
from tests.kiosk.store.conftest import (  # noqa: F401 - fixtures
    FakeClock,
    backoffice,
    deliverer,
    store_url,
)

SERVICE = "xac-nhan-so-cmnd"
CONSENT_TEXT = "Chúng tôi có thể đọc thẻ của bạn không?\n\n..."
REASON = "Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu"


def _config(url: str, tmp_path: Path, *, training: bool = False, printer: str = "pdf",
            kiosk_id: str = "") -> Config:
    return Config(kiosk=KioskSettings(training_mode=training, id=kiosk_id),
                  store=StoreSettings(url=url, key_file=str(tmp_path / "store.key")),
                  printing=PrintingSettings(printer=printer, pdf_dir=str(tmp_path / "pdf")))


def _work(consent_id, *, print_copy=False, override=True) -> Submit:
    read = chip_read()
    draft = prefill(SERVICE, read.identity, {"kinh_gui": "Công an phường Hoàn Kiếm"})
    return Submit(SERVICE, draft, read.identity.id_number, "staff:nv01", print_copy,
                  REASON if override else None, "staff:nv01" if override else None,
                  consent_id, read, face(0.74))


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'kiosk.db'}"


@pytest.fixture
def records(request, tmp_path):
    """make(training=False, printer="pdf", kiosk_id="") -> Records on SQLite, or on the
    test's `store_url` when it asks for one (SQLite and PostgreSQL)."""
    url = request.getfixturevalue("store_url" if "store_url" in request.fixturenames
                                  else "sqlite_url")
    clock = FakeClock()
    made = []

    def make(**kw) -> Records:
        training = kw.pop("training", False)
        r = Records(_config(url, tmp_path, training=training, **kw), training=training,
                    store_kwargs={"clock": clock})
        made.append(r)
        return r

    make.clock = clock
    yield make
    for r in made:
        r.close()


def test_the_submission_carries_verdict_face_override_and_consent_to_the_back_office(
        store_url, records, backoffice):  # noqa: F811 - the imported fixtures
    r = records()
    consent = r.record_consent(language="vi", text=CONSENT_TEXT)
    assert consent.text_version == consent_version(CONSENT_TEXT)
    assert consent.text_version.startswith("2026.1+") and len(consent.text_version) == 19
    reference = r.submit(_work(consent.id))
    store = r.store()
    sub = store.submission(reference)
    assert (sub.created_by, sub.status, sub.training) == ("staff:nv01", "pending", False)
    verdict = {"status": "genuine", "code": "genuine_revocation_not_checked", "files": [],
               "method": "CA", "check": None, "require_genuine": True}
    face_result = {"decision": "no_match", "score": 0.74, "threshold": 0.6,
                   "target_fmr": 0.001, "threshold_verified": False, "liveness": "off",
                   "accepted": False, "reason": "no_match", "frames_used": 3}
    case = store.case(reference)
    checks = case["verdict"].pop("checks")
    assert case["verdict"] == verdict and case["face"] == face_result
    assert checks["sod.signature"] == "passed" and checks["ds.revocation"] == "not_possible"
    assert case["override"] == {"by": "staff:nv01", "reason": REASON}
    assert case["consent"]["id"] == consent.id and case["training"] is False
    # the store wrote the override's audit entry itself, once, under the person's name
    entries = store.audit_entries(reference=reference)
    assert [(e.event, e.actor) for e in entries] == [
        ("submission.created", "staff:nv01"), ("face.override", "staff:nv01")]
    assert store.audit_note(entries[1].seq) == REASON
    given = [e for e in store.audit_entries() if e.event == "consent.given"]
    assert [(e.actor, e.details) for e in given] == [("citizen", {
        "consent_id": consent.id, "text_version": consent.text_version,
        "purpose": CONSENT_PURPOSE, "language": "vi"})]

    assert deliverer(store, backoffice).run_once().delivered == 1
    doc = next(iter(backoffice.received.effects.values()))
    assert doc["submitted_by"] == "staff:nv01"
    assert {**doc["verdict"], "checks": None} == {**verdict, "checks": None}
    assert doc["face"] == face_result
    assert doc["override"] == {"by": "staff:nv01", "reason": REASON}
    assert doc["consent"] == {"id": consent.id, "text_version": consent.text_version,
                              "purpose": CONSENT_PURPOSE, "language": "vi",
                              "given_at": consent.given_at.isoformat()}
    assert store.verify_audit().ok


def test_a_form_without_a_recorded_consent_is_not_stored(records):
    r = records()
    with pytest.raises(StoreError, match="no consent was recorded"):
        r.submit(_work(None))
    assert r.store().list_submissions() == []


def test_an_override_needs_a_named_person(records):
    r = records()
    consent = r.record_consent(language="en", text=CONSENT_TEXT)
    work = _work(consent.id)
    anonymous = Submit(work.service_code, work.draft, work.subject, "citizen", False, REASON,
                       "staff", consent.id, work.read, work.face)
    with pytest.raises(StoreError, match="must name the staff member"):
        r.submit(anonymous)
    assert r.store().list_submissions() == []


def test_a_training_kiosk_marks_its_submissions_and_lists_them_apart(records):
    r = records(training=True, kiosk_id="hn-bd-01")
    consent = r.record_consent(language="vi", text=CONSENT_TEXT)
    reference = r.submit(_work(consent.id, override=False))
    sub = r.store().submission(reference)
    assert (sub.status, sub.training, sub.kiosk_id) == ("training", True, "hn-bd-01")
    assert r.store().case(reference)["training"] is True
    assert [s.reference for s in r.todays()] == [reference]


def test_a_pdf_for_the_printer_is_a_private_file_that_goes_with_the_submission(
        records, tmp_path):
    r = records()
    consent = r.record_consent(language="vi", text=CONSENT_TEXT)
    work = _work(consent.id, print_copy=True, override=False)
    ok, why = r.print_form(work.draft)  # not submitted yet: no file is written
    assert (ok, why) == (False, "submit the form first: a PDF file is kept only with its "
                                "submission")
    reference = r.submit(work)
    files = list((tmp_path / "pdf").iterdir())
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "pdf").stat().st_mode) == 0o700
    assert "K7M2" not in files[0].name and reference not in files[0].name
    records.clock.advance(days=91)
    report = r.store().purge(after_delivery_days=30, undelivered_days=90)
    assert report.purged_ids and list((tmp_path / "pdf").iterdir()) == []


def test_a_printed_copy_is_sealed_and_a_reprint_is_audited_under_the_person(
        sqlite_url, tmp_path):
    printed: list[bytes] = []

    def printer(pdf: bytes, name: str) -> str:  # stands in for the Qt print path
        printed.append(pdf)
        return name or "default printer"

    r = Records(_config(sqlite_url, tmp_path, printer=""), training=False, paint=printer,
                store_kwargs={"clock": FakeClock()})
    try:
        consent = r.record_consent(language="vi", text=CONSENT_TEXT)
        reference = r.submit(_work(consent.id, print_copy=True, override=False))
        assert len(printed) == 1 and printed[0].startswith(b"%PDF")
        assert stored_pdf(r.store(), reference) == printed[0]
        assert r.reprint(reference, actor="staff:nv02") == (True, "default printer")
        assert printed[1] == printed[0]
        viewed = [e for e in r.store().audit_entries(reference=reference)
                  if e.event == "document.viewed"]
        assert [e.actor for e in viewed] == ["staff:nv02"]
        assert not (tmp_path / "pdf").exists()  # nothing in clear on disk
    finally:
        r.close()


def test_the_consent_of_a_kiosk_is_its_own(records):
    r = records(kiosk_id="hn-bd-02")
    consent = r.record_consent(language="en", text="May we read your ID card?")
    assert consent.purpose == CONSENT_PURPOSE and consent.language == "en"
    assert r.store().kiosk_id == "hn-bd-02"
    assert consent.given_at == records.clock.now
