"""Virtual readers by driver, not name, in the app (issue 14 item 6): a private pcscd whose
reader.conf calls the vpcd reader "ACS ACR1252 Dual Reader" (served by a renamed copy of the
driver; the `renamed_rig` fixture of tests/nfc/test_readers_driver.py, shared through
tests/integration/conftest.py, builds it). Outside training mode the kiosk's reader
choice refuses it, the read never starts, and `kiosk diag health` fails naming the evidence;
in training mode the kiosk reads the emulated chip through it.

Clients of the private pcscd run in subprocesses: libpcsclite fixes its socket
(PCSCLITE_CSOCK_NAME) once per process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.nfc.test_readers_driver import RENAMED, REPO

pytestmark = pytest.mark.pcsc

#: In the subprocess: the emulated chip in the renamed reader's slot 0, then the kiosk's
#: reading service and health check outside and inside training mode.
_KIOSK = """
import json, sys
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from kiosk.config.schema import Config, KioskSettings
from kiosk.demo import plug_in
from kiosk.diag.health import check_pcsc
from kiosk.reading import ReadingService, classify
from nfc.readers import list_readers, wait_card_present
from tests.icao.chip.support import make_chip

chip = make_chip()
card = plug_in(chip, int(sys.argv[1]))
card.insert()
assert card.wait_connected(10)
slot0 = list_readers()[0].name
assert wait_card_present(slot0, True, 10)
trust = TrustStore()
trust.add_csca(chip.files.csca_der)
out = {}
try:
    for training in (False, True):
        config = Config(kiosk=KioskSettings(training_mode=training))
        service = ReadingService(config, training=training, trust=lambda: trust)
        result = {"chosen": service.readers.name(), "health": check_pcsc(training)[1].__dict__}
        before = dict(chip.reads_per_file)
        try:
            read = service.read(AccessKey.from_can(chip.access_data.can))
            result["verdict"] = read.verdict.status.value
        except Exception as exc:
            failure = classify(exc)
            result["problem"], result["detail"] = failure.problem.value, failure.detail
        result["files_read"] = sorted(k for k in chip.reads_per_file if k not in before)
        out["training" if training else "production"] = result
finally:
    card.stop()
print(json.dumps(out))
"""


def _port(sock: Path) -> int:
    conf = (sock.parent.parent / "reader.conf.d" / "reader").read_text()
    match = re.search(r"DEVICENAME /dev/null:0x([0-9A-F]+)", conf)
    assert match is not None
    return int(match.group(1), 16)


def test_the_kiosk_refuses_a_renamed_vpcd_reader_outside_training_and_uses_it_in_training(
        renamed_rig, tmp_path):
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(renamed_rig), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _KIOSK, str(_port(renamed_rig))], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    reader = f"{RENAMED} 00 00"
    library = str(renamed_rig.parent.parent / "libacsccid.so")

    production = out["production"]
    assert production["chosen"] is None
    assert production["problem"] == "virtual_reader"
    assert production["files_read"] == []  # the card was never touched
    assert f"{reader}: served by the vpcd driver (configured in pcscd's reader.conf as " \
           f"'{RENAMED}'; driver library {library} exports vsmartcard's vicc_* functions " \
           f"(vpcd); TCP port " in production["detail"]
    health = production["health"]
    assert health["status"] == "fail"
    assert health["reason"].startswith("2 virtual reader(s) (vpcd) outside training mode")
    assert f"driver library {library} exports vsmartcard's vicc_* functions" in health["reason"]

    training = out["training"]
    assert training["chosen"] == reader
    assert training["verdict"] == "genuine"
    assert "DG2" in training["files_read"]
    assert training["health"]["status"] == "ok"


def test_kiosk_diag_health_fails_on_a_renamed_vpcd_reader_and_says_why(
        renamed_rig, tmp_path, faces_dir):
    import tomli_w

    config = tmp_path / "kiosk.toml"
    config.write_bytes(tomli_w.dumps({
        "kiosk": {"training_mode": False},
        "camera": {"source": str(faces_dir / "obama.jpg")},
        "printing": {"printer": "pdf", "pdf_dir": str(tmp_path / "pdf")},
        "trust": {"dir": str(tmp_path / "trust")},
        "store": {"url": f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
                  "key_file": str(tmp_path / "store.key")}}).encode())
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(renamed_rig), "PYTHONPATH": str(REPO),
           "KIOSK_CONFIG": str(config), "KIOSK_TRUST_DIR": str(tmp_path / "trust")}
    done = subprocess.run([sys.executable, "-m", "kiosk", "diag", "health", "--json"], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr[-2000:]
    items = {i["name"]: i for i in json.loads(done.stdout)["items"]}
    readers = items["readers"]
    assert (readers["status"], readers["needs_technician"]) == ("fail", True)
    assert readers["value"] == f"{RENAMED} 00 00, {RENAMED} 00 01"
    assert "Remove the vsmartcard-vpcd package and its reader.conf entry." in readers["reason"]
    assert f"Evidence: {RENAMED} 00 00: served by the vpcd driver (configured in pcscd's " \
           f"reader.conf as '{RENAMED}'; driver library " in readers["reason"]
