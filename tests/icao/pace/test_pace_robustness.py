"""A hostile peer cannot make either PACE side fail with anything but a status word (chip) or a
typed IcaoError (terminal)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao.apdu import Command, Response
from icao.errors import IcaoError
from icao.pace import PaceChip, establish
from icao.pace.messages import build_dynamic_auth, build_set_at
from tests.icao.pace.pace_support import ChipLink

GM = "0.4.0.127.0.7.2.2.4.2.2"
IM_DH = "0.4.0.127.0.7.2.2.4.3.1"
_tags = st.sampled_from([0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x8A, 0x7C, 0x04])
_objects = st.lists(st.tuples(_tags, st.binary(max_size=140)), max_size=3)
_data = st.one_of(st.binary(max_size=200), _objects.map(lambda o: build_dynamic_auth(*o)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(_data, st.booleans()), min_size=1, max_size=5))
def test_chip_answers_any_input_with_a_status_word(steps):
    chip = PaceChip(b"123456", 2, GM, 13)
    assert chip.mse_set_at(build_set_at(GM, 2, 13)) == 0x9000
    for data, last in steps:
        rsp, sw = chip.general_authenticate(data, last=last)
        assert isinstance(rsp, bytes) and 0x6000 <= sw <= 0x9FFF
    assert chip.result is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(step=st.integers(1, 4), data=_data, sw=st.sampled_from([0x9000, 0x6300, 0x6A80, 0x6982]),
       oid=st.sampled_from([GM, IM_DH]))
def test_terminal_raises_only_typed_errors(step, data, sw, oid):
    pid = 13 if oid == GM else 0
    link = ChipLink(PaceChip(b"123456", 2, oid, pid))
    count = 0

    def send(cmd: Command) -> Response:
        nonlocal count
        rsp = link(cmd)
        if cmd.ins == 0x86:
            count += 1
            if count == step:
                return Response(data, sw)
        return rsp

    try:
        establish(send, b"123456", 2, oid, pid)
    except IcaoError:
        pass
