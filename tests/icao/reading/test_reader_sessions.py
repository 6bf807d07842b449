"""Sessions that survive the field (issue 15 item 2) and no false "cloned" (issue 14 item 4),
against a chip that ends secure messaging on any error (tests/icao/reader_support.Strict):
the reader re-establishes the session (PACE or BAC again), reselects and continues at the
offset; active authentication that cannot be carried is "not_possible", never "failed"."""

from __future__ import annotations

import pytest

from icao.chip import ChipTransport
from icao.errors import AccessDenied, CardRemoved, IcaoError, ReadTimeout
from icao.genuine import assess
from icao.reader import DEFAULT_FILES, ReadOptions, read
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key
from tests.icao.reading.reader_support import Strict, lenient

STRICT = "ends-sm-on-error"


def _read(handler, key, **kw):
    log: list = []
    t = ChipTransport(handler, log=log, fail_at=kw.pop("fail_at", ()))
    return read(t, key, **kw), t, log


def _extended(cmd: bytes) -> bool:
    return len(cmd) > 6 and cmd[4] == 0


@pytest.mark.parametrize("plain_errors", [False, True])
def test_probing_extended_length_on_a_strict_chip_costs_one_session_restart(plain_errors):
    # the chip's own quirks (icao.chip.quirks): ends SM on any error, plain error words
    chip = make_chip(quirks={STRICT, "ext-length-refused",
                             *(("plain-errors",) if plain_errors else ())})
    doc, _t, log = _read(chip, can_key(chip))
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.session_restarts == 1 and doc.reconnects == 0
    assert doc.capabilities.extended_length is False
    assert doc.capabilities.source == "learned"
    # after the refusal no extended APDU is sent again
    first_ext = next(i for i, (c, _) in enumerate(log) if _extended(c))
    assert not any(_extended(c) for c, _ in log[first_ext + 1:])
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"


def test_the_read_continues_at_the_offset_reached_after_a_restart():
    strict = Strict(lenient(ext_length=False))
    doc, _t, log = _read(strict, can_key(strict), options=ReadOptions(chip_auth=False,
                                                                      active_auth=False))
    assert doc.session_restarts == 1
    refused = next(i for i, (c, _) in enumerate(log) if _extended(c))
    offset = log[refused][0][2] << 8 | log[refused][0][3]
    assert offset > 0  # the first chunk came by SFI, short: the refusal is mid-file
    later = [c for c, _ in log[refused + 1:] if c[1] == 0xB0 and not c[2] & 0x80]
    assert (later[0][2] << 8 | later[0][3]) == offset  # reselected, same offset


def test_absent_files_on_a_chip_that_ends_the_session_on_6a82():
    strict = Strict(lenient())
    doc, _t, _log = _read(strict, can_key(strict), files=("DG1", "DG11", "DG12", "DG2"))
    assert doc.absent == ("DG11", "DG12")
    assert doc.files["DG2"] == chip_file(strict.chip, "DG2")
    assert doc.session_restarts >= 2 and strict.ended >= 2


def test_a_strict_chip_read_with_bac_restarts_with_bac():
    strict = Strict(lenient(access="bac", ext_length=False))
    doc, _t, _log = _read(strict, mrz_key(strict))
    assert doc.access.protocol == "BAC" and doc.session_restarts == 1
    assert all(doc.files[n] == chip_file(strict.chip, n) for n in DEFAULT_FILES)


def test_no_extended_apdu_when_the_reader_profile_forbids_it_and_no_restart():
    strict = Strict(lenient(ext_length=False))
    doc, _t, log = _read(strict, can_key(strict), options=ReadOptions(extended=False))
    assert not any(_extended(c) for c, _ in log)
    assert doc.session_restarts == 0 and strict.ended == 0
    assert (doc.capabilities.extended_length, doc.capabilities.source) == (False,
                                                                           "reader profile")


@pytest.mark.parametrize("aa_key,max_read", [("rsa1024", 223), ("ecdsa-p256", 223),
                                             ("rsa1024", 65536)])
def test_active_authentication_fits_a_short_apdu_on_a_chip_without_extended_length(
        aa_key, max_read):
    strict = Strict(lenient(ext_length=False, aa_key=aa_key))
    doc, _t, _log = _read(strict, can_key(strict), options=ReadOptions(max_read=max_read))
    assert doc.active_auth.status == "passed", doc.active_auth


def test_rsa_2048_without_extended_length_is_not_possible_never_failed():
    """The false "cloned" of issue 14: a genuine chip whose 256-byte signature cannot be
    carried without extended length."""
    from datetime import UTC, datetime

    from icao.pki import TrustStore, verify

    strict = make_chip(quirks={STRICT, "ext-length-refused"}, aa_key="rsa2048")
    doc, _t, _log = _read(strict, can_key(strict), options=ReadOptions(chip_auth=False))
    assert doc.active_auth.status == "not_possible", doc.active_auth
    assert "could not be carried" in doc.active_auth.reason
    trust = TrustStore()
    trust.add_csca(strict.files.csca_der)
    trust.add_crl(strict.files.crl_der)
    verdict = assess(doc, verify(doc.files, trust, datetime.now(UTC)))
    assert verdict.status != "cloned"


