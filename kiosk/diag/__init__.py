"""Technician diagnostics: the library behind `kiosk diag ...` and the UI's technician screen.

Each diagnostic returns a frozen dataclass and has a `render_text(report) -> str`; none of
them puts personal data in its report (see common.py).

    from kiosk.diag import report_text                  # technician screen tabs
    report_text("health", core)                         # readers|camera|trust|health|settings

    kiosk.diag.card.diagnose_card(reader, key, setup=..., trust=...) -> CardReport
    kiosk.diag.calibrate.calibrate(reader, key, runs=5) -> Calibration; apply(cal, path)
    kiosk.diag.camera.check_camera(source, snapshot=None) -> CameraReport
    kiosk.diag.health.check_health(config, store=, trust=, camera=) -> HealthReport
    kiosk.diag.trace.write_trace(out, reader, key, setup=...) -> TraceReport
    kiosk.diag.profiles.reader_setup(config, reader_name) -> ReaderSetup
        .read_options() -> icao.reader.ReadOptions, .apdu_timeout_s for PcscTransport
"""

from kiosk.diag.common import Item, reader_model
from kiosk.diag.profiles import ReaderSetup, reader_setup
from kiosk.diag.tabs import TABS, report_text

__all__ = ["TABS", "Item", "ReaderSetup", "reader_model", "reader_setup", "report_text"]
