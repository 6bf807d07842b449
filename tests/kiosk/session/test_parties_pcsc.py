"""Two-person services through pcscd: two emulated people's cards in turn in the vpcd reader.

The kiosk core runs without a window (kiosk.soak.run_due_work: the same `perform` calls the Qt
window makes), the reader's real card events drive the session (collected from the monitor's
thread, applied on the test's), the face check runs against the demo file camera, and every
session ends in a real encrypted submission. One core and its chips serve the module.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest

from icao.chip import EmulatedChip
from kiosk.capture.keys import key_from_can
from kiosk.core import KioskCore
from kiosk.demo import DEMO_READER
from kiosk.problems import Problem
from kiosk.records import party_consent_purpose
from kiosk.session import Step
from kiosk.soak import run_due_work, soak_config
from nfc.readers import wait_card_present

from .people import HUSBAND, WIFE, chip

pytestmark = pytest.mark.pcsc


class Kiosk:
    """The core, the chips, and the reader events waiting to be applied to the session."""

    def __init__(self, core: KioskCore) -> None:
        self.core = core
        self.s = core.session
        self.events: queue.Queue[str] = queue.Queue()
        self.citizen = core.demo_chip
        self.husband = chip(HUSBAND)
        self.wife = chip(WIFE)
        core.reading.readers.watch(lambda _r: self.events.put("present"),
                                   lambda _r: self.events.put("removed"))

    def deliver(self, until: str) -> None:
        """Apply the reader's events, in order, up to and including the first `until`."""
        while True:
            event = self.events.get(timeout=10)
            if event == "present":
                self.s.card_present()
            else:
                self.s.card_removed()
            if event == until:
                return

    def place(self, card: EmulatedChip | None) -> None:
        """Take the card in the reader out (the session sees it leave) and put `card` in."""
        if self.core.virtual_card is not None:
            self.core.place_demo_card(None)
            assert wait_card_present(DEMO_READER, False, 10)
            self.deliver("removed")
        if card is not None:
            self.core.place_demo_card(card)
            assert wait_card_present(DEMO_READER, True, 10)
            self.deliver("present")

    def declarant(self, service: str, card: EmulatedChip) -> None:
        """A new citizen with `card` files for `service`, up to their face check passed."""
        if self.core.demo_chip is not card or self.core.virtual_card is None:
            self.place(card)
            self.core.demo_chip = card
        self.s.start("vi")
        consent = self.core.records.record_consent(language="vi", text="test consent")
        self.s.consent(True, consent_id=consent.id)
        self.s.choose_service(service)
        self.s.set_access_key(key_from_can(card.access_data.can))
        run_due_work(self.core)  # the reader check, the read, the face check
        assert self.s.step is Step.PARTY, self.s.error

    def party_card(self, card: EmulatedChip) -> None:
        """At a party step: read `card`, swapped in for the one on the reader."""
        role = self.s.party_spec.role
        consent = self.core.records.record_consent(language="vi", text="party consent",
                                                   purpose=party_consent_purpose(role))
        self.s.party_read_card(consent_id=consent.id)
        self.s.set_access_key(key_from_can(card.access_data.can))
        run_due_work(self.core)  # the reader holds the card already read: nothing is read
        assert self.s.step is Step.PLACE_CARD and self.s.previous_card_on_reader
        self.place(card)  # the first card leaves (no wipe), the second arrives: the read
        self.core.demo_chip = card
        run_due_work(self.core)  # the read and the party's face check

    def submit(self, fields: dict[str, str]) -> dict:
        """Fill the typed fields, confirm, store; returns the stored form."""
        for key, value in fields.items():
            self.s.edit_field(key, value)
        draft = self.s.personal.draft
        assert draft is not None and draft.valid, (draft.errors, draft.form_errors)
        self.s.confirm()
        run_due_work(self.core)
        assert self.s.step is Step.RECEIPT, self.s.error
        reference = self.s.reference
        self.last_reference = reference
        self.s.finish()
        assert not self.s.personal.holds_anything()
        return self.core.store().get(reference)


@pytest.fixture(scope="module")
def kiosk(pcscd, tmp_path_factory) -> Iterator[Kiosk]:
    assert wait_card_present(DEMO_READER, False, 5)
    core = KioskCore(soak_config(tmp_path_factory.mktemp("parties")), demo=True)
    core.start_demo()  # the built-in citizen; the demo camera shows her face
    assert wait_card_present(DEMO_READER, True, 10)
    yield Kiosk(core)
    core.shutdown()
    wait_card_present(DEMO_READER, False, 5)