def test_rsa_2048_with_extended_length_passes_on_a_strict_chip():
    strict = Strict(lenient(aa_key="rsa2048"))
    doc, _t, _log = _read(strict, can_key(strict))
    assert doc.active_auth.status == "passed" and doc.session_restarts == 0


def test_a_session_lost_mid_aa_is_re_established_and_aa_retried_once():
    chip = make_chip()
    reference, t, _ = _read(chip, can_key(chip))
    index = t.sent - 1  # INTERNAL AUTHENTICATE is the read's last APDU
    chip.power_on()
    strict = Strict(lenient())

    def ends_at(apdu: bytes, count=[0]) -> bytes:  # noqa: B006 - a counter for this test
        count[0] += 1
        if count[0] == index + 1:
            strict.chip.power_on()  # the chip loses the session right at AA
            return b"\x69\x88"
        return strict(apdu)

    ends_at.power_on = strict.power_on  # type: ignore[attr-defined]
    doc, _t2, _ = _read(ends_at, can_key(strict))
    assert doc.active_auth.status == "passed" and doc.session_restarts == 1


def test_a_session_lost_at_every_aa_is_not_possible():
    strict = Strict(lenient())

    def always_lost(apdu: bytes) -> bytes:
        if len(apdu) > 1 and apdu[1] == 0x88:  # INTERNAL AUTHENTICATE
            strict.chip.power_on()
            return b"\x69\x88"
        return strict(apdu)

    always_lost.power_on = strict.power_on  # type: ignore[attr-defined]
    doc, _t, _ = _read(always_lost, can_key(strict))
    assert doc.active_auth.status == "not_possible"
    assert "lost during active authentication twice" in doc.active_auth.reason
    assert doc.chip_auth.status == "passed"


def test_a_known_good_key_refused_on_re_open_resets_the_card_before_pace_again():
    strict = Strict(lenient(ext_length=False))
    mse = []

    def flaky(apdu: bytes) -> bytes:
        if len(apdu) > 3 and apdu[1] == 0x22 and apdu[2] == 0xC1:  # PACE MSE:Set AT
            mse.append(len(mse))
            if len(mse) == 2:
                return b"\x6a\x80"  # the re-open after the session loss fails once
        return strict(apdu)

    flaky.power_on = strict.power_on  # type: ignore[attr-defined]
    doc, t, _ = _read(flaky, can_key(strict))
    assert len(mse) == 3 and t.reconnects == 1  # PACE, failed PACE, reset, PACE
    assert doc.session_restarts == 1
    assert any("the card was reset" in w for w in doc.warnings)


def test_a_wrong_can_is_never_retried():
    strict = Strict(lenient())
    with pytest.raises(AccessDenied):
        _read(strict, can_key(strict).__class__.from_can("000000"))
    assert strict.chip._tries == 2  # noqa: SLF001 - one try spent, not more


@pytest.mark.parametrize("kind", ["pace", "bac"])
def test_card_pulled_at_every_apdu_index_under_the_strict_chip(kind):
    chip = make_chip(access="bac" if kind == "bac" else "both",
                     quirks={STRICT, "app-stays-selected", "ext-length-refused"})
    key = mrz_key(chip) if kind == "bac" else can_key(chip)
    reference, t, _ = _read(chip, key)
    assert reference.session_restarts == 1  # the refused extended read
    total, resumed = t.sent, 0
    for index in range(total):
        chip.power_on()
        try:
            doc, t2, _ = _read(chip, key, fail_at={index})
        except CardRemoved:
            continue
        resumed += 1
        assert doc.files == reference.files, index
        assert doc.chip_auth.status == "passed", index
        assert doc.active_auth.status == "passed", index
    assert resumed == total


def test_one_deadline_bounds_the_whole_read():
    chip = make_chip()
    ticks = iter(range(10_000))
    with pytest.raises(ReadTimeout) as err:
        _read(chip, can_key(chip), options=ReadOptions(deadline_s=5.0,
                                                       clock=lambda: float(next(ticks))))
    assert "within 5 s" in err.value.message and isinstance(err.value, IcaoError)


def test_back_to_back_reads_of_a_card_that_keeps_its_application_selected(virtual_card):
    """Issue 15: close() left the card powered with the eMRTD application selected, and the
    next read's EF.CardAccess got 6A82 ("card does not offer PACE"). The transport now
    resets the card on connect and on close; without that the second read fails."""
    from icao.errors import UnsupportedProtocol
    from nfc.transport import PcscTransport

    strict = Strict(lenient())
    hooks = dict(atr=strict.atr, on_power_on=strict.power_on, on_power_off=strict.power_on,
                 on_reset=strict.power_on)
    with virtual_card(strict, **hooks) as card:
        docs = []
        for _ in range(3):
            with PcscTransport(card.reader) as t:
                docs.append(read(t, can_key(strict)))
        assert all(d.files == docs[0].files and d.session_restarts == 0 for d in docs)
        assert all(d.active_auth.status == "passed" for d in docs)
        # the same two reads without the resets: the card keeps the first read's state
        with PcscTransport(card.reader, reset=False) as t:
            read(t, can_key(strict), files=("DG1",))
        with PcscTransport(card.reader, reset=False) as t, \
                pytest.raises(UnsupportedProtocol, match="does not offer PACE"):
            read(t, can_key(strict), files=("DG1",))


