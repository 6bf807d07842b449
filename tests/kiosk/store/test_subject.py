"""kiosk/store/subject.py and `kiosk store subject`: one citizen's data on request: find,
export (JSON), erase; what the audit log keeps, and until when."""

from __future__ import annotations

import io
import json
import stat
from datetime import timedelta

from kiosk.accounts import Accounts
from kiosk.cli import main
from kiosk.config import KdfParams, load_config, set_value
from kiosk.store import Override, Purged, open_store_from_config, subject
from kiosk.store.documents import attach_pdf, write_pdf_file
from tests.kiosk.store.conftest import FORM, T0, deliverer

LAN, BINH = "001099012345", "079088000111"


def _two_people(store):
    consent = store.record_consent(text_version="vi-2026.1", purpose="dang-ky-thuong-tru")
    a = store.submit("dang-ky-thuong-tru", FORM, actor="staff:nv01", subject=LAN,
                     consent_id=consent.id, face={"decision": "no_match"},
                     override=Override("staff:nv02", "ảnh cũ"))
    b = store.submit("khai-sinh", {"ho_ten": "Trần Văn Bình"}, actor="citizen", subject=BINH)
    c = store.submit("khai-sinh", {**FORM, "lan": 2}, actor="citizen", subject=LAN)
    store.get(a.reference, actor="staff:nv03")
    return a, b, c


def test_find_export_and_erase_one_person(store, backoffice, tmp_path, clock):
    a, b, c = _two_people(store)
    attach_pdf(store, a.reference, b"%PDF-1.7 form of Lan")
    printed = write_pdf_file(store, c.reference, b"%PDF-1.7 printed", tmp_path / "pdf")
    assert stat.S_IMODE(printed.stat().st_mode) == 0o600
    assert deliverer(store, backoffice).run_once().delivered == 3  # a, b, c at the back office
    found = subject.find(store, LAN)
    assert [s.reference for s in found.submissions] == [a.reference, c.reference]
    assert found.audit_entries == 3  # created a, override a, created c (viewed: no subject)

    doc = subject.export(store, f" {LAN} ", actor="technician:kt01")
    assert [s["reference"] for s in doc["submissions"]] == [a.reference, c.reference]
    first = doc["submissions"][0]
    assert first["form"] == FORM and first["documents"] == 1
    assert first["case"]["override"] == {"by": "staff:nv02", "reason": "ảnh cũ"}
    assert first["consent"] == {"text_version": "vi-2026.1", "purpose": "dang-ky-thuong-tru",
                                "language": "vi", "given_at": T0.isoformat()}
    assert [e["event"] for e in doc["audit_entries"]] == [
        "submission.created", "face.override", "submission.created"]
    assert "Bình" not in json.dumps(doc, ensure_ascii=False)

    clock.advance(days=1)
    e = subject.erase(store, LAN, actor="technician:kt01", retention_days=180)
    assert (e.references, e.delivered, e.files) == ((a.reference, c.reference),
                                                     (a.reference, c.reference), 1)
    assert not printed.exists()
    assert e.pseudonyms_kept_until == T0 + timedelta(days=1) + timedelta(days=180)
    for ref in (a.reference, c.reference):
        try:
            store.get(ref)
        except Purged:
            pass
        else:
            raise AssertionError("erased form still readable")
    assert store.get(b.reference) == {"ho_ten": "Trần Văn Bình"}  # the other person: kept
    assert store.audit_note(store.audit_entries(event="face.override")[0].seq) is None
    assert store.submission(a.reference).status == "purged"
    # the audit log keeps its entries and, for now, the pseudonym: found again by number
    assert subject.find(store, LAN).submissions == ()
    assert subject.find(store, LAN).audit_entries == 5  # + the export and the erasure
    assert store.verify_audit().ok
    # until retention deletes the pseudonyms (180 days)
    clock.advance(days=181)
    store.purge(after_delivery_days=30, undelivered_days=90, audit_pseudonym_days=180)
    assert subject.find(store, LAN).audit_entries == 0
    assert subject.find(store, BINH).audit_entries == 0  # Bình's are as old
    assert store.verify_audit().ok


def test_erase_can_drop_the_pseudonyms_at_once(store):
    a, _, _ = _two_people(store)
    e = subject.erase(store, LAN, actor="technician:kt01", retention_days=180,
                      erase_pseudonyms=True)
    assert (e.pseudonyms_erased, e.pseudonyms_kept_until) == (3, None)
    assert subject.find(store, LAN).audit_entries == 0
    assert store.audit_entries(event="subject.erased")[0].details == {
        "submissions": 2, "already_delivered": 0, "as_party": 0, "pseudonyms_erased": 3}
    assert store.verify_audit().ok


def test_the_subject_command(tmp_path, monkeypatch, capsys):
    cfg = tmp_path / "kiosk.toml"
    set_value("store.url", f"sqlite:///{tmp_path / 'db.sqlite3'}", cfg)
    set_value("store.key_file", str(tmp_path / "store.key"), cfg)
    store = open_store_from_config(load_config(cfg))
    Accounts(store, kdf=KdfParams(1024, 1)).add("kt01", "technician", "482913", by=None)
    a, _, c = _two_people(store)
    store.close()

    def run(stdin: str, *argv: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["store", "subject", "--as", "kt01", "--config", str(cfg), *argv])

    assert run("482913\n", "--id", LAN) == 0
    out = capsys.readouterr().out
    assert out.endswith("2 submission(s); 3 audit entries carry this person's pseudonym\n")
    assert a.reference in out and LAN not in out
    target = tmp_path / "export.json"
    assert run(f"482913\n{LAN}\n", "--id", "-", "--export", str(target)) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(json.loads(target.read_text())["submissions"]) == 2
    assert run("482913\n", "--id", LAN, "--export", str(target)) == 1  # never overwritten
    capsys.readouterr()
    assert run("482913\n", "--id", LAN, "--erase") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"erased the personal data of 2 submission(s) ({a.reference}, "
                          f"{c.reference}); 0 PDF file(s) deleted\n")
    assert "The audit log keeps its entries about this person" in out
    assert "until 20" in out and "keyed HMAC-SHA256 of the ID number" in out
    assert run("111111\n", "--id", LAN) == 1
    assert capsys.readouterr().err == "kiosk: error: wrong staff ID or PIN\n"
