"""The technician's readers and health tabs say what the running kiosk does with each reader: its
actual mode (the demo, training, production) from the core's reader policy, not the
settings file's training flag (a demo kiosk whose file says training_mode = false used to
read "refused outside training mode" beside the reader it was reading from)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core import KioskCore
from kiosk.demo import DEMO_READER
from kiosk.diag import report_text
from kiosk.soak import soak_config

pytestmark = pytest.mark.pcsc


@pytest.fixture
def production_config(tmp_path):
    config = soak_config(tmp_path)
    return replace(config, kiosk=replace(config.kiosk, training_mode=False))


def _line(text: str, reader: str) -> str:
    (line,) = [ln for ln in text.splitlines() if ln.startswith(f"{reader}:")]
    return line


def _readers_item(health: str) -> str:
    (line,) = [ln for ln in health.splitlines() if ln[7:].startswith("readers ")]
    return line


def test_the_readers_tab_follows_the_cores_mode_not_the_settings_file(pcscd,
                                                                      production_config):
    other = "Virtual PCD 00 01"
    assert DEMO_READER == "Virtual PCD 00 00"
    demo = KioskCore(production_config, demo=True)  # the file says production
    production = KioskCore(production_config)
    training = KioskCore(replace(production_config, kiosk=replace(
        production_config.kiosk, training_mode=True)))
    cores = (("demo", demo), ("production", production), ("training", training))
    try:
        texts = {name: report_text("readers", core) for name, core in cores}
        health = {name: _readers_item(report_text("health", core)) for name, core in cores
                  if name != "training"}
    finally:
        for core in (demo, production, training):
            core.shutdown()
    assert texts["demo"].startswith("Mode: demo\n")
    assert "refused" not in texts["demo"]
    assert _line(texts["demo"], DEMO_READER).endswith("; the kiosk reads from this reader")
    assert _line(texts["demo"], other).endswith(
        "; not used: the demo reads only from its own virtual reader")
    assert texts["production"].startswith("Mode: production: virtual readers refused\n")
    assert _line(texts["production"], DEMO_READER).endswith(
        ": virtual, no card; refused outside training mode")
    assert "  virtual because: " in texts["production"]
    assert texts["training"].startswith("Mode: training mode: virtual readers allowed\n")
    assert _line(texts["training"], "Virtual PCD 00 00").endswith(
        "; the kiosk reads from this reader")
    assert _line(texts["training"], "Virtual PCD 00 01").endswith(
        "; not used: another reader comes first")
    # the health tab too: the demo's virtual reader is not a failure
    assert health["demo"].startswith("[ OK ] readers")
    assert health["production"].startswith("[FAIL] readers")
    # without a running kiosk (the command line): the settings file decides
    assert report_text("readers", production_config).startswith(
        "Mode: production: virtual readers refused\n")
