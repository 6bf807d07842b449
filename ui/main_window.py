"""The kiosk window: one page per session step, plus the staff and technician areas.

It shows the page of the session's step (kiosk.session, through SessionBridge), runs the work
the session says is due (`session.due`: find the card, read it, check the face, submit) on a
worker thread through `core.perform` and applies the result on the UI thread, turns reader
events into session events, runs the idle timer, and locks the window down in kiosk mode.
Pages render; this class routes; kiosk/ decides. No screen starts work on its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import Apply, KioskCore
from kiosk.logins import TRAINING_ID, TRAINING_PIN
from kiosk.session import Step, WipeReason
from kiosk.work import Work
from ui import i18n
from ui.bridge import SessionBridge
from ui.screens.access import AccessKeyScreen
from ui.screens.card import PlaceCardScreen, ReadingScreen
from ui.screens.consent import ConsentScreen
from ui.screens.error import ErrorScreen
from ui.screens.face import FaceScreen
from ui.screens.login import LoginScreen
from ui.screens.party import PartyBanner, PartyScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.review import ReviewScreen
from ui.screens.service import ServiceScreen
from ui.screens.staff import StaffScreen
from ui.screens.technician import TechnicianScreen
from ui.screens.welcome import WelcomeScreen
from ui.widgets.appearance import appearance
from ui.workers import Job, run_in_pool

log = logging.getLogger(__name__)


class _CardEvents(QObject):
    """Reader events arrive on a monitor thread; these signals hop them to the UI thread."""

    present = Signal(str)
    removed = Signal(str)


def _apply(apply: Apply) -> None:
    apply()


class CurrentPageStack(QStackedWidget):
    """A stack as large as the page it shows, not as its largest page: the staff panel (taller,
    behind a login) must not push a citizen page with the party banner past a 1080 px screen.
    Every page is checked to fit on its own (tests/ui/test_i18n.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class KioskWindow(QMainWindow):
    def __init__(self, core: KioskCore, *, kiosk_mode: bool = True, role: str = "citizen"):
        super().__init__()
        self.core = core
        self.session = core.session
        self.kiosk_mode = kiosk_mode
        self.setWindowTitle("Chip ID kiosk")
        self.bridge = SessionBridge(self.session, self)
        self.stack = CurrentPageStack()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if core.training:
            # never let a training kiosk pass for a real one: a banner on every screen
            self.banner = QLabel(self._banner_text())
            self.banner.setObjectName("trainingBanner")
            self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.banner.setWordWrap(True)
            self.banner.setStyleSheet("background: #ffcc00; color: #111111; font-size: 22px; "
                                      "font-weight: 700; padding: 6px;")
            column.addWidget(self.banner)
        self.party_banner = PartyBanner(core)  # whose card, while another party's is read
        column.addWidget(self.party_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.welcome = WelcomeScreen(core)
        self.consent = ConsentScreen(core)
        self.service = ServiceScreen(core)
        self.party = PartyScreen(core)
        self.access = AccessKeyScreen(core)
        self.place_card = PlaceCardScreen(core)
        self.reading = ReadingScreen(core)
        self.face = FaceScreen(core)
        self.review = ReviewScreen(core)
        self.receipt = ReceiptScreen(core)
        self.error = ErrorScreen(core)
        self.login = LoginScreen(core)
        self.staff = StaffScreen(core)
        self.technician = TechnicianScreen(core)
        self.pages = {
            Step.WELCOME: self.welcome, Step.CONSENT: self.consent, Step.SERVICE: self.service,
            Step.PARTY: self.party, Step.ACCESS_KEY: self.access,
            Step.PLACE_CARD: self.place_card,
            Step.READING: self.reading, Step.FACE: self.face, Step.REVIEW: self.review,
            Step.SUBMITTING: self.reading, Step.RECEIPT: self.receipt, Step.ERROR: self.error,
        }
        self.screens = [self.welcome, self.consent, self.service, self.party, self.access,
                        self.place_card, self.reading, self.face, self.review, self.receipt,
                        self.error, self.login, self.staff, self.technician]
        for screen in self.screens:
            self.stack.addWidget(screen)
        self.current = self.welcome
        self.role = "citizen"  # who is using the screen now: citizen, staff or technician
        self.staff_login = None  # the named login (kiosk.accounts.StaffLogin) of that person
        self._job: Job | None = None  # the session's due work, running

        # citizen flow
        self.welcome.languageChosen.connect(self._language_chosen)
        self.welcome.staffRequested.connect(lambda: self._ask_pin("staff"))
        self.consent.answered.connect(
            lambda given, consent_id: self.session.consent(given, consent_id=consent_id))
        self.service.chosen.connect(self.session.choose_service)
        self.service.cancelled.connect(self.session.cancel)
        self.access.keyReady.connect(self.session.set_access_key)
        self.access.cancelled.connect(self.session.cancel)
        self.review.confirmed.connect(lambda copy: self.session.confirm(print_copy=copy))
        self.error.staffRequested.connect(lambda: self._ask_pin("staff"))
        self.error.mrzRequested.connect(self._mrz_route)
        # staff and technician
        self.login.loggedIn.connect(self._logged_in)
        self.login.cancelled.connect(self._back_to_citizen)
        self.staff.loggedOut.connect(self._back_to_citizen)
        self.staff.editRequested.connect(self._staff_edit)
        self.technician.loggedOut.connect(self._back_to_citizen)

        self.bridge.stepChanged.connect(self._step_changed)
        self.bridge.workDue.connect(self._run_due_work)
        self.bridge.progressChanged.connect(self.reading.set_progress)
        self.bridge.faceHintChanged.connect(self.face.set_hint)
        self.bridge.wiped.connect(self._wiped)
        self.bridge.partyChanged.connect(self._party_changed)

        self.card_events = _CardEvents()
        self.card_events.present.connect(lambda _reader: self.session.card_present())
        self.card_events.removed.connect(lambda _reader: self.session.card_removed())
        self.core.reading.readers.watch(self.card_events.present.emit,
                                        self.card_events.removed.emit)

        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self._check_idle)
        self.idle_timer.start()

        if kiosk_mode:
            self._lock_down()
        if role in ("staff", "technician"):
            self._ask_pin(role)
        else:
            self._show(self.welcome)

    def _banner_text(self) -> str:
        text = "ĐÀO TẠO / DEMO · TRAINING — không dùng cho hồ sơ thật · not for real applications"
        access = self.core.demo_access
        if access is not None:
            text += f" · CAN {access.can} · {TRAINING_ID} / {TRAINING_PIN}"
        return text

    # --- navigation -------------------------------------------------------------------
    def _show(self, screen) -> None:
        if screen is not self.current:
            self.current.leave()
        self.current = screen
        self.stack.setCurrentWidget(screen)
        screen.enter()

    def _step_changed(self, step: Step) -> None:
        self.party_banner.update_from(step)
        if self.role != "citizen" and step is not Step.WELCOME:
            return  # staff are looking at their panel; the flow goes on underneath
        self._show(self.pages[step])

    def _party_changed(self) -> None:
        self.party_banner.update_from(self.session.step)
        self.party.refresh()

    def _language_chosen(self, language: str) -> None:
        self.session.language = language
        i18n.install(language)
        for screen in self.screens:
            screen.retranslate()
        self.session.start(language)

    def _mrz_route(self) -> None:
        """The card blocked its CAN: back to the access key, reading the MRZ."""
        self.access.use_mrz_next()
        self.session.retry()

    def _wiped(self, reason: WipeReason) -> None:
        self._cancel_job()
        appearance().reset()  # large text and high contrast were this citizen's choice
        for screen in self.screens:
            screen.wipe()
        if reason is WipeReason.IDLE:
            self.welcome.show_notice("Dữ liệu của bạn đã được xóa · Your data has been erased")
        elif reason is WipeReason.CARD_REMOVED:
            self.welcome.show_notice("Thẻ đã được rút, dữ liệu đã xóa · Card removed, data erased")
        else:
            self.welcome.show_notice("")
        if self.role == "staff" or (self.role == "citizen" and self.staff_login is not None):
            self._back_to_citizen()  # the staff member who took over the form is done

    def _check_idle(self) -> None:
        if self.role == "citizen":
            self.session.check_idle()
        elif self.session.idle_seconds() >= self.session.idle_timeout_s:
            self._back_to_citizen()  # a staff or technician area left open: log them out

    # --- the work the session asks for ----------------------------------------------------
    def _run_due_work(self) -> None:
        """Run `session.due` on a worker thread; its progress and result are applied here,
        on the UI thread (a result of work no longer due is dropped by the session)."""
        work: Work | None = self.session.due
        if work is None:
            return
        self._cancel_job()
        self._job = run_in_pool(
            lambda report, cancelled: self.core.perform(work, report, cancelled),
            on_result=_apply, on_progress=_apply,
            on_error=lambda exc: self.core.failed(work, exc)())

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    # --- staff and technician -------------------------------------------------------------
    def _ask_pin(self, role: str) -> None:
        self.login.ask(role)
        self._show(self.login)

    def _logged_in(self, login) -> None:  # noqa: ANN001 - kiosk.accounts.StaffLogin
        self.role = self.login.role  # the area asked for (a technician may open staff's)
        self.staff_login = login
        screen = self.staff if self.role == "staff" else self.technician
        screen.open(login)
        self._show(screen)

    def _staff_edit(self) -> None:
        self.role = "citizen"  # staff continue in the citizen flow on the citizen's behalf
        self.session.staff_take_over(self.staff_login.actor if self.staff_login else "staff")
        self._show(self.pages[self.session.step])

    def _back_to_citizen(self) -> None:
        login, self.staff_login = self.staff_login, None
        if login is not None:  # the person leaves: audited under their name, off the UI thread
            self.staff.log_out()
            self.technician.log_out()
            run_in_pool(lambda _p, _c: self.core.logins.logout(login))
        self.role = "citizen"
        self._show(self.pages[self.session.step])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        portrait = event.size().height() > event.size().width()
        for screen in self.screens:
            screen.fit_header(event.size().width())
            screen.set_portrait(portrait)
        # hidden pages changed shape: let the stack and the window recompute their minimum
        self.stack.updateGeometry()
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if layout is not None:
            layout.invalidate()
        super().resizeEvent(event)

    # --- kiosk lockdown -----------------------------------------------------------------
    def _lock_down(self) -> None:
        """Full screen, no decorations, no context menus, no shortcuts out.

        The filter goes on the application, not only on this window: context menus and keys are
        delivered to the child under the pointer or with focus (a scroll bar's "Scroll here"
        menu, a text view's "Copy / Select all"), which a filter on the window never sees
        (tests/hardening/test_lockdown.py found 33 such menus with the window filter alone).
        """
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # removed by Qt when this window is destroyed

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if not self.kiosk_mode:
            return False
        if event.type() == QEvent.Type.ContextMenu:
            return True
        if event.type() == QEvent.Type.KeyPress:
            mods = event.modifiers()
            key = event.key()
            if (mods & Qt.KeyboardModifier.AltModifier and key == Qt.Key.Key_F4) or \
               (mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Q, Qt.Key.Key_W)) or \
               key in (Qt.Key.Key_Escape, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta):
                return True
        return False

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.kiosk_mode and not self.core.allow_quit:
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)  # a closed kiosk window must not filter other windows
        self.core.shutdown()
        event.accept()
