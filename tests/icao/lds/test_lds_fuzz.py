"""Hostile bytes: every LDS parser raises ParseError and nothing else (random input, and
real files with bytes flipped, cut or inserted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao.errors import ParseError
from icao.lds.card_security import parse_card_security
from icao.lds.com import parse_com
from icao.lds.dg1 import parse_dg1
from icao.lds.dg2 import parse_dg2
from icao.lds.dg11 import parse_dg11
from icao.lds.dg12 import parse_dg12
from icao.lds.dg15 import parse_dg15
from icao.lds.dg16 import parse_dg16
from icao.lds.security_infos import parse_security_infos
from icao.lds.sod import parse_sod
from icao.pki.cert import parse_certificate
from icao.pki.crl import parse_crl
from tests.conftest import DATA

_LDS = DATA / "vectors" / "lds"  # collection time: as the `vectors` fixture
REAL = _LDS / "gmrtd_real_documents_sod"
MISC = _LDS / "icao9303_p10_and_misc_examples"

SEEDS = [
    (parse_com, MISC / "EF.COM_9303p10_A1_case1.bin"),
    (parse_dg1, MISC / "DG1_TD1_9303p10_A2-1_corrected.bin"),
    (parse_dg2, MISC / "DG2_ISO39794-5_AllFields.bin"),
    (parse_dg11, MISC / "DG11_9303p10_A5.bin"),
    (parse_dg12, REAL / "FR/DG12.bin"),
    (parse_security_infos, REAL / "DE/DG14.bin"),
    (parse_security_infos, REAL / "DE/EF.CardAccess.bin"),
    (parse_card_security, REAL / "DE/EF.CardSecurity.bin"),
    (parse_dg15, REAL / "NZ/DG15.bin"),
    (parse_dg16, MISC / "DG16_9303p10_A6.bin"),
    (parse_sod, REAL / "DE/EF.SOD.bin"),
    (parse_sod, REAL / "US/EF.SOD.bin"),
]
PARSERS = [parse_com, parse_dg1, parse_dg2, parse_dg11, parse_dg12, parse_security_infos,
           parse_card_security, parse_dg15, parse_dg16, parse_sod, parse_certificate, parse_crl]

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _only_parse_errors(parser, data: bytes) -> None:  # type: ignore[no-untyped-def]
    try:
        result = parser(data)
    except ParseError:
        return
    except Exception as exc:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{parser.__name__} raised {type(exc).__name__}: {exc}")
    # Parsed: lazily decoded parts must not blow up later either (DG2's portrait header).
    repr(result)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@FAST
@given(data=st.binary(max_size=300))
def test_random_bytes(parser, data: bytes) -> None:  # type: ignore[no-untyped-def]
    _only_parse_errors(parser, data)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@FAST
@given(body=st.binary(max_size=200), tag=st.sampled_from(
    [0x30, 0x31, 0x60, 0x61, 0x6B, 0x6C, 0x6E, 0x6F, 0x75, 0x77]))
def test_plausible_tlv_wrappers(parser, body: bytes, tag: int) -> None:  # type: ignore[no-untyped-def]
    from icao import tlv

    _only_parse_errors(parser, tlv.encode(tag, body))


@pytest.mark.parametrize(("parser", "path"), SEEDS, ids=lambda x: getattr(x, "name", None)
                         or getattr(x, "__name__", ""))
@FAST
@given(data=st.data())
def test_mutated_real_files(parser, path: Path, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "set"]))
        pos = data.draw(st.integers(0, len(raw) - 1)) if raw else 0
        if op == "flip" and raw:
            raw[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del raw[pos:pos + data.draw(st.integers(1, 64))]
        elif op == "insert":
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
        elif raw:
            raw[pos] = data.draw(st.sampled_from([0x00, 0x80, 0x81, 0x82, 0x84, 0xFF]))
    _only_parse_errors(parser, bytes(raw))
