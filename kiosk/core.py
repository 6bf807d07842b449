"""The application core the UI drives: one object that joins the capabilities.

`KioskCore` holds the session (kiosk.session) and runs each stage of the data flow of DESIGN.md
with the real modules: nfc (readers, card events), icao.reader (the read), icao.pki (passive
authentication against the trust store), icao.genuine (chip genuineness), kiosk.identity,
kiosk.face (camera, match, liveness), kiosk.capture (QR, MRZ), kiosk.forms (pre-fill, PDF,
print), kiosk.store (submission, outbox, audit). No Qt here: blocking methods are called by
the UI from worker threads; quick ones from the UI thread.

In demo mode it also starts the emulated vn-cccd chip in the vpcd virtual reader, a file
camera showing the chip's own portrait, and training mode (so the virtual reader is allowed).
Liveness cannot pass on a recorded still, so in demo mode it is reported as "skipped (demo)",
never as passed.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.demo import DEMO_PORT, DEMO_READER
from kiosk.session import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceInfo:
    code: str
    name_vi: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" else self.name_en


@dataclass(frozen=True)
class ReadOutcome:
    """What one read produced. `blocking_problem` (an error code) stops the flow after a read,
    e.g. "not_genuine" when passive authentication failed."""

    document: Any
    verification: Any
    genuineness: Any
    identity: Any
    portrait: bytes | None  # PNG for display (DG2 may be JPEG 2000, which Qt cannot show)
    portrait_raw: bytes | None
    blocking_problem: str | None = None


@dataclass(frozen=True)
class FaceOutcome:
    match: Any  # kiosk.face FaceMatch or None
    accepted: bool
    liveness: str  # "passed" | "failed" | "skipped_demo" | "off"
    reason: str | None = None


@dataclass(frozen=True)
class FieldView:
    key: str
    label: str
    value: str
    locked: bool
    required: bool
    error: str | None


@dataclass(frozen=True)
class PinResult:
    ok: bool
    locked_for_s: float = 0.0


class _CameraAdapter:
    """Exposes `latest() -> ndarray | None` over a kiosk.face FrameGrabber."""

    def __init__(self, grabber):
        self.grabber = grabber

    def latest(self):
        frame = self.grabber.latest()
        return None if frame is None else frame.image


class KioskCore:
    PIN_LOCKOUT_AFTER = 5
    PIN_LOCKOUT_S = 300.0

    def __init__(self, config, *, demo: bool = False, clock: Callable[[], float] = time.monotonic):
        self.config = config
        self.demo = demo
        self.training = demo or config.kiosk.training_mode
        self.session = Session(idle_timeout_s=config.kiosk.idle_timeout_s, clock=clock)
        self.session.language = config.kiosk.language
        self.allow_quit = demo or not config.kiosk.fullscreen
        self.staff_assisting = False
        self._clock = clock
        self._pin_failures: dict[str, list[float]] = {}
        self._grabber = None
        self._camera = None
        self._monitor = None
        self._virtual_card = None
        self._store = None
        self._trust = None
        self._capture = None
        self._delivery = None
        self._analyzer = None
        self._lock = threading.Lock()

    # --- construction -------------------------------------------------------------------
    @classmethod
    def create(cls, *, config_path: str | None = None, demo: bool = False) -> KioskCore:
        from kiosk.config import load_config

        config = load_config(config_path)
        core = cls(config, demo=demo)
        if demo:
            core.start_demo()
        core.start_delivery()
        return core

    def start_delivery(self) -> None:
        """Deliver confirmed forms to the back office in the background (none in training
        mode or without a back-office URL: they wait in the outbox)."""
        from kiosk.store.outbox import BackgroundDelivery

        if self.training:
            return
        try:
            self._delivery = BackgroundDelivery.from_config(self.store(), self.config)
        except Exception:  # noqa: BLE001 - no database: diag health says so; forms still print
            log.warning("outbox delivery not started")
            self._delivery = None
        if self._delivery is not None:
            self._delivery.start()

    def start_demo(self, chip_options=None, *, camera_image: bytes | None = None) -> None:
        """Emulated vn-cccd chip in the virtual reader, and a file camera showing its holder.

        `chip_options` (icao.chip.ChipOptions) and `camera_image` (JPEG bytes of whoever stands
        at the "camera") let tests stage slow links, faults, or an impostor.
        """
        from icao.chip import ChipOptions, EmulatedChip
        from kiosk.demo import plug_in

        chip = EmulatedChip(chip_options or ChipOptions(profile="vn-cccd"))
        self.demo_chip = chip
        self.demo_access = chip.access_data  # the CAN to type, shown by the demo banner
        self._demo_camera_image = camera_image or chip.portrait_jpeg
        self._virtual_card = plug_in(chip, DEMO_PORT)
        self._virtual_card.start()

    def shutdown(self) -> None:
        for stop in (self._stop_camera, self._stop_monitor):
            try:
                stop()
            except Exception:  # noqa: BLE001 - shutting down: keep going
                log.debug("shutdown step failed", exc_info=True)
        if self._virtual_card is not None:
            self._virtual_card.stop()
            self._virtual_card = None
        if self._delivery is not None:
            self._delivery.stop()
            self._delivery = None
        if self._analyzer is not None:
            self._analyzer.close()
            self._analyzer = None
        if self._store is not None:
            self._store.close()
            self._store = None

    # --- language, services, PINs -------------------------------------------------------
    def set_language(self, language: str) -> None:
        from ui import i18n  # the core stays Qt-free; the UI passes through here only

        self.session.language = language
        i18n.install(language)

    def retention_days(self) -> int:
        return int(self.config.store.retention_days_after_delivery)

    def list_services(self) -> list[ServiceInfo]:
        from kiosk.forms import list_services

        return [ServiceInfo(s.code, s.name_vi, s.name_en) for s in list_services()]

    def check_pin(self, role: str, pin: str) -> PinResult:
        """Check a staff/technician PIN against its hash in the config, with lockout."""
        from kiosk.config import verify_pin

        now = self._clock()
        window = [t for t in self._pin_failures.get(role, []) if now - t < self.PIN_LOCKOUT_S]
        self._pin_failures[role] = window
        if len(window) >= self.PIN_LOCKOUT_AFTER:
            return PinResult(False, self.PIN_LOCKOUT_S - (now - window[0]))
        section = self.config.staff if role == "staff" else self.config.technician
        stored = getattr(section, "pin_hash", "") or ""
        if stored and verify_pin(pin, stored):
            self._pin_failures[role] = []
            self._audit("login.ok", actor=role)
            return PinResult(True)
        if not stored and self.training and pin == "000000":
            return PinResult(True)  # training kiosks without PINs accept 000000
        window.append(now)
        self._audit("login.failed", actor=role)
        return PinResult(False)

    # --- access keys --------------------------------------------------------------------
    def key_from_can(self, can: str):
        from icao.errors import ParseError
        from icao.keys import AccessKey

        try:
            return AccessKey.from_can(can)
        except ParseError as exc:
            raise ValueError(str(exc)) from exc

    def decode_qr(self, frame):
        """(AccessKey, QrCapture) when the frame shows a CCCD QR code, else None."""
        from kiosk.capture import CaptureError
        from kiosk.capture.qr import read_qr

        try:
            capture = read_qr(frame)
        except CaptureError:
            return None
        return self.key_from_can(capture.can), capture

    def decode_mrz(self, frame):
        from kiosk.capture import CaptureError
        from kiosk.capture.mrz_ocr import read_mrz

        try:
            capture = read_mrz(frame)
        except CaptureError:
            return None
        return capture.access_key(), capture

    def remember_capture(self, capture) -> None:
        self._capture = capture

    # --- readers and card events ---------------------------------------------------------
    def reader_name(self) -> str | None:
        """The reader to use: the configured pattern, the demo reader, or the first one."""
        from nfc.readers import list_readers

        try:
            readers = list_readers()
        except Exception:  # noqa: BLE001 - pcscd down: reported by reader_problem
            return None
        if self.demo:
            return DEMO_READER if any(r.name == DEMO_READER for r in readers) else None
        pattern = (self.config.reader.name_pattern or "").lower()
        for r in readers:
            if pattern and pattern not in r.name.lower():
                continue
            if r.is_virtual and not self.training:
                continue
            return r.name
        return None

    def reader_label(self) -> str:
        return self.reader_name() or ""

    def reader_problem(self) -> str | None:
        """An error code when no usable reader exists (virtual readers outside training)."""
        from nfc.readers import list_readers

        try:
            readers = list_readers()
        except Exception:  # noqa: BLE001
            return "no_reader"
        if self.reader_name() is not None:
            return None
        if any(r.is_virtual for r in readers) and not self.training:
            return "virtual_reader"
        return "no_reader"

    def card_is_present(self) -> bool:
        from nfc.readers import list_readers

        name = self.reader_name()
        try:
            return any(r.name == name and r.card_present for r in list_readers())
        except Exception:  # noqa: BLE001
            return False

    def watch_cards(self, on_present: Callable[[str], None], on_removed: Callable[[str], None]):
        """Card events for the kiosk's reader, delivered from a monitor thread."""
        from nfc.monitor import EventKind, ReaderMonitor

        def on_event(event) -> None:
            if event.reader != self.reader_name() and event.kind is not EventKind.PCSC_LOST:
                return
            if event.kind is EventKind.CARD_INSERTED:
                on_present(event.reader)
            elif event.kind in (EventKind.CARD_REMOVED, EventKind.READER_REMOVED,
                                EventKind.PCSC_LOST):
                on_removed(event.reader or "")

        try:
            self._monitor = ReaderMonitor(on_event, initial=False)
            self._monitor.start()
        except Exception:  # noqa: BLE001 - no pcscd: the place-card step reports it
            log.warning("card monitor unavailable")
            self._monitor = None

    def _stop_monitor(self) -> None:
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor = None

    # --- the read ------------------------------------------------------------------------
    def trust_store(self):
        if self._trust is None:
            from kiosk.trust import load_trust_store

            trust = load_trust_store(self.config.trust.dir or None)
            if self.demo:
                from icao.chip.testpki import demo_trust_anchors

                for cert in demo_trust_anchors():
                    trust.add_csca(cert)
            self._trust = trust
        return self._trust

    def read_card(self, key, progress: Callable[[Any], None], cancelled: threading.Event) -> ReadOutcome:
        """Blocking: open the chip, read, verify, build the identity. Run in a worker."""
        from icao.genuine import assess
        from icao.pki import verify
        from icao.reader import read
        from kiosk.diag.profiles import reader_setup
        from kiosk.identity import from_files
        from nfc.transport import PcscTransport

        reader = self.reader_name()
        if reader is None:
            raise LookupError(self.reader_problem() or "no_reader")

        def on_progress(stage: str, done: int, total: int) -> None:
            if not cancelled.is_set():
                progress((stage, done, total))

        setup = reader_setup(self.config, reader)  # the calibrated profile of this model
        with PcscTransport(reader, timeout=setup.apdu_timeout_s) as transport:
            document = read(transport, key, progress=on_progress, options=setup.read_options())
        progress(("verify", 0, 0))
        verification = verify(document.files, self.trust_store(), datetime.now(UTC))
        genuineness = assess(document, verification)
        from kiosk.capture import QrCapture

        qr = self._capture if isinstance(self._capture, QrCapture) else None
        identity = from_files(document.files, verification=verification, qr=qr)
        raw, png = self._portrait(document.files.get("DG2"))
        blocking = None if verification.passed else "not_genuine"
        return ReadOutcome(document, verification, genuineness, identity, png, raw, blocking)

    @staticmethod
    def _portrait(dg2: bytes | None) -> tuple[bytes | None, bytes | None]:
        if not dg2:
            return None, None
        from PIL import Image

        from icao.lds.dg2 import parse_dg2

        image = parse_dg2(dg2).portraits[0]
        with Image.open(io.BytesIO(image.data)) as im:
            out = io.BytesIO()
            im.convert("RGB").save(out, format="PNG")
        return image.data, out.getvalue()

    def classify_error(self, exc: BaseException) -> tuple[str, str]:
        """Map a read failure to the error screen's code and a non-personal detail."""
        from icao import errors as e

        detail = ""
        if isinstance(exc, e.IcaoError):
            detail = " ".join(x for x in (exc.step and f"step={exc.step}",
                                          exc.sw is not None and f"SW={exc.sw:04X}") if x)
        if isinstance(exc, e.AccessDenied):
            return "access_denied", detail
        if isinstance(exc, (e.CardRemoved, ConnectionError)):
            return "card_removed", detail
        if isinstance(exc, e.UnsupportedProtocol):
            return "unsupported", detail
        if isinstance(exc, LookupError):
            return str(exc.args[0]) if exc.args else "no_reader", ""
        return "read_failed", detail or type(exc).__name__

    # --- camera and face -------------------------------------------------------------------
    def camera(self):
        """The shared camera (started on first use), or None when there is none."""
        with self._lock:
            if self._camera is not None:
                return self._camera
            from kiosk.face.camera import open_source
            from kiosk.face.errors import FaceError
            from kiosk.face.grabber import FrameGrabber

            try:
                if self.demo:
                    source = self._demo_source()
                else:
                    c = self.config.camera
                    source = open_source(c.source, width=c.width, height=c.height, fps=c.fps)
                self._grabber = FrameGrabber(source).start()
            except FaceError:
                log.warning("camera unavailable")
                return None
            self._camera = _CameraAdapter(self._grabber)
            return self._camera

    def _demo_source(self):
        import numpy as np

        from kiosk.face.camera import ImageListSource
        from kiosk.face.imageio import decode_image

        image = decode_image(self._demo_camera_image)
        # a 640x480 "webcam" frame with the holder's face in the middle
        canvas = np.full((480, 640, 3), 235, dtype=np.uint8)
        h, w = image.shape[:2]
        scale = min(400 / h, 400 / w)
        import cv2

        face = cv2.resize(image, (int(w * scale), int(h * scale)))
        y0, x0 = (480 - face.shape[0]) // 2, (640 - face.shape[1]) // 2
        canvas[y0:y0 + face.shape[0], x0:x0 + face.shape[1]] = face
        return ImageListSource([canvas], fps=30.0, loop=True, pace=True)

    def _stop_camera(self) -> None:
        with self._lock:
            if self._grabber is not None:
                self._grabber.stop()
            self._grabber = None
            self._camera = None

    def run_face_check(self, portrait_png: bytes | None, progress, cancelled) -> FaceOutcome:
        """Blocking: best-of-N match against the chip portrait, plus the head-turn challenge.

        Analysis runs in a child process (kiosk.face.worker.AnalyzerProcess): dlib holds the
        GIL while it embeds, and in a thread it would slow the preview below 25 fps.
        """
        from kiosk.face import LivenessConfig, MatchPolicy, load_calibration, verify

        document = self.session.personal.document
        raw = self._portrait_image_bytes(document.files.get("DG2")) if document else None
        image = raw or portrait_png
        if image is None or self._grabber is None:
            raise RuntimeError("no portrait or no camera")
        liveness_on = bool(self.config.face.liveness) and not self.demo
        analyzer = self._face_analyzer()
        reference = analyzer.load_portrait(image)
        threshold = load_calibration().threshold(self.config.face.target_fmr)

        def on_progress(step) -> None:
            if step.liveness is not None and step.liveness.code not in ("passed",):
                progress(step.liveness.code)
            elif step.reasons:
                progress(step.reasons[0])
            else:
                progress("matching")

        result = verify(reference, self._grabber, analyzer, threshold=threshold,
                        policy=MatchPolicy(),
                        liveness=LivenessConfig() if liveness_on else None,
                        on_progress=on_progress, stop=cancelled)
        del reference  # the portrait's embedding is biometric data: keep it no longer
        if cancelled.is_set():
            raise InterruptedError("face check cancelled")
        if not liveness_on:
            live = "skipped_demo" if self.demo else "off"
        else:
            live = "passed" if result.liveness is not None and result.liveness.passed else "failed"
        accepted = result.decision == "match" and live != "failed"
        progress("ok" if accepted else "failed")
        reason = None if accepted else (result.liveness.reason if live == "failed" and result.liveness
                                        else result.reason or result.decision)
        return FaceOutcome(result, accepted, live, reason)

    def _face_analyzer(self):
        """One analysis child process for the kiosk's life (models load once, ~1-2 s), started
        on first use and restarted if it died."""
        from kiosk.face.worker import AnalyzerProcess

        with self._lock:
            if self._analyzer is None or not self._analyzer.alive:
                self._analyzer = AnalyzerProcess()
            return self._analyzer

    @staticmethod
    def face_prompt(code: str, language: str) -> str:
        """The citizen-facing text for a face-check progress code, from kiosk.face's own
        bilingual tables (quality reasons, liveness prompts), so wording lives in one place."""
        from kiosk.face.liveness import PROMPTS
        from kiosk.face.quality import REASONS

        i = 0 if language == "vi" else 1
        if code in PROMPTS:
            return PROMPTS[code][i]
        if code in REASONS:
            return REASONS[code][i]
        if code == "matching":
            return ("Đang so sánh với ảnh trên thẻ...", "Comparing with the photo on your card...")[i]
        if code == "ok":
            return PROMPTS["passed"][i]
        return ""

    @staticmethod
    def _portrait_image_bytes(dg2: bytes | None) -> bytes | None:
        if not dg2:
            return None
        from icao.lds.dg2 import parse_dg2

        return parse_dg2(dg2).portraits[0].data

    # --- forms -------------------------------------------------------------------------
    def prepare_draft(self) -> None:
        from kiosk.forms import prefill

        s = self.session
        if s.personal.identity is None or s.service_code is None:
            return
        s.set_draft(prefill(s.service_code, s.personal.identity, s.personal.extra or None))

    def draft_fields(self, language: str) -> list[FieldView]:
        draft = self.session.personal.draft
        if draft is None:
            return []
        views = []
        for f in draft.fields:
            err = draft.errors.get(f.key) if hasattr(draft, "errors") else None
            views.append(FieldView(
                key=f.key, label=f.label(language), value=f.display_value(),
                locked=f.locked, required=f.required,
                error=None if err is None else err.message(language)))
        return views

    def update_draft_field(self, key: str, value: str) -> None:
        from kiosk.forms import prefill

        s = self.session
        s.personal.extra = {**s.personal.extra, key: value}
        s.set_draft(prefill(s.service_code, s.personal.identity, s.personal.extra))

    def draft_valid(self) -> bool:
        draft = self.session.personal.draft
        return draft is not None and draft.valid

    def render_pdf(self) -> bytes:
        from kiosk.forms import render_pdf

        return render_pdf(self.session.personal.draft)

    def print_draft(self) -> tuple[bool, str]:
        from kiosk.forms import print_pdf

        try:
            p = self.config.printing
            where = print_pdf(self.render_pdf(), printer=p.printer, pdf_dir=p.pdf_dir or None)
        except Exception as exc:  # noqa: BLE001 - report to staff, never crash
            return False, f"{type(exc).__name__}"
        return True, str(where)

    # --- store ---------------------------------------------------------------------------
    def store(self):
        if self._store is None:
            from kiosk.store import open_store

            s = self.config.store
            self._store = open_store(s.url or None, key_file=s.key_file or None)
        return self._store

    def submit(self, *, actor: str, print_copy: bool = False) -> str:
        """Blocking: save the form (encrypted) with its outbox entry; returns the reference."""
        from kiosk.forms import to_json

        s = self.session
        document = to_json(s.personal.draft)
        subject = getattr(s.personal.identity, "id_number", None)
        submission = self.store().submit(s.service_code, document, actor=actor, subject=subject)
        if s.staff_override:
            # the reason is free text that may name someone: stored as an encrypted note
            self._audit("face.override", actor="staff", reference=submission.reference,
                        note=s.staff_override, subject=subject)
        if print_copy:
            self.print_draft()
        return submission.reference

    def _audit(self, event: str, *, actor: str, reference: str | None = None,
               details: dict | None = None, subject: str | None = None,
               note: str | None = None) -> None:
        from kiosk.store import AuditDetailsError, StoreError

        try:
            self.store().audit(event, actor=actor, reference=reference, details=details,
                               subject=subject, note=note)
        except AuditDetailsError:
            raise  # a programming error (personal data in clear details): never hide it
        except StoreError:  # the database is down: the kiosk goes on, diag health reports it
            log.warning("audit entry %s could not be written", event)

    def todays_submissions(self) -> list[tuple[str, str, str, str]]:
        try:
            rows = self.store().list_today()
        except Exception:  # noqa: BLE001
            return []
        return [(r.created_at.strftime("%H:%M"), r.reference, r.service_code, r.status) for r in rows]

    def override_face(self, reason: str) -> None:
        self.session.staff_override_face(reason)
        self.prepare_draft()

    # --- staff panel views ----------------------------------------------------------------
    def face_summary(self, language: str) -> str:
        outcome = self.session.personal.face_result
        if outcome is None:
            return "—"
        m = outcome.match
        if m is None or m.distance is None:
            return "no face" if language == "en" else "không thấy khuôn mặt"
        verdict = {"match": ("khớp", "match"), "no_match": ("không khớp", "no match"),
                   "undecided": ("chưa xác định", "undecided")}[m.decision]
        live = {"passed": ("đạt", "passed"), "failed": ("không đạt", "failed"),
                "skipped_demo": ("bỏ qua (demo)", "skipped (demo)"), "off": ("tắt", "off")}[outcome.liveness]
        i = 0 if language == "vi" else 1
        return (f"{'Khuôn mặt' if i == 0 else 'Face'}: {verdict[i]} "
                f"({m.distance:.3f} / {m.threshold:.3f}); liveness: {live[i]}")

    def check_lines(self, language: str) -> list[str]:
        v = self.session.personal.verification
        g = self.session.personal.genuineness
        lines = []
        if v is not None:
            for c in v.checks:
                mark = {"passed": "✔", "failed": "✘"}.get(str(c.status), "?")
                lines.append(f"{mark} {c.name}: {c.reason}")
        if g is not None:
            lines.append(f"{'✔' if g.status == 'genuine' else '✘'} chip: {g.status} — {g.reason}")
        return lines

    def identity_lines(self, language: str) -> list[tuple[str, str]]:
        ident = self.session.personal.identity
        if ident is None:
            return []
        return ident.display_lines(language)

    # --- technician ------------------------------------------------------------------------
    def technician_report(self, tab: str) -> str:
        from kiosk.diag import report_text

        return report_text(tab, self)
