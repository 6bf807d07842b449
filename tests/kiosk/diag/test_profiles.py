"""Reader profiles map onto ReadOptions and the transport timeout; trace scrubbing; the
technician tabs with a core-like object (config, trust_store(), store(), camera())."""

from __future__ import annotations

import pytest

from icao.chip import ChipOptions, EmulatedChip
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from kiosk.config import (
    CameraSettings,
    Config,
    KioskSettings,
    ReaderProfile,
    ReaderSettings,
    StoreSettings,
)
from kiosk.diag import reader_model, reader_setup, report_text
from kiosk.diag.trace import scrub, secrets_of


@pytest.mark.parametrize(("name", "model"), [
    ("ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader(1)] 00 00", "ACS ACR1252 1S CL Reader"),
    ("Identiv uTrust 3700 F CL Reader [uTrust 3700 F CL Reader] 01 00",
     "Identiv uTrust 3700 F CL Reader"),
    ("Virtual PCD 00 01", "Virtual PCD"),
    ("OMNIKEY 5022", "OMNIKEY 5022"),
])
def test_reader_model_drops_index_slot_and_interface(name, model):
    assert reader_model(name) == model


def test_profile_overrides_reader_settings_and_maps_onto_read_options():
    profile = ReaderProfile(extended_length=False, max_read=160, apdu_timeout_s=1.5, retries=4)
    config = Config(reader=ReaderSettings(extended_length="auto", max_read=65536,
                                          apdu_timeout_s=5.0, retries=2,
                                          profiles={"ACS ACR1252": profile}))
    setup = reader_setup(config, "ACS ACR1252 1S CL Reader [x] 00 00")
    assert (setup.extended, setup.max_read, setup.apdu_timeout_s, setup.retries,
            setup.profile_model) == (False, 160, 1.5, 4, "ACS ACR1252")
    options = setup.read_options()
    assert (options.extended, options.max_read, options.max_reconnects) == (False, 160, 4)
    assert setup.source == 'profile "ACS ACR1252"'

    other = reader_setup(config, "OMNIKEY 5022 00 00")
    assert other.profile_model is None and other.source == "[reader] defaults"
    assert (other.read_options().extended, other.read_options().max_read,
            other.read_options().max_reconnects, other.apdu_timeout_s) == (None, 65536, 2, 5.0)
    off = reader_setup(Config(reader=ReaderSettings(extended_length="off")), "any 00 00")
    assert off.read_options().extended is False
    on = reader_setup(Config(reader=ReaderSettings(extended_length="on")), "any 00 00")
    assert on.read_options().extended is None  # "on" still steps down when a card refuses


def test_the_whole_reads_deadline_comes_from_the_settings_for_every_reader():
    assert reader_setup(Config(), "any 00 00").read_options().deadline_s == 8.0
    slow = Config(reader=ReaderSettings(read_deadline_s=12.5, profiles={
        "ACS ACR1252": ReaderProfile(max_read=160)}))
    for name in ("any 00 00", "ACS ACR1252 1S CL Reader [x] 00 00"):  # profile or not
        setup = reader_setup(slow, name)
        assert setup.read_options().deadline_s == 12.5
        assert setup.describe().endswith("; read deadline 12.5 s")
    assert reader_setup(slow, "any").read_options(deadline_s=3.0).deadline_s == 3.0  # --deadline


def test_trace_scrub_masks_typed_access_keys_in_every_case():
    can = AccessKey.from_can("012345")
    mrz = AccessKey.from_mrz_fields("C01X00T47", "740812", "120415")
    assert secrets_of(can) == ["012345"]
    assert set(secrets_of(mrz)) == {"C01X00T47", "740812", "120415"}
    text, n = scrub('{"a": "x012345y", "b": "c01x00t47", "c": "740812"}',
                    secrets_of(can) + secrets_of(mrz))
    assert n == 3 and "012345" not in text and "c01x00t47" not in text
    assert "740812" not in text


class _Sources:
    """kiosk.diag.tabs.Sources as the running kiosk (KioskCore) hands it over: its open trust
    store, store, shared camera and printer list."""

    def __init__(self, config, trust, store, camera):
        self.config = config
        self._trust, self._store, self._camera = trust, store, camera

    def trust_store(self):
        return self._trust

    def store(self):
        return self._store

    def camera(self):
        return self._camera

    def printers(self):
        return ["Counter_HP"], "Counter_HP"


def test_tabs_use_the_kiosks_store_trust_camera_and_printers(pcscd, faces_dir, tmp_path,
                                                          monkeypatch):
    from kiosk.face.camera import ImageSource
    from kiosk.face.grabber import FrameGrabber
    from kiosk.face.station import LiveCamera
    from kiosk.store import open_store

    monkeypatch.setenv("KIOSK_TRUST_DIR", str(tmp_path / "trust"))
    config = Config(kiosk=KioskSettings(training_mode=True),
                    camera=CameraSettings(source="/nonexistent.jpg"),  # must not be opened
                    store=StoreSettings(url="sqlite:////nonexistent/dir/x.sqlite3"))
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    trust.add_crl(chip.files.crl_der)
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}", key_file=tmp_path / "k.key")
    grabber = FrameGrabber(ImageSource(faces_dir / "obama.jpg", loop=True, pace=True,
                                       fps=30.0)).start()
    try:
        core = _Sources(config, trust, store, LiveCamera(grabber))
        camera = report_text("camera", core)
        health = report_text("health", core)
        trust_tab = report_text("trust", core)
    finally:
        grabber.stop()
        store.close()
    assert "Camera: shared camera, 910x1137, 10 frames" in camera
    assert "PASS: the camera is ready" in camera
    assert "[ OK ] camera         delivering frames (910x1137)" in health
    assert "[ OK ] database       reachable (sqlite) (0 pending, 0 failed)" in health
    assert "[ OK ] trust store    1 certificates in memory (demo)" in health
    assert "[ OK ] printer        default printer (Counter_HP)" in health  # the kiosk's list
    assert "Certificates (1):" in trust_tab and "CRLs (1):" in trust_tab