def _fields(stored: dict) -> dict[str, str | None]:
    return {f["id"]: f["value"] for f in stored["fields"]}


def test_marriage_with_both_cards(kiosk):
    k = kiosk
    k.declarant("dang-ky-ket-hon", k.citizen)
    assert k.s.party_spec.card_label("vi") == "Thẻ của vợ/chồng"
    k.party_card(k.husband)
    assert k.s.step is Step.REVIEW, k.s.error
    assert k.s.personal.parties["spouse"].face.accepted  # the spouse's own face check
    assert k.s.personal.parties["spouse"].read.verdict.status == "genuine"
    form = _fields(k.submit({"kinh_gui": "UBND phường Hoàn Kiếm"}))
    assert form["woman_ho_ten"] == "Nguyễn Thị Thử Nghiệm"
    assert form["man_ho_ten"] == "Lê Văn Thử"
    assert form["man_so_dinh_danh"] == HUSBAND["id_number"]
    # each partner's own consent is sealed with the form: the spouse's names what they agreed to
    case = k.core.store().case(k.last_reference)
    (spouse,) = case["parties"]
    assert case["consent"]["purpose"] == "chip-read+face-check+form"
    assert (spouse["role"], spouse["consent"]["purpose"]) == (
        "spouse", "party:spouse:chip-read+face-check")
    assert spouse["consent"]["id"] != case["consent"]["id"]


def test_a_party_card_read_without_their_consent_stores_nothing(kiosk):
    k = kiosk
    k.declarant("dang-ky-ket-hon", k.citizen)
    k.s.party_read_card()  # no consent_id: what a window that skipped the record would do
    k.s.set_access_key(key_from_can(k.husband.access_data.can))
    run_due_work(k.core)
    k.place(k.husband)
    k.core.demo_chip = k.husband
    run_due_work(k.core)
    assert k.s.step is Step.REVIEW, k.s.error
    k.s.edit_field("kinh_gui", "UBND phường Hoàn Kiếm")
    before = len(k.core.records.todays())
    k.s.confirm()
    run_due_work(k.core)
    assert (k.s.step, k.s.error.code, k.s.reference) == (Step.ERROR, Problem.SUBMIT_FAILED,
                                                            None)
    assert len(k.core.records.todays()) == before  # nothing stored
    k.s.cancel()
    assert not k.s.personal.holds_anything()


def test_birth_registration_with_a_parents_card(kiosk):
    k = kiosk
    k.declarant("dang-ky-khai-sinh", k.citizen)
    assert k.s.personal.current == "mother"
    k.s.party_is_declarant()  # the citizen registers her own child
    assert k.s.personal.current == "father"
    k.party_card(k.husband)
    assert k.s.step is Step.REVIEW, k.s.error  # the child has no card: typed at review
    stored = k.submit({"kinh_gui": "UBND phường Hoàn Kiếm", "quan_he": "Mẹ",
                       "tre_ho_ten": "Lê Thị Bé", "tre_ngay_sinh": "02/01/2026",
                       "tre_gioi_tinh": "Nữ", "tre_dan_toc": "Kinh",
                       "noi_sinh_tre": "Bệnh viện Phụ sản Hà Nội"})
    form = _fields(stored)
    assert form["mother_ho_ten"] == "Nguyễn Thị Thử Nghiệm"
    assert (form["father_ho_ten"], form["father_nam_sinh"]) == ("Lê Văn Thử", "1988")
    assert stored["verification"]["parties"] == [
        {"role": "mother", "input": "declarant", "pa_passed": None},
        {"role": "father", "input": "card", "pa_passed": True},
        {"role": "child", "input": "none", "pa_passed": None}]


def test_death_registration_with_the_deceased_number_typed(kiosk):
    k = kiosk
    k.declarant("dang-ky-khai-tu", k.citizen)
    assert k.s.personal.current == "deceased" and not k.s.party_options().read
    assert k.s.party_type_id(HUSBAND["id_number"]) is True
    assert k.s.step is Step.REVIEW
    stored = k.submit({"kinh_gui": "UBND phường Hoàn Kiếm", "quan_he": "Vợ",
                       "nguoi_chet_ho_ten": "Lê Văn Thử", "nguoi_chet_ngay_sinh": "12/03/1988",
                       "nguoi_chet_gioi_tinh": "Nam", "nguoi_chet_dan_toc": "Kinh",
                       "nguoi_chet_quoc_tich": "Việt Nam",
                       "nguoi_chet_noi_cu_tru": HUSBAND["residence"],
                       "thoi_gian_chet": "08 giờ 30 ngày 10/01/2026",
                       "noi_chet": "Bệnh viện Bạch Mai"})
    form = _fields(stored)
    assert form["nguoi_chet_so_dinh_danh"] == HUSBAND["id_number"]
    assert stored["verification"]["parties"] == [
        {"role": "deceased", "input": "typed", "pa_passed": None}]


