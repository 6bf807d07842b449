"""`kiosk read` and `kiosk bench read` end to end through pcscd and vpcd."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from tests.icao.chip.support import make_chip

pytestmark = pytest.mark.pcsc


def test_kiosk_read_json_masks_personal_data_and_saves_raw_files(virtual_card, capsys,
                                                                   tmp_path):
    chip = make_chip()
    with virtual_card(chip, slot=0, on_power_on=chip.power_on, on_reset=chip.reset) as card:
        rc = main(["read", "--reader", card.reader, "--can", chip.access_data.can, "--json",
                   "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert rc == 0
    doc = json.loads(out)
    assert doc["kind"] == "read" and doc["version"] == 1
    assert doc["access"]["protocol"] == "PACE" and doc["access"]["mapping"] == "GM"
    assert doc["files"]["DG2"] == len(chip.files.emrtd["DG2"])
    assert doc["chip_auth"]["status"] == "passed" and doc["active_auth"]["status"] == "passed"
    assert doc["personal_masked"] is True
    assert chip.person.id_number not in out and "NGUYEN" not in out
    assert doc["personal"]["id_number"] == "0" + "*" * 11
    assert (tmp_path / "EF.SOD.bin").read_bytes() == chip.files.emrtd["SOD"]
    assert (tmp_path / "DG13.bin").read_bytes() == chip.files.emrtd["DG13"]


def test_kiosk_read_wrong_can_exits_4_with_tries_left(virtual_card, capsys):
    chip = make_chip()
    with virtual_card(chip, slot=0, on_power_on=chip.power_on, on_reset=chip.reset) as card:
        rc = main(["read", "--reader", card.reader, "--can", "000000"])
    err = capsys.readouterr().err
    assert rc == 4 and "2 tries left" in err and "000000" not in err


def test_kiosk_bench_read_meets_its_targets(pcscd, capsys):
    rc = main(["bench", "read", "--runs", "2", "--json"])
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

    # the bench card of the test before is gone only once pcscd has polled the slot
    assert wait_card_present(reader_name(0), False, 10)
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(
        main(["chip", "--seconds", "6", "--json", "--can", "424242"])), daemon=True)
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