def test_a_reader_that_answers_a_silent_card_with_6f00_gives_card_silent():
    """Some readers turn the chip's silence into a plain 6F00 (issue 15's reader models): the
    session is gone, and when re-opening meets 6F00 again the card is silent, not broken."""
    from icao.errors import CardSilent

    chip = make_chip()
    sent = [0]

    def goes_silent(apdu: bytes) -> bytes:
        sent[0] += 1
        return chip(apdu) if sent[0] <= 12 else b"\x6f\x00"

    goes_silent.power_on = chip.power_on  # type: ignore[attr-defined]
    with pytest.raises(CardSilent, match="does not answer"):
        _read(goes_silent, can_key(chip))


@pytest.mark.parametrize("access", ["pace", "bac"])
@pytest.mark.parametrize("ext_length", [True, False])
@pytest.mark.parametrize("plain_errors", [False, True])
def test_strict_chip_through_pcscd_reads_byte_for_byte(virtual_card, access, ext_length,
                                                        plain_errors):
    """The strict chip (ends SM on any error) x extended length announced or not x PACE/BAC
    x errors answered in plain, through pyscard -> pcscd -> vpcd, with DG11 asked for but
    absent: every file byte for byte, both proofs passed, the ATR honoured."""
    from nfc.transport import PcscTransport

    chip = lenient(access=access if access == "bac" else "both", ext_length=ext_length)
    strict = Strict(chip, plain_errors=plain_errors)
    key = mrz_key(chip) if access == "bac" else can_key(chip)
    hooks = dict(atr=strict.atr, on_power_on=strict.power_on, on_power_off=strict.power_on,
                 on_reset=strict.power_on)
    with virtual_card(strict, **hooks) as card, PcscTransport(card.reader) as t:
        doc = read(t, key, files=(*DEFAULT_FILES, "DG11"))
    assert doc.access.protocol == access.upper()
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.absent == ("DG11",)
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"
    assert (doc.capabilities.extended_length, doc.capabilities.source) == (ext_length, "atr")
    assert doc.session_restarts == strict.ended  # each end of session cost one restart


def test_many_absent_files_on_a_chip_that_ends_the_session_each_time_are_all_read():
    strict = Strict(lenient(), plain_errors=True)
    files = ("DG1", "DG5", "DG6", "DG7", "DG8", "DG9", "DG10", "DG11", "DG12", "DG16", "DG2")
    doc, _t, _log = _read(strict, can_key(strict), files=files,
                          options=ReadOptions(max_restarts=2))
    assert doc.absent == files[1:-1]
    assert doc.files["DG2"] == chip_file(strict.chip, "DG2")
    assert doc.session_restarts >= 9


def test_a_chip_that_ends_every_session_at_once_is_given_up():
    from icao.errors import SessionLost

    chip = make_chip()

    def hopeless(apdu: bytes) -> bytes:
        if chip.secure and apdu[1] == 0xA4 and apdu[2] == 0x04:  # SELECT of the application
            chip.power_on()
            return b"\x69\x88"
        return chip(apdu)

    hopeless.power_on = chip.power_on  # type: ignore[attr-defined]
    with pytest.raises(SessionLost):
        _read(hopeless, can_key(chip), options=ReadOptions(max_restarts=3))


def test_a_chip_that_answers_6b00_past_the_end_of_a_file_is_read_by_its_header():
    """'EOF as 6B00': a first READ BINARY asking more than a small file holds is refused
    instead of answered 6282 with the bytes there are; on a strict chip it also ends the
    session. The reader asks for the TLV header, then exactly the rest."""
    chip = lenient()
    strict = Strict(chip)

    def eof_6b00(apdu: bytes) -> bytes:
        answer = strict(apdu)
        if answer[-2:] == b"\x62\x82" and not chip.secure:
            return b"\x6b\x00"  # plain: the SM layer of this chip counted the command
        if answer[-2:] == b"\x62\x82":
            strict._end_session()  # noqa: SLF001
            return b"\x6b\x00"
        return answer

    eof_6b00.power_on = strict.power_on  # type: ignore[attr-defined]
    doc, _t, _log = _read(eof_6b00, can_key(chip))
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"


def test_a_file_ef_com_does_not_list_costs_one_apdu_and_at_most_one_restart():
    chip = make_chip(profile="td3-passport", quirks={STRICT})  # a passport has no DG13
    doc, _t, log = _read(chip, mrz_key(chip))
    assert doc.absent == ("DG13",) and doc.session_restarts == 1
    dg13 = [st for st in doc.steps if st.name == "read:DG13"]
    assert [st.apdus for st in dg13] == [1]  # EF.COM agrees with the 6A82: no SELECT
