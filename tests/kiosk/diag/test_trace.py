"""The support trace holds headers, lengths, status words and timings: no personal data."""

from __future__ import annotations

import base64
import json
import unicodedata

from icao.chip import ChipOptions, Faults
from icao.chip.person import DEFAULT_RECORD, ascii_name
from kiosk.cli import main

from .conftest import READER


def _forbidden(chip) -> list[str]:
    """The emulated person's name and ID number in every encoding we could think of."""
    name = DEFAULT_RECORD["full_name"]
    folded = ascii_name(name)  # NGUYEN THI THU NGHIEM
    id_number = DEFAULT_RECORD["id_number"]
    mrz_lines = chip.access_data.mrz.split("\n")
    forms = {
        name, unicodedata.normalize("NFD", name), name.upper(), name.casefold(), folded,
        folded.replace(" ", "<"), "NGUYEN<<THI<THU<NGHIEM", *folded.split()[::3],
        id_number, id_number[-9:], id_number[-6:], chip.access_data.can,
        *mrz_lines, DEFAULT_RECORD["father"], DEFAULT_RECORD["mother"],
        "030815", "150803", DEFAULT_RECORD["old_id_number"],
    }
    for text in (name, folded, id_number, *mrz_lines):
        for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
            raw = text.encode(encoding)
            forms |= {raw.hex(), raw.hex().upper(), raw.hex(" "), raw.hex(" ").upper(),
                      base64.b64encode(raw).decode()}
    return sorted(f for f in forms if len(f) >= 6)


def test_trace_of_a_read_with_faults_contains_no_personal_data(chip_in_reader, tmp_path,
                                                                monkeypatch, capsys):
    (tmp_path / "kiosk.toml").touch()  # every default
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    out = tmp_path / "ticket" / "trace.json"
    options = ChipOptions(profile="vn-cccd", faults=Faults(drop_every=20))
    with chip_in_reader(options) as (_card, chip):
        code = main(["diag", "trace", "--out", str(out), "--reader", READER,
                     "--can", chip.access_data.can])
        forbidden = _forbidden(chip)
    assert code == 0
    printed = capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["kind"] == "diag.trace" and doc["ok"] is True
    assert doc["reconnects"] >= 1  # the fault every 20 APDUs was hit and survived
    assert any(r["error"] == "CardRemoved" for r in doc["records"])
    assert len(doc["records"]) == doc["apdus"] > 20
    assert set(doc["records"][0]) == {"seq", "kind", "header", "lc", "le", "extended",
                                      "response_length", "sw", "ms", "error"}
    assert doc["file_sizes"]["DG2"] == len(chip.files.emrtd["DG2"])
    blob = (text + printed)
    lowered = blob.lower()
    for form in forbidden:
        assert form.lower() not in lowered, form
    assert "redacted" not in printed  # nothing needed the safety net
