"""Issue 10, several readers: four emulated chips of four different people in four vpcd
readers of one pcscd, read in parallel threads through four PcscTransports. No crossed data
(each document's DG1 and DG13 are its own chip's, byte for byte and parsed), no deadlock.

The machine's pcscd keeps its two readers (35963/35964); this test starts a private pcscd
with four (scripts/rig-readers: two vpcd entries, the second on a copy of the driver, ports
35965-35968, own mount namespace) and runs the reading side in a child process, because
libpcsclite picks its pcscd socket (PCSCLITE_CSOCK_NAME) once per process.

    flock /tmp/kiosk-pcsc.lock .venv/bin/python -m pytest tests/hardening/test_four_readers.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 3  # full reads per reader, all four readers at once
#: Bound for the whole child (pcscd start, four cards in, 4 x ROUNDS reads); measured ~3 s.
CHILD_TIMEOUT = 60.0
#: Bound for the parallel reads themselves; a deadlock shows as threads still alive here.
READ_BOUND = 30.0

PEOPLE = [
    {"id_number": "001085000111", "full_name": "Lê Văn Một", "date_of_birth": "01/02/1985",
     "sex": "Nam"},
    {"id_number": "079190000222", "full_name": "Phạm Thị Hai", "date_of_birth": "12/11/1990",
     "sex": "Nữ"},
    {"id_number": "048301000333", "full_name": "Đỗ Minh Ba", "date_of_birth": "30/06/2001",
     "sex": "Nam"},
    {"id_number": "092175000444", "full_name": "Vũ Thị Bốn", "date_of_birth": "05/09/1975",
     "sex": "Nữ"},
]


@pytest.mark.pcsc
def test_four_readers_in_parallel_without_crossed_data():
    env = {k: v for k, v in os.environ.items() if k != "PCSCLITE_CSOCK_NAME"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(ROOT / "scripts" / "rig-readers"), "--", sys.executable, "-m",
         "tests.hardening.test_four_readers"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    wall = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-3000:] + proc.stdout[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"\nfour readers: {report['read_seconds']:.2f} s for {4 * ROUNDS} reads in parallel, "
          f"{wall:.2f} s with the private pcscd; per reader "
          + ", ".join(f"{r['reader']}: {r['seconds']:.2f} s" for r in report["readers"]))
    assert report["alive"] == []  # no deadlock: every thread finished within READ_BOUND
    assert report["read_seconds"] < READ_BOUND
    assert len(report["readers"]) == 4
    assert len({r["reader"] for r in report["readers"]}) == 4
    for r in report["readers"]:
        assert r["error"] is None, r
        assert r["rounds"] == ROUNDS
        assert r["dg1_raw_own"] == [True] * ROUNDS, r
        assert r["dg13_raw_own"] == [True] * ROUNDS, r
        assert r["parsed_own"] == [True] * ROUNDS, r
        assert r["others_seen"] == [], r
    # The readers were really used together, not one after another.
    assert report["overlap"] is True


# -- the child: runs with PCSCLITE_CSOCK_NAME pointing at the private pcscd ------------------

def _read_all(reader: str, chip, others: list, barrier: threading.Barrier,
              out: dict) -> None:
    from icao.keys import AccessKey
    from icao.lds.dg1 import parse_dg1
    from icao.lds.dg13 import parse_dg13
    from icao.reader import read
    from nfc.transport import PcscTransport

    out.update(reader=reader, rounds=0, dg1_raw_own=[], dg13_raw_own=[], parsed_own=[],
               others_seen=[], error=None, seconds=0.0, spans=[])
    key = AccessKey.from_can(chip.person.can)
    try:
        with PcscTransport(reader, timeout=10.0) as transport:
            barrier.wait(READ_BOUND)
            t0 = time.perf_counter()
            for _ in range(ROUNDS):
                start = time.perf_counter()
                doc = read(transport, key)
                out["spans"].append((start, time.perf_counter()))
                dg1, dg13 = doc.files["DG1"], doc.files["DG13"]
                out["dg1_raw_own"].append(dg1 == chip.files.emrtd["DG1"])
                out["dg13_raw_own"].append(dg13 == chip.files.emrtd["DG13"])
                fields, mrz = parse_dg13(dg13), parse_dg1(dg1).mrz
                seen = {fields.id_number, fields.full_name, mrz.id_number, mrz.birth_date}
                own = {chip.person.id_number, chip.person.record["full_name"],
                       chip.person.birth_yymmdd}
                out["parsed_own"].append(seen == own)
                out["others_seen"] += [i for i, o in enumerate(others)
                                       if o.person.id_number in seen
                                       or o.person.record["full_name"] in seen]
                out["rounds"] += 1
            out["seconds"] = time.perf_counter() - t0
    except Exception as exc:  # reported to the parent, which fails the test
        out["error"] = f"{type(exc).__name__}: {exc}"


def _child() -> int:
    from icao.chip import ChipOptions, EmulatedChip, Person
    from nfc.readers import wait_card_present
    from nfc.vpcd import VirtualCard

    layout = json.loads(os.environ["KIOSK_RIG_READERS"])
    assert len(layout) == 4, layout
    chips = [EmulatedChip(ChipOptions(profile="vn-cccd"), Person.from_mapping(p))
             for p in PEOPLE]
    cards = [VirtualCard(chip, port=slot["port"], atr=chip.atr, on_power_on=chip.power_on,
                         on_power_off=chip.power_off, on_reset=chip.reset)
             for chip, slot in zip(chips, layout, strict=True)]
    try:
        for card, slot in zip(cards, layout, strict=True):
            card.insert()
            if not card.wait_connected(10.0):
                raise SystemExit(f"vpcd is not listening on TCP {slot['port']}")
        for slot in layout:
            if not wait_card_present(slot["name"], True, 10.0):
                raise SystemExit(f"pcscd does not see a card in {slot['name']!r}")
        barrier = threading.Barrier(4)
        results: list[dict] = [{} for _ in chips]
        threads = [threading.Thread(
            target=_read_all, name=f"read-{i}", daemon=True,
            args=(slot["name"], chip, [c for c in chips if c is not chip], barrier,
                  results[i]))
            for i, (chip, slot) in enumerate(zip(chips, layout, strict=True))]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        deadline = t0 + READ_BOUND
        for t in threads:
            t.join(max(0.0, deadline - time.perf_counter()))
        read_seconds = time.perf_counter() - t0
        alive = [t.name for t in threads if t.is_alive()]
        # Overlap: some read of one reader ran while a read of another reader was running.
        spans = [(i, s, e) for i, r in enumerate(results) for s, e in r.get("spans", [])]
        overlap = any(a[0] != b[0] and a[1] < b[2] and b[1] < a[2]
                      for a in spans for b in spans)
        for r in results:
            r.pop("spans", None)
        print(json.dumps({"read_seconds": read_seconds, "alive": alive, "overlap": overlap,
                          "readers": results}))
        return 0
    finally:
        for card in cards:
            card.stop()


if __name__ == "__main__":
    sys.exit(_child())
