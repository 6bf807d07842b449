"""Long runs: many full reads and many full kiosk sessions in one process, watching resources.

A kiosk runs for weeks without a restart, so a leak of one file descriptor, one thread or a few
kilobytes per citizen ends in a dead kiosk. `soak_reads` repeats the whole read the kiosk does
(a fresh PC/SC connection, PACE, every data group, CA/AA, passive authentication, the identity)
through pyscard -> pcscd -> vpcd -> the emulated chip; `soak_sessions` repeats whole citizen
sessions through `KioskCore` and `Session` (the code the Qt window drives, without the window;
the work the session asks for runs inline, `run_due_work`): consent, service, CAN, read,
face check against the demo camera, form, submission to the encrypted store, wipe.

Resources are sampled from /proc/self (Linux): resident memory (VmRSS), open descriptors, and
threads, both Python's (`threading`) and the kernel's (pcsclite and onnxruntime start native
ones). The baseline is taken after one warm-up iteration, so imports, model loads and caches
are not counted as growth. The kiosk's face analysis child process is sampled separately.

No personal data is reported: only counts, sizes and times.
"""

from __future__ import annotations

import gc
import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.forms import field_views

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.core import KioskCore

#: Targets of issue 10 for N = 1000.
MAX_MEMORY_GROWTH_PCT = 5.0
#: Service used for the sessions: the first one, whose only citizen field is "Kính gửi".
SOAK_SERVICE_FIELD_VALUE = "Công an phường Hoàn Kiếm"


class SoakError(RuntimeError):
    """A soak iteration failed (the read, the face check, the form or the store)."""


@dataclass(frozen=True)
class Sample:
    """Resources of one process at one moment."""

    iteration: int
    rss_kb: int
    fds: int
    python_threads: int
    os_threads: int


def _status_fields(pid: int | str = "self") -> dict[str, str]:
    out: dict[str, str] = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def sample(iteration: int = 0, *, collect: bool = True) -> Sample:
    """This process's resident memory, open descriptors and threads (after a gc, by default,
    so garbage not yet collected is not mistaken for a leak)."""
    if collect:
        gc.collect()
    status = _status_fields()
    fds = len(os.listdir("/proc/self/fd")) - 1  # listdir's own descriptor
    return Sample(iteration, int(status["VmRSS"].split()[0]), fds, threading.active_count(),
                  int(status["Threads"]))


