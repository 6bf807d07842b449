"""verify() never raises on hostile files: a damaged SOD or CardSecurity becomes a failed check."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao.pki.store import TrustStore
from icao.pki.verify import Status, verify
from tests.conftest import DATA

REAL = DATA / "vectors/lds/gmrtd_real_documents_sod"
AT = datetime(2024, 1, 1, tzinfo=UTC)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_sod_and_card_security_never_raise(data: st.DataObject) -> None:
    files = {"SOD": (REAL / "DE/EF.SOD.bin").read_bytes(),
             "CardSecurity": (REAL / "DE/EF.CardSecurity.bin").read_bytes(),
             "DG14": (REAL / "DE/DG14.bin").read_bytes()}
    name = data.draw(st.sampled_from(sorted(files)))
    raw = bytearray(files[name])
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[pos] ^= 1 << data.draw(st.integers(0, 7))
        else:
            del raw[pos:pos + data.draw(st.integers(1, 40))]
    files[name] = bytes(raw)
    result = verify(files, TrustStore(), AT)
    assert result.passed is False
    assert all(isinstance(c.status, Status) for c in result.checks)
