"""The two soaks: many full reads, and many full citizen sessions (kiosk.soak's docstring)."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from icao.chip import ChipOptions, EmulatedChip
from icao.chip.testpki import demo_trust_anchors
from icao.keys import AccessKey
from icao.reader import ReadOptions
from kiosk.capture.keys import key_from_can
from kiosk.config.schema import Config, KioskSettings, StoreSettings, TrustSettings
from kiosk.core import KioskCore
from kiosk.demo import DEMO_READER, placed
from kiosk.forms import field_views
from kiosk.reading import VerdictStatus, inspect, read_document
from kiosk.session import Step
from kiosk.soak.sampling import Sample, SoakError, SoakReport, _run, child_rss_kb
from kiosk.trust import load_trust_store
from nfc.errors import ReaderUnavailable
from nfc.readers import wait_card_present

# Only `kiosk bench soak` (inside its run) and tests import this package, so its imports are
# all at the top: none of them is paid by the app's or the command line's start-up.

#: Service used for the sessions: the first one, whose only citizen field is "Kính gửi".
SOAK_SERVICE_FIELD_VALUE = "Công an phường Hoàn Kiếm"


# --- reads --------------------------------------------------------------------------------

def soak_reads(n: int, *, reader: str | None = None, can: str | None = None,
               on_sample: Callable[[Sample], None] | None = None) -> SoakReport:
    """n full reads, each on a fresh PC/SC connection, through the kiosk's reading pipeline
    (kiosk.reading: read_document, then inspect: PA, genuineness, verdict, identity).

    Without `reader`, starts the emulated vn-cccd chip in vpcd slot 0 (and removes it after).
    """
    with contextlib.ExitStack() as cleanup:
        if reader is None:
            if can is not None:
                raise ValueError("--can goes with --reader (the emulated chip has its own CAN)")
            chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
            reader = cleanup.enter_context(placed(chip))
            can = chip.access_data.can
        if can is None:
            raise ValueError("a reader needs the card's CAN")
        return _soak_reads_on(n, reader, AccessKey.from_can(can), on_sample=on_sample)


def _soak_reads_on(n: int, reader: str, key: AccessKey, *,
                   on_sample: Callable[[Sample], None] | None) -> SoakReport:
    tmp = tempfile.TemporaryDirectory(prefix="kiosk-soak-trust-")
    trust = load_trust_store(tmp.name)
    for cert in demo_trust_anchors():
        trust.add_csca(cert)
    counts = {"genuine": 0}

    def one(_i: int) -> None:
        try:
            document = read_document(reader, key, options=ReadOptions(), timeout=5.0)
        except Exception as exc:  # noqa: BLE001 - reported as a typed soak failure
            raise SoakError(f"read failed: {type(exc).__name__}") from exc
        read = inspect(document, trust, datetime.now(UTC))
        if read.verdict.status is not VerdictStatus.GENUINE or read.identity is None \
                or not read.identity.id_number:
            raise SoakError("a read of the emulated chip was not verified as genuine")
        counts["genuine"] += 1

    try:
        report = _run("reads", n, one, on_sample=on_sample)
    finally:
        tmp.cleanup()
    report.extra["reader"] = reader
    report.extra["genuine_reads"] = counts["genuine"]
    return report


# --- sessions -----------------------------------------------------------------------------

def soak_config(folder: Path) -> Config:
    """A settings object with the store, key and trust store in `folder` (nothing shared)."""
    return Config(kiosk=KioskSettings(training_mode=True, fullscreen=False),
                  store=StoreSettings(url=f"sqlite:///{folder / 'kiosk.db'}",
                                      key_file=str(folder / "store.key")),
                  trust=TrustSettings(dir=str(folder / "trust")))


#: What the soak's "citizen" agrees to (there is no screen): recorded like the app's consent.
SOAK_CONSENT_TEXT = "kiosk bench soak: emulated citizen, training mode"


def run_due_work(core: KioskCore, *, stop_before: type | None = None) -> None:
    """Perform the work the session asks for, inline, until none is due (or the work due is a
    `stop_before`, e.g. kiosk.work.CheckFace: left undone): the same `perform` / `failed`
    calls the Qt window makes on its worker threads."""
    cancelled = threading.Event()
    while (work := core.session.due) is not None and not (
            stop_before is not None and isinstance(work, stop_before)):
        try:
            apply = core.perform(work, lambda progress: progress(), cancelled)
        except Exception as exc:  # noqa: BLE001 - the session turns it into a typed problem
            apply = core.failed(work, exc)
        apply()


def run_session(core: KioskCore, service_code: str) -> str:
    """One citizen, start to receipt, through the session; returns the reference. The
    citizen's taps are session events; the work they make due runs in `run_due_work`."""
    s = core.session
    s.start("vi")
    consent = core.records.record_consent(language="vi", text=SOAK_CONSENT_TEXT)
    s.consent(True, consent_id=consent.id)
    s.choose_service(service_code)
    assert core.demo_access is not None
    s.set_access_key(key_from_can(core.demo_access.can))
    run_due_work(core)  # the reader check, the read, the face check
    if s.step is not Step.REVIEW:
        problem = s.error.code if s.error is not None else s.step.value
        raise SoakError(f"the session stopped before the form ({problem})")
    for view in field_views(s.personal.draft, s.language):
        if not view.locked and view.required and (not view.value or view.error):
            s.edit_field(view.key, SOAK_SERVICE_FIELD_VALUE)
    draft = s.personal.draft
    if draft is None or not draft.valid:
        bad = [v.key for v in field_views(draft, "en") if v.error]
        raise SoakError(f"the form is not valid after filling the citizen fields: {bad}")
    s.confirm()
    run_due_work(core)
    if s.step is not Step.RECEIPT or s.reference is None:
        raise SoakError(f"submit failed: {s.error.detail if s.error else s.step.value}")
    reference = s.reference
    s.finish()
    if s.personal.holds_anything():
        raise SoakError("the session still holds personal data after the receipt")
    return reference


def soak_sessions(n: int, *, folder: Path | None = None,
                  on_sample: Callable[[Sample], None] | None = None) -> SoakReport:
    """n full kiosk sessions through KioskCore in demo mode (emulated chip in vpcd slot 0,
    demo camera), each ending in an encrypted submission and a wipe."""
    tmp = None
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="kiosk-soak-")
        folder = Path(tmp.name)
    if not wait_card_present(DEMO_READER, False, 0):
        raise ReaderUnavailable(f"{DEMO_READER!r} already holds a card; remove it first.")
    core = KioskCore(soak_config(folder), demo=True)
    references: list[str] = []
    try:
        core.start_demo()
        if not wait_card_present(DEMO_READER, True, 10):
            raise ReaderUnavailable("the emulated chip did not appear in vpcd slot 0")
        if core.camera() is None:
            raise SoakError("the demo camera did not start")
        service = core.list_services()[0].code

        def one(_i: int) -> None:
            references.append(run_session(core, service))

        analyzer_rss: dict[str, int | None] = {}

        def watch(s: Sample) -> None:
            pid = core.face.analyzer_pid
            analyzer_rss.setdefault("start", child_rss_kb(pid))
            analyzer_rss["end"] = child_rss_kb(pid)
            if on_sample:
                on_sample(s)

        report = _run("sessions", n, one, on_sample=watch)
        stored = len(set(references))
        report.extra["submissions_stored"] = stored
        report.extra["analyzer_rss_kb"] = analyzer_rss
        if stored != n + 1:
            report.failures += 1
    finally:
        core.shutdown()
        wait_card_present(DEMO_READER, False, 5)
        if tmp is not None:
            tmp.cleanup()
    return report