def child_rss_kb(pid: int | None) -> int | None:
    if pid is None:
        return None
    try:
        return int(_status_fields(pid)["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


@dataclass
class SoakReport:
    """Figures of one soak phase ("reads" or "sessions")."""

    phase: str
    iterations: int
    warmup: Sample
    start: Sample
    end: Sample
    samples: list[Sample] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    failures: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def memory_growth_pct(self) -> float:
        return (self.end.rss_kb - self.start.rss_kb) * 100.0 / self.start.rss_kb

    @property
    def fd_growth(self) -> int:
        return self.end.fds - self.start.fds

    @property
    def thread_growth(self) -> int:
        return self.end.os_threads - self.start.os_threads

    @property
    def passed(self) -> bool:
        return (self.failures == 0 and self.memory_growth_pct < MAX_MEMORY_GROWTH_PCT
                and self.fd_growth <= 0 and self.thread_growth <= 0
                and self.end.python_threads <= self.start.python_threads)

    def as_dict(self) -> dict[str, Any]:
        secs = sorted(self.seconds)

        def pct(p: float) -> float | None:
            if not secs:
                return None
            return round(secs[min(len(secs) - 1, int(p * len(secs)))] * 1000, 1)

        return {
            "phase": self.phase, "iterations": self.iterations, "failures": self.failures,
            "rss_kb": {"before_warmup": self.warmup.rss_kb, "start": self.start.rss_kb,
                       "end": self.end.rss_kb},
            "memory_growth_pct": round(self.memory_growth_pct, 2),
            "fds": {"start": self.start.fds, "end": self.end.fds},
            "threads": {"python_start": self.start.python_threads,
                        "python_end": self.end.python_threads,
                        "os_start": self.start.os_threads, "os_end": self.end.os_threads},
            "ms_per_iteration": {"median": (round(statistics.median(secs) * 1000, 1)
                                            if secs else None),
                                 "p95": pct(0.95), "max": pct(1.0)},
            "samples": [vars(s) for s in self.samples],
            "targets": {"memory_growth_pct_below": MAX_MEMORY_GROWTH_PCT,
                        "fd_growth_at_most": 0, "thread_growth_at_most": 0},
            "passed": self.passed,
            **self.extra,
        }


def _checkpoints(n: int, count: int = 10) -> set[int]:
    return {max(1, round(n * k / count)) for k in range(1, count + 1)}


def _run(phase: str, n: int, one: Callable[[int], None], *,
         on_sample: Callable[[Sample], None] | None = None) -> SoakReport:
    """Warm up once, take the baseline, run `one(i)` n times, sampling ten times."""
    if n < 1:
        raise ValueError("the soak needs at least one iteration")
    before = sample(0)
    one(0)  # warm-up: imports, model loads, the first PC/SC context
    start = sample(0)
    checkpoints = _checkpoints(n)
    samples: list[Sample] = []
    seconds: list[float] = []
    for i in range(1, n + 1):
        t0 = time.perf_counter()
        one(i)
        seconds.append(time.perf_counter() - t0)
        if i in checkpoints:
            s = sample(i)
            samples.append(s)
            if on_sample:
                on_sample(s)
    return SoakReport(phase, n, before, start, samples[-1], samples, seconds)


# --- reads --------------------------------------------------------------------------------

def soak_reads(n: int, *, reader: str | None = None, can: str | None = None,
               on_sample: Callable[[Sample], None] | None = None) -> SoakReport:
    """n full reads, each on a fresh PC/SC connection, through the kiosk's reading pipeline
    (kiosk.reading: read_document, then inspect: PA, genuineness, verdict, identity).

    Without `reader`, starts the emulated vn-cccd chip in vpcd slot 0 (and removes it after).
    """
    import tempfile
    from datetime import UTC, datetime

    from icao.chip import ChipOptions, EmulatedChip
    from icao.chip.testpki import demo_trust_anchors
    from icao.keys import AccessKey
    from icao.reader import ReadOptions
    from kiosk.demo import plug_in
    from kiosk.reading import VerdictStatus, inspect, read_document
    from kiosk.trust import load_trust_store
    from nfc.errors import ReaderUnavailable
    from nfc.readers import wait_card_present
    from nfc.vpcd import SLOT_PORTS, reader_name

    card = None
    if reader is None:
        if can is not None:
            raise ValueError("--can goes with --reader (the emulated chip has its own CAN)")
        chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
        reader = reader_name(0)
        if not wait_card_present(reader, False, 0):
            raise ReaderUnavailable(f"{reader!r} already holds a card; remove it first.")
        card = plug_in(chip, SLOT_PORTS[0])
        card.insert()
        if not card.wait_connected(5) or not wait_card_present(reader, True, 10):
            card.stop()
            raise ReaderUnavailable("the emulated chip did not appear in vpcd slot 0: is pcscd "
                                    "running with vsmartcard-vpcd (`kiosk diag readers`)?")
        can = chip.access_data.can
    if can is None:
        raise ValueError("a reader needs the card's CAN")
    tmp = tempfile.TemporaryDirectory(prefix="kiosk-soak-trust-")
    trust = load_trust_store(tmp.name)
    for cert in demo_trust_anchors():
        trust.add_csca(cert)
    key = AccessKey.from_can(can)
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
        if card is not None:
            card.stop()
            wait_card_present(reader, False, 5)
        tmp.cleanup()
    report.extra["reader"] = reader
    report.extra["genuine_reads"] = counts["genuine"]
    return report


# --- sessions -----------------------------------------------------------------------------

def soak_config(folder: Path) -> Config:
    """A settings object with the store, key and trust store in `folder` (nothing shared)."""
    from kiosk.config.schema import Config, KioskSettings, StoreSettings, TrustSettings

    return Config(kiosk=KioskSettings(training_mode=True, fullscreen=False),
                  store=StoreSettings(url=f"sqlite:///{folder / 'kiosk.db'}",
                                      key_file=str(folder / "store.key")),
                  trust=TrustSettings(dir=str(folder / "trust")))


def run_due_work(core: KioskCore) -> None:
    """Perform the work the session asks for, inline, until none is due: the same
    `perform` / `failed` calls the Qt window makes on its worker threads."""
    cancelled = threading.Event()
    while (work := core.session.due) is not None:
        try:
            apply = core.perform(work, lambda progress: progress(), cancelled)
        except Exception as exc:  # noqa: BLE001 - the session turns it into a typed problem
            apply = core.failed(work, exc)
        apply()


def run_session(core: KioskCore, service_code: str) -> str:
    """One citizen, start to receipt, through the session; returns the reference. The
    citizen's taps are session events; the work they make due runs in `run_due_work`."""
    from kiosk.capture.keys import key_from_can
    from kiosk.session import Step

    s = core.session
    s.start("vi")
    s.consent(True)
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
    import tempfile

    from kiosk.core import KioskCore
    from kiosk.demo import DEMO_READER
    from nfc.errors import ReaderUnavailable
    from nfc.readers import wait_card_present

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
