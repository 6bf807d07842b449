"""A broken or hostile card: random answers must end in a Document or a typed error, never a
crash or a hang (DESIGN.md: "a malformed answer from a card is an error with a clear message")."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao.apdu import Response
from icao.errors import IcaoError
from icao.reader import read
from tests.icao.chip.support import can_key, make_chip, mrz_key


class _Garbling:
    """The real chip for the first `honest` APDUs, then the drawn answers (then 6F00)."""

    def __init__(self, chip, honest: int, answers: list[bytes]):
        self.chip, self.honest, self.answers, self.sent = chip, honest, list(answers), 0

    def transmit(self, apdu: bytes) -> Response:
        self.sent += 1
        if self.sent > 400:
            raise AssertionError("the reader does not stop talking to a broken card")
        if self.sent <= self.honest:
            return Response.from_bytes(self.chip(apdu))
        raw = self.answers.pop(0) if self.answers else b"\x6f\x00"
        if len(raw) < 2:
            raw += b"\x90\x00"
        return Response.from_bytes(raw)

    def reconnect(self) -> None:
        self.chip.power_on()


_answers = st.lists(st.one_of(
    st.binary(max_size=40),
    st.sampled_from([b"\x90\x00", b"\x62\x82", b"\x67\x00", b"\x6c\x00", b"\x6c\x10",
                     b"\x69\x88", b"\x6a\x82", b"\x63\xc1", b"\x61\x10"]),
    st.binary(min_size=1, max_size=30).map(lambda b: b"\x7c" + bytes([len(b)]) + b + b"\x90\x00"),
), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(honest=st.integers(0, 22), answers=_answers, bac=st.booleans())
def test_random_answers_end_in_a_document_or_a_typed_error(honest, answers, bac):
    chip = make_chip(access="bac") if bac else make_chip()
    chip.power_on()
    key = mrz_key(chip) if bac else can_key(chip)
    try:
        read(_Garbling(chip, honest, answers), key)
    except IcaoError:
        pass
