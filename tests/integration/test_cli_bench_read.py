"""`kiosk bench read` and `kiosk chip` end to end through pcscd and vpcd (they place their own
card in slot 0; `kiosk read` is tested in test_cli_read_verdict.py)."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main

pytestmark = pytest.mark.pcsc


def test_kiosk_bench_read_meets_its_targets_and_leaves_slot_0_empty(pcscd, capsys):
    from nfc.readers import wait_card_present
    from nfc.vpcd import reader_name

    rc = main(["bench", "read", "--runs", "2", "--json"])
    # the bench waits until pcscd has seen its card go: the next user of slot 0 finds no
    # stale card there (not even for pcscd's ~160 ms removal poll)
    assert wait_card_present(reader_name(0), False, 0)
    result = json.loads(capsys.readouterr().out)
    assert rc == 0 and result["kind"] == "bench.read" and result["runs"] == 2
    assert result["median"]["dg2_read_binaries"] <= 3
    assert result["median"]["apdus"] == 22  # 21 + EF.ATR/INFO (capabilities first)
    assert all(r["chip_auth"] == "passed" for r in result["per_run"])


def test_kiosk_chip_command_serves_a_readable_card(pcscd, capsys):
    """`kiosk chip --seconds S --json` in a thread; read it like a kiosk would."""
    import threading

    from icao.keys import AccessKey
    from icao.reader import read
    from nfc.readers import wait_card_present
    from nfc.transport import PcscTransport
    from nfc.vpcd import reader_name

    assert wait_card_present(reader_name(0), False, 0)  # `kiosk bench read` waited it out
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(
        main(["chip", "--seconds", "3", "--json", "--can", "424242"])), daemon=True)
    thread.start()
    assert wait_card_present(reader_name(0), True, 10)
    with PcscTransport(reader_name(0)) as transport:
        doc = read(transport, AccessKey.from_can("424242"), files=("DG1",))
    assert doc.files["DG1"][:2] == b"\x61\x5d"
    thread.join(20)
    assert codes == [0]
    printed = json.loads(capsys.readouterr().out)
    assert printed["kind"] == "chip.access" and printed["can"] == "424242"
    assert len(printed["mrz"]) == 3