def test_linked_birth_residence_health_insurance_with_the_mothers_card(kiosk):
    k = kiosk
    k.declarant("lien-thong-khai-sinh-thuong-tru-bhyt", k.husband)  # the father files
    assert k.s.personal.current == "mother"
    assert not k.s.party_options().is_me  # a man cannot be the mother
    k.party_card(k.wife)
    assert k.s.step is Step.PARTY and k.s.personal.current == "father", k.s.error
    k.s.party_is_declarant()
    assert k.s.step is Step.REVIEW
    draft = k.s.personal.draft
    fields = {v.key: v for v in draft.fields}
    assert fields["mother_ho_ten"].value == "Trần Thị Giả Định"
    assert fields["father_ho_ten"].value == "Lê Văn Thử"
    typed = {"kinh_gui": "UBND phường Hoàn Kiếm", "quan_he": "Cha",
             "tre_ho_ten": "Lê Văn Bé", "tre_ngay_sinh": "03/01/2026", "tre_gioi_tinh": "Nam",
             "tre_dan_toc": "Kinh", "noi_sinh_tre": "Bệnh viện Phụ sản Hà Nội",
             "dia_chi_thuong_tru_tre": HUSBAND["residence"],
             "noi_kcb_ban_dau": "Bệnh viện Đa khoa Hà Đông"}
    required = {f.id for f in draft.fields if f.errors} - set(typed)
    assert required == set(), required
    form = _fields(k.submit(typed))
    assert form["mother_so_dinh_danh"] == WIFE["id_number"]
    assert form["father_so_dinh_danh"] == HUSBAND["id_number"]


def test_the_spouses_face_mismatch_accepted_by_staff_is_audited_for_the_spouse(kiosk):
    k = kiosk
    impostor = chip(HUSBAND, face="biden.jpg")  # the card's photo is not who the camera sees
    k.declarant("dang-ky-ket-hon", k.citizen)
    k.party_card(impostor)
    assert k.s.step is Step.ERROR and k.s.error.code == "face_failed"
    assert k.s.personal.read.identity.id_number == HUSBAND["id_number"]  # staff see the spouse
    k.s.staff_override_face("Đã đối chiếu giấy khai sinh của người chồng", by="staff:nv01")
    assert k.s.step is Step.REVIEW
    k.s.edit_field("kinh_gui", "UBND phường Hoàn Kiếm")
    k.s.confirm()
    run_due_work(k.core)
    reference = k.s.reference
    k.s.finish()
    store = k.core.store()
    (entry,) = [e for e in store.audit_entries(reference=reference)
                if e.event == "face.override"]
    assert store.audit_note(entry.seq) == "Đã đối chiếu giấy khai sinh của người chồng"
    assert "người chồng" not in str(entry.details)
    assert store.verify_audit().ok
    # the spouse is a data subject of the form too: their request finds it, and their
    # export holds their column of the form and their own face result, not the first
    # partner's data
    from kiosk.store import subject

    roles = subject.find(store, HUSBAND["id_number"]).roles  # the module's earlier forms too
    assert roles[reference] == "spouse"
    assert [e.subject_hmac for e in store.audit_entries(subject=HUSBAND["id_number"])
            if e.event == "face.override"] == [entry.subject_hmac]
    (mine,) = [x for x in subject.export(store, HUSBAND["id_number"],
                                         actor="technician:kt01")["submissions"]
               if x["reference"] == reference]
    assert {f["id"] for f in mine["form"]["fields"]} == {
        "man_ho_ten", "man_ngay_sinh", "man_dan_toc", "man_quoc_tich", "man_noi_cu_tru",
        "man_so_dinh_danh", "man_ngay_cap"}
    assert mine["case"]["face"]["accepted"] is False
    assert mine["case"]["verdict"]["status"] == "genuine"
    assert k.citizen.person.id_number not in str(mine)
