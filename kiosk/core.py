"""The kiosk app's composition root: it builds the parts and runs the work the session asks for.

    KioskCore(config, demo=False, clock=time.monotonic, paint=None)
        .session   kiosk.session.Session: the citizen flow; it decides every transition
        .reading   kiosk.reading.ReadingService: reader choice -> read -> verify -> identity
        .face      kiosk.face.station.FaceStation: the shared camera and the face check
        .records   kiosk.records.Records: submissions, audit, today's list, printing
        .logins    kiosk.logins.Logins: named staff and technician logins (training login)
        .perform(work, report, cancelled) -> Apply      blocking: run it on a worker thread
        .failed(work, exc) -> Apply                     what a failed work means
        .trust_store() / .store() / .camera() / .printers()    for the technician tabs
    .place_demo_card(chip)    training: swap the card in the virtual reader (the next person)

The session says which work is due (`session.due`, kiosk.work); a runner calls `perform` off
the UI thread and calls the `Apply` it returns (and each progress `Apply`) on the session's
thread. The Qt window (ui/main_window.py) and the soak bench (kiosk/soak/runs.py) are the two
runners; neither decides anything. No Qt here.

In demo mode it also plugs the emulated vn-cccd chip into the vpcd virtual reader, shows a
still picture of the chip's holder as the camera, adds the test PKI to the trust store and
runs in training mode (so the virtual reader is allowed).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from icao.chip import ChipOptions, EmulatedChip
from icao.chip.card import AccessData
from icao.pki.store import TrustStore
from kiosk.config import Config, load_config
from kiosk.demo import DEMO_PORT, DEMO_READER, plug_in
from kiosk.diag import report_text
from kiosk.face.errors import FaceError
from kiosk.face.station import FaceStation, LiveCamera, NoCamera
from kiosk.forms import list_services
from kiosk.forms.printing import PaintPages, PrinterList, list_printers
from kiosk.logins import Logins
from kiosk.problems import Problem
from kiosk.reading import ReadingService, classify
from kiosk.records import Records
from kiosk.session import Session
from kiosk.store import Store
from kiosk.trust import load_trust_store
from kiosk.work import CheckFace, FindCard, ReadCard, Submit, Work
from nfc.vpcd import VirtualCard

log = logging.getLogger(__name__)

#: A result (or progress) of work, to be applied to the session on its own thread.
Apply = Callable[[], None]
Report = Callable[[Apply], None]


@dataclass(frozen=True)
class ServiceInfo:
    code: str
    name_vi: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" else self.name_en


class KioskCore:
    def __init__(self, config: Config, *, demo: bool = False,
                 clock: Callable[[], float] = time.monotonic,
                 paint: PaintPages | None = None,
                 printers: Callable[[], PrinterList] = list_printers) -> None:
        """`paint` and `printers`: the UI's Qt printing (ui/printing.py); without them forms
        print with `lp` and printers are listed from CUPS."""
        self.config = config
        self.demo = demo
        self.training = demo or config.kiosk.training_mode
        self.allow_quit = demo or not config.kiosk.fullscreen
        #: trust.require_genuine, on outside training: a card whose genuineness cannot be
        #: proven stops the citizen (not genuine and cloned always do).
        self.require_genuine = config.trust.require_genuine and not self.training
        self.session = Session(idle_timeout_s=config.kiosk.idle_timeout_s, clock=clock,
                               require_genuine=self.require_genuine)
        self.session.language = config.kiosk.language
        self.records = Records(config, training=self.training, paint=paint)
        self.logins = Logins(self.records.store, config, training=self.training)
        self.config_path: str | None = None  # the settings file (technician changes)
        self.face = FaceStation(config.camera, config.face, demo=demo)
        self.reading = ReadingService(config, training=self.training, trust=self.trust_store,
                                      demo_reader=DEMO_READER if demo else None)
        self.printers = printers
        self.demo_chip: EmulatedChip | None = None
        self.demo_access: AccessData | None = None  # the CAN to type, shown by the banner
        self.virtual_card: VirtualCard | None = None
        self._trust: TrustStore | None = None

    @classmethod
    def create(cls, *, config_path: str | None = None, demo: bool = False,
               paint: PaintPages | None = None,
               printers: Callable[[], PrinterList] = list_printers) -> KioskCore:
        core = cls(load_config(config_path), demo=demo, paint=paint, printers=printers)
        core.config_path = config_path
        if demo:
            core.start_demo()
        core.records.start_delivery()
        return core

    def start_demo(self, chip_options: ChipOptions | None = None, *,
                   camera_image: bytes | None = None) -> None:
        """Emulated vn-cccd chip in the virtual reader, and a still "camera" of its holder.

        `chip_options` and `camera_image` (JPEG of whoever stands at the "camera") let tests
        stage slow links, faults, a clone, or an impostor."""
        chip = EmulatedChip(chip_options or ChipOptions(profile="vn-cccd"))
        self.demo_chip = chip
        self.demo_access = chip.access_data
        self.face.demo_image = camera_image or chip.portrait_jpeg
        self.place_demo_card(chip)

    def place_demo_card(self, chip: EmulatedChip | None) -> None:
        """Training: the card in the virtual reader leaves, and `chip` (None: nothing) is put
        in its place, as the next person of a two-person service does. Returns at once; the
        reader's card events (pcscd) follow, so wait for the removal before placing the next
        card when the removal itself must be seen."""
        if self.virtual_card is not None:
            self.virtual_card.stop()
            self.virtual_card = None
        if chip is not None:
            self.virtual_card = plug_in(chip, DEMO_PORT)
            self.virtual_card.start()

    def shutdown(self) -> None:
        self.reading.readers.stop()
        self.face.close()
        self.place_demo_card(None)
        self.records.close()

    # --- what the screens and the technician tabs ask for --------------------------------
    def list_services(self) -> list[ServiceInfo]:
        return [ServiceInfo(s.code, s.name_vi, s.name_en) for s in list_services()]

    def retention_days(self) -> int:
        return int(self.config.store.retention_days_after_delivery)

    def trust_store(self) -> TrustStore:
        if self._trust is None:
            trust = load_trust_store(self.config.trust.dir or None)
            if self.demo:
                from icao.chip.testpki import demo_trust_anchors  # the demo's own test PKI

                for cert in demo_trust_anchors():
                    trust.add_csca(cert)
            self._trust = trust
        return self._trust

    def store(self) -> Store:
        return self.records.store()

    def camera(self) -> LiveCamera | None:
        return self.face.camera()

    def technician_report(self, tab: str) -> str:
        return report_text(tab, self)

    # --- the work the session asks for ---------------------------------------------------
    def perform(self, work: Work, report: Report, cancelled: threading.Event) -> Apply:
        """Blocking: do `work`; returns what to apply to the session. `report` receives
        progress, also as functions to apply on the session's thread."""
        s = self.session

        def while_due(step: Apply) -> None:  # progress of work a wipe replaced is dropped
            report(lambda: step() if s.due is work else None)

        if isinstance(work, FindCard):
            # why no reader is usable, with the driver evidence of a refused virtual one
            unusable = self.reading.readers.unusable()
            present = unusable is None and self.reading.readers.card_present()
            return lambda: s.card_search_finished(
                work, problem=unusable.problem if unusable else None, present=present,
                detail=unusable.detail if unusable else "")
        if isinstance(work, ReadCard):
            read = self.reading.read(
                work.key, qr=work.qr, cancelled=cancelled,
                progress=lambda stage, done, total: while_due(
                    lambda: s.read_progress(stage, done, total)))
            return lambda: s.read_finished(work, read)
        if isinstance(work, CheckFace):
            outcome = self.face.check(work.portrait.data,
                                      lambda code: while_due(lambda: s.face_progress(code)),
                                      cancelled)
            return lambda: s.face_finished(work, outcome)
        reference = self.records.submit(work)
        return lambda: s.submitted(work, reference)

    def failed(self, work: Work, exc: BaseException) -> Apply:
        """What a failed `perform(work)` means for the session (typed, never a guess)."""
        s = self.session
        if isinstance(work, FindCard):
            return lambda: s.card_search_finished(work, problem=Problem.NO_READER,
                                                  present=False)
        if isinstance(work, ReadCard):
            failure = classify(exc)
            return lambda: s.read_failed(work, failure)
        if isinstance(work, CheckFace):
            if isinstance(exc, InterruptedError):
                return lambda: None  # cancelled: the session has moved on
            problem = Problem.NO_CAMERA if isinstance(exc, NoCamera) else Problem.FACE_FAILED
            detail = exc.code if isinstance(exc, FaceError) else type(exc).__name__
            return lambda: s.face_failed(work, problem, detail)
        assert isinstance(work, Submit)
        return lambda: s.submit_failed(work, type(exc).__name__)

    def print_form(self) -> tuple[bool, str]:
        """Print the citizen's draft for staff: (True, where) or (False, why not)."""
        draft = self.session.personal.draft
        if draft is None:
            return False, "no form to print"
        return self.records.print_form(draft, reference=self.session.reference)
