"""Every person of a two-person form is a data subject (Law 91/2025/QH15 Art. 4): the other
parties' pseudonyms are indexed (kiosk/store/parties.py, revision 0004), so `kiosk store
subject` finds, exports and erases for a spouse or a parent too, on SQLite and PostgreSQL.

The attack on main: a marriage registration stored with only the declarant's pseudonym;
`kiosk store subject --id <the spouse's number>` answered "0 submission(s)" while the
spouse's name, birth date and ID number sat in the form."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from kiosk.accounts import Accounts
from kiosk.cli import main
from kiosk.config import KdfParams, load_config, set_value
from kiosk.store import Override, Party, Purged, StoreError, open_store_from_config, subject
from kiosk.store.documents import attach_pdf
from kiosk.store.models import SubmissionPartyRow, SubmissionRow
from tests.kiosk.store.conftest import deliverer

LAN, BINH = "001099012345", "079088000111"
SPOUSE_FIELDS = ("man_ho_ten", "man_so_dinh_danh")


def _field(fid: str, value: str) -> dict:
    return {"id": fid, "section": 1, "label_vi": fid, "label_en": fid, "type": "text",
            "value": value, "iso": None, "source": fid.split("_")[0] + ".x",
            "required": True, "sensitive": False, "notes": [], "choices": [], "errors": []}


MARRIAGE = {"schema": "kiosk.form-draft", "schema_version": "1.1.0",
            "service": {"code": "dang-ky-ket-hon"}, "created": "2026-03-02T10:00:00+07:00",
            "fields": [_field("woman_ho_ten", "Nguyễn Thị Lan"),
                       _field("woman_so_dinh_danh", LAN),
                       _field("man_ho_ten", "Trần Văn Bình"),
                       _field("man_so_dinh_danh", BINH),
                       _field("kinh_gui", "UBND phường Hoàn Kiếm")]}
SPOUSE_VERDICT = {"status": "genuine", "code": "genuine", "files": []}
SPOUSE_FACE = {"decision": "no_match", "score": 0.71, "threshold": 0.6}


def _marriage(store, **kw):
    consent = store.record_consent(text_version="vi-2026.1", purpose="dang-ky-ket-hon")
    theirs = store.record_consent(text_version="vi-2026.1+spouse", language="en",
                                  purpose="party:spouse:chip-read+face-check")
    spouse = Party("spouse", BINH, SPOUSE_FIELDS, SPOUSE_VERDICT, SPOUSE_FACE,
                   Override("staff:nv02", "ảnh trên thẻ chụp từ lâu"), consent_id=theirs.id)
    return store.submit("dang-ky-ket-hon", MARRIAGE, actor="staff:nv01", subject=LAN,
                        consent_id=consent.id, verdict={"status": "genuine"},
                        face={"decision": "match"}, parties=[spouse], **kw)


def test_the_spouse_is_found_and_gets_their_own_part_of_the_form(store, backoffice):
    sub = _marriage(store)
    found = subject.find(store, f" {BINH} ")
    assert [s.reference for s in found.submissions] == [sub.reference]
    assert found.roles == {sub.reference: "spouse"}
    assert found.audit_entries == 2  # submission.party, face.override
    assert subject.find(store, LAN).roles == {sub.reference: "declarant"}
    override = [e for e in store.audit_entries(reference=sub.reference)
                if e.event == "face.override"]
    assert [(e.actor, e.details) for e in override] == [("staff:nv02", {"role": "spouse"})]
    assert store.audit_note(override[0].seq) == "ảnh trên thẻ chụp từ lâu"

    doc = subject.export(store, BINH, actor="technician:kt01")
    (item,) = doc["submissions"]
    assert item["role"] == "spouse"
    assert [f["id"] for f in item["form"]["fields"]] == list(SPOUSE_FIELDS)
    assert item["case"] == {"role": "spouse", "verdict": SPOUSE_VERDICT, "face": SPOUSE_FACE,
                            "override": {"by": "staff:nv02",
                                         "reason": "ảnh trên thẻ chụp từ lâu"},
                            "training": False}
    # their own consent to the read of their card, not the declarant's
    assert {k: item["consent"][k] for k in ("text_version", "purpose", "language")} == {
        "text_version": "vi-2026.1+spouse", "purpose": "party:spouse:chip-read+face-check",
        "language": "en"}
    text = json.dumps(doc, ensure_ascii=False)
    assert "Nguyễn Thị Lan" not in text and LAN not in text and "Hoàn Kiếm" not in text
    assert [e["event"] for e in doc["audit_entries"]] == ["submission.party", "face.override"]
    # the declarant, who filed it: the whole form, their own case (not the spouse's face)
    mine = subject.export(store, LAN, actor="technician:kt01")["submissions"][0]
    assert mine["role"] == "declarant" and mine["form"] == MARRIAGE
    assert mine["consent"]["purpose"] == "dang-ky-ket-hon"
    assert "parties" not in mine["case"] and mine["case"]["face"] == {"decision": "match"}
    # the back office gets each party's verdict, face result and override (not field ids)
    assert deliverer(store, backoffice).run_once().delivered == 1
    (posted,) = backoffice.received.effects.values()
    (party,) = posted["parties"]
    assert party.pop("consent")["purpose"] == "party:spouse:chip-read+face-check"
    assert party == {"role": "spouse", "verdict": SPOUSE_VERDICT, "face": SPOUSE_FACE,
                     "override": {"by": "staff:nv02", "reason": "ảnh trên thẻ chụp từ lâu"}}


def test_erasing_for_the_spouse_erases_the_whole_form_and_tells_the_declarant(
        store, backoffice, clock):
    sent = _marriage(store)
    assert deliverer(store, backoffice).run_once().delivered == 1
    waiting = _marriage(store)  # not delivered yet
    attach_pdf(store, waiting.reference, b"%PDF-1.7 both partners")
    e = subject.erase(store, BINH, actor="technician:kt01", retention_days=180)
    assert e.references == e.as_party == (sent.reference, waiting.reference)
    assert e.delivered == (sent.reference,)  # the back office is asked to erase its copy
    assert e.not_delivered == (waiting.reference,)  # the declarant must apply again
    for ref in e.references:
        with pytest.raises(Purged):
            store.get(ref)
        assert store.submission(ref).status == "purged"
    with store.transaction() as s:
        assert s.scalar(select(func.count()).select_from(SubmissionPartyRow)) == 0
        assert set(s.scalars(select(SubmissionRow.purge_reason))) == {"party_request"}
    assert deliverer(store, backoffice).run_once().attempted == 0  # never sent half a form
    assert subject.find(store, BINH).submissions == ()
    # the declarant's own request later shows what became of their forms, and why
    lan = subject.export(store, LAN, actor="technician:kt01")
    assert lan["submissions"] == []
    erased = [x for x in lan["audit_entries"] if x["event"] == "submission.erased"]
    assert [(x["reference"], x["details"]) for x in erased] == [
        (sent.reference, {"reason": "party_request", "role": "spouse", "delivered": True}),
        (waiting.reference, {"reason": "party_request", "role": "spouse",
                             "delivered": False})]
    assert store.audit_entries(event="subject.erased")[0].details == {
        "submissions": 2, "already_delivered": 1, "as_party": 2, "pseudonyms_erased": 0}
    assert store.verify_audit().ok


def test_retention_clears_the_parties_pseudonyms_with_the_form(store, backoffice, clock):
    _marriage(store)
    assert deliverer(store, backoffice).run_once().delivered == 1
    clock.advance(days=31)
    assert len(store.purge(after_delivery_days=30, undelivered_days=90).purged_ids) == 1
    assert subject.find(store, BINH).submissions == ()
    with store.transaction() as s:
        assert s.scalar(select(func.count()).select_from(SubmissionPartyRow)) == 0


def test_parties_are_checked_and_the_declarant_is_indexed_once(store):
    with pytest.raises(StoreError, match="role must be"):
        store.submit("svc", {}, actor="citizen", subject=LAN, parties=[Party("Vợ", BINH)])
    with pytest.raises(StoreError, match="role must be"):
        store.submit("svc", {}, actor="citizen", subject=LAN, parties=[Party("declarant")])
    with pytest.raises(StoreError, match="given once"):
        store.submit("svc", {}, actor="citizen", subject=LAN,
                     parties=[Party("mother", BINH), Party("mother", BINH)])
    with pytest.raises(StoreError, match="must name the staff member"):
        store.submit("svc", {}, actor="citizen", subject=LAN,
                     parties=[Party("spouse", BINH, override=Override("staff", "x"))])
    # "that's me" (a mother registering her own child): one pseudonym, as declarant
    sub = store.submit("khai-sinh", {}, actor="citizen", subject=LAN,
                       parties=[Party("mother", f"{LAN} ")])
    assert subject.find(store, LAN).roles == {sub.reference: "declarant"}
    assert subject.find(store, LAN).audit_entries == 1  # submission.created only


def test_the_subject_command_finds_and_erases_for_another_party(tmp_path, monkeypatch,
                                                                capsys):
    cfg = tmp_path / "kiosk.toml"
    set_value("store.url", f"sqlite:///{tmp_path / 'db.sqlite3'}", cfg)
    set_value("store.key_file", str(tmp_path / "store.key"), cfg)
    store = open_store_from_config(load_config(cfg))
    Accounts(store, kdf=KdfParams(1024, 1)).add("kt01", "technician", "482913", by=None)
    sub = _marriage(store)
    store.close()

    def run(*argv: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
        return main(["store", "subject", "--as", "kt01", "--config", str(cfg), "--id", BINH,
                     *argv])

    assert run() == 0
    out = capsys.readouterr().out
    assert f"{sub.reference}  dang-ky-ket-hon  pending  " in out
    assert out.splitlines()[0].endswith(" UTC  spouse")
    assert run("--erase") == 0
    out = capsys.readouterr().out
    assert f"this person was another party (a spouse, a parent) of {sub.reference}: the " \
           "whole form was erased on this kiosk, the declarant's data with it" in out
    assert f"never delivered: {sub.reference}: the declarant's application ends here" in out
    assert run("--erase", "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["kind"], doc["references"], doc["as_party"], doc["not_delivered"]) == (
        "store.subject.erase", [], [], [])
