"""`diag health`: is this kiosk ready to serve citizens? One verdict per part, with the reason.

"fail" means a technician is needed now (the kiosk cannot serve, or must not: a virtual
reader outside training mode lets anyone on the network "insert" a card, RIG.md); "warn"
means soon (a CRL about to expire, a growing outbox). The exit status of `kiosk diag health`
is non-zero exactly when an item fails. Every check catches its own errors: a health report
that crashes on the broken part it should name is no report.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.diag.common import Item, Status, store_for
from kiosk.forms.printing import PrinterList, PrinterServiceDown, list_printers

#: Disk space below which the store and PDFs are at risk (fail) or soon will be (warn).
DISK_FAIL_BYTES = 1 << 30
DISK_WARN_BYTES = 5 << 30
#: A trust store not refreshed for this long probably misses new CSCAs and link certificates.
TRUST_WARN_AGE = timedelta(days=120)
#: Warn this long before a CRL's nextUpdate (9303-12 7.1.4: CRLs are reissued at least every
#: 90 days; a kiosk offline over a long weekend must not reach the date unnoticed).
CRL_WARN_BEFORE = timedelta(days=7)
#: Undelivered submissions older than this mean the back office is not receiving.
OUTBOX_WARN_AGE = timedelta(hours=24)


@dataclass(frozen=True)
class HealthReport:
    items: tuple[Item, ...]
    checked_at: datetime

    @property
    def ok(self) -> bool:
        return not any(i.needs_technician for i in self.items)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def item(self, name: str) -> Item | None:
        return next((i for i in self.items if i.name == name), None)


def _guard(name: str, fn: Callable[[], Item]) -> Item:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a check that breaks is itself the finding
        return Item(name, "fail", f"the check could not run ({type(exc).__name__})")


def pcscd_socket() -> str:
    """Where the PC/SC client library looks for pcscd (pcsc-lite honours this variable)."""
    return os.environ.get("PCSCLITE_CSOCK_NAME", "/run/pcscd/pcscd.comm")


def check_pcsc(training: bool, reader_cfg: Any = None) -> tuple[Item, Item]:
    """(pcscd, readers). `reader_cfg` ([reader] settings) adds the name_pattern check."""
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers

    try:
        readers = list_readers()
    except PcscUnavailable as exc:
        code = f"PC/SC 0x{exc.code:08X}" if exc.code is not None else "no answer"
        return (Item("pcscd", "fail", f"the smart-card service pcscd is not reachable at "
                     f"{pcscd_socket()} ({code}): start pcscd (`systemctl start pcscd`)"),
                Item("readers", "fail", "unknown: pcscd is not reachable"))
    except NfcError as exc:
        return (Item("pcscd", "fail", f"pcscd answered with an error: {exc.message}"),
                Item("readers", "fail", "unknown: pcscd failed"))
    pcscd = Item("pcscd", "ok", "reachable", pcscd_socket())
    physical = [r for r in readers if not r.is_virtual]
    virtual = [r for r in readers if r.is_virtual]
    names = ", ".join(r.name for r in readers)
    if virtual and not training:
        # by driver, whatever the name (docs/security.md): the evidence names the driver
        from kiosk.reading.readers import virtual_evidence

        evidence = " | ".join(virtual_evidence(r) for r in virtual)
        return pcscd, Item("readers", "fail", f"{len(virtual)} virtual reader(s) (vpcd) outside "
                           "training mode: anyone on the network can present a card; the "
                           "kiosk refuses them. Remove the vsmartcard-vpcd package and its "
                           f"reader.conf entry. Evidence: {evidence}", names)
    if not physical and not (training and virtual):
        return pcscd, Item("readers", "fail", "no contactless reader connected: check the "
                           "reader's USB cable")
    usable = physical or virtual
    pattern = (getattr(reader_cfg, "name_pattern", "") or "").casefold()
    if pattern and not any(pattern in r.name.casefold() for r in usable):
        return pcscd, Item("readers", "fail", f"no reader matches reader.name_pattern "
                           f"{reader_cfg.name_pattern!r}: plug that reader in or fix the "
                           "setting", names)
    return pcscd, Item("readers", "ok", f"{len(usable)} reader(s)"
                       + (" (training mode: virtual allowed)" if virtual else ""), names)


def check_camera(config: Any, camera: Any = None) -> Item:
    """The shared camera's latest frame when given (the core already holds the device);
    otherwise open the configured source, read one frame and close it."""
    if camera is not None:
        frame = camera.latest() if hasattr(camera, "latest") else None
        if frame is None:
            return Item("camera", "fail", "the camera is open but has delivered no frame")
        return Item("camera", "ok", "delivering frames", f"{frame.shape[1]}x{frame.shape[0]}")
    from kiosk.face.camera import open_source
    from kiosk.face.errors import FaceError

    c = config.camera
    spec = c.source or c.index
    try:
        with open_source(spec, width=c.width, height=c.height, fps=c.fps) as source:
            frame = source.read()
    except FaceError as exc:
        return Item("camera", "fail", str(exc))
    if frame is None:
        return Item("camera", "fail", f"{source.description} delivered no frame")
    w, h = frame.size
    return Item("camera", "ok", f"{source.description} opens", f"{w}x{h}")


def check_printer(config: Any, printers: Callable[[], PrinterList] = list_printers) -> Item:
    """`printers` lists the system's printers: CUPS by default; the kiosk app passes one that
    also asks Qt's print support (ui/printing.py)."""
    p = config.printing
    if p.printer == "pdf":
        folder = Path(p.pdf_dir) if p.pdf_dir else None
        if folder is not None and folder.exists() and not os.access(folder, os.W_OK):
            return Item("printer", "fail", "printing goes to PDF files but the folder is not "
                        "writable", str(folder))
        return Item("printer", "ok", "printing to PDF files (printing.printer = \"pdf\")")
    try:
        names, default = printers()
    except PrinterServiceDown as exc:
        return Item("printer", "fail", str(exc))
    if p.printer:
        if p.printer in names:
            return Item("printer", "ok", "configured printer present", p.printer)
        return Item("printer", "fail", f"the configured printer is not installed; known: "
                    f"{', '.join(names) or 'none'}", p.printer)
    if default:
        return Item("printer", "ok", "default printer", default)
    if names:
        return Item("printer", "warn", "printers exist but none is the default; set "
                    "printing.printer", ", ".join(names))
    return Item("printer", "fail", "no printer installed (CUPS/Qt list none): connect the "
                "printer or set printing.printer = \"pdf\"")


def check_trust(config: Any, now: datetime, store: Any = None) -> tuple[Item, Item]:
    """(trust store age, CRL next update), from the disk index (it knows import times) and,
    when the core's in-memory store is given, from that too (demo anchors live only there)."""
    from kiosk.trust.disk import DiskTrustStore
    from kiosk.trust.location import trust_dir

    root = trust_dir(config.trust.dir or None)
    entries = DiskTrustStore(root).entries()
    certs = [e for e in entries if e.kind in ("csca", "link")]
    in_memory = len(store.certificates()) if store is not None else 0
    if not certs and not in_memory:
        age = Item("trust store", "fail", "no CSCA certificate: passive authentication cannot "
                   "pass; import the master list (`kiosk trust import-ml`)", str(root))
    elif not certs:
        age = Item("trust store", "ok", f"{in_memory} certificates in memory (demo)")
    else:
        newest = max(datetime.fromisoformat(e.imported_at) for e in certs)
        days = (now - newest).days
        status: Status = "warn" if now - newest > TRUST_WARN_AGE else "ok"
        age = Item("trust store", status, f"{len(certs)} certificates, last import {days} days "
                   "ago" + ("; import the latest master list" if status == "warn" else ""))
    next_updates: list[datetime] = []
    for e in entries:
        if e.kind == "crl" and e.not_after:
            next_updates.append(datetime.fromisoformat(e.not_after))
    if store is not None:
        next_updates += [c.next_update for c in store.crls() if c.next_update is not None]
    if not next_updates:
        crl = Item("CRL", "warn", "no CRL imported: revocation is not checked "
                   "(`kiosk trust import-crl`)")
    else:
        soonest = min(_utc(d) for d in next_updates)
        if soonest < now:
            crl = Item("CRL", "fail", f"a CRL expired on {soonest.date().isoformat()}: import "
                       "the current CRL", soonest.isoformat())
        elif soonest - now < CRL_WARN_BEFORE:
            crl = Item("CRL", "warn", f"a CRL expires on {soonest.date().isoformat()}: import "
                       "the next one now", soonest.isoformat())
        else:
            crl = Item("CRL", "ok", f"next update {soonest.date().isoformat()}",
                       f"{len(next_updates)} CRL(s)")
    return age, crl


def _utc(d: datetime) -> datetime:
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d


def check_database(config: Any, now: datetime, store: Any = None) -> Item:
    from kiosk.store import StoreError

    try:
        with store_for(config, store) as opened:
            stats, backend = opened.outbox_stats(), opened.backend
    except StoreError as exc:
        return Item("database", "fail", str(exc))
    backlog = f"{stats.pending} pending, {stats.failed} failed"
    if stats.failed:
        return Item("database", "warn", f"reachable; {stats.failed} submission(s) failed "
                    "delivery: check the back office and retry", backlog)
    if stats.oldest_pending_at is not None and now - _utc(stats.oldest_pending_at) \
            > OUTBOX_WARN_AGE:
        hours = int((now - _utc(stats.oldest_pending_at)).total_seconds() // 3600)
        return Item("database", "warn", f"reachable; the oldest undelivered submission is "
                    f"{hours} h old: is the back office reachable?", backlog)
    return Item("database", "ok", f"reachable ({backend})", backlog)


def check_disk(path: Path | None = None) -> Item:
    from kiosk.config import user_data_dir

    target = path or user_data_dir()
    probe = target
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    usage = shutil.disk_usage(probe)
    free_gib = usage.free / (1 << 30)
    value = f"{free_gib:.1f} GiB free of {usage.total / (1 << 30):.1f} GiB at {probe}"
    if usage.free < DISK_FAIL_BYTES:
        return Item("disk", "fail", "less than 1 GiB free: the store and PDFs may fail; free "
                    "space", value)
    if usage.free < DISK_WARN_BYTES:
        return Item("disk", "warn", "less than 5 GiB free", value)
    return Item("disk", "ok", "enough free space", value)


def check_health(config: Any, *, store: Any = None, trust: Any = None, camera: Any = None,
                 printers: Callable[[], PrinterList] = list_printers,
                 now: datetime | None = None, skip: tuple[str, ...] = (),
                 training: bool | None = None) -> HealthReport:
    """Every check, in the order a technician fixes them. `store`, `trust`, `camera` are the
    core's live objects when called from the UI; None opens them from `config`. `training`:
    the running kiosk's actual mode (a demo is training whatever the file says); None: the
    settings file's `kiosk.training_mode`."""
    now = now or datetime.now(UTC)
    training = bool(config.kiosk.training_mode) if training is None else training
    items: list[Item] = []
    if "pcsc" not in skip:
        try:
            items.extend(check_pcsc(training, config.reader))
        except Exception as exc:  # noqa: BLE001
            items.append(Item("pcscd", "fail", f"the check could not run ({type(exc).__name__})"))
    if "camera" not in skip:
        items.append(_guard("camera", lambda: check_camera(config, camera)))
    if "printer" not in skip:
        items.append(_guard("printer", lambda: check_printer(config, printers)))
    if "trust" not in skip:
        try:
            items.extend(check_trust(config, now, trust))
        except Exception as exc:  # noqa: BLE001
            items.append(Item("trust store", "fail", f"unreadable ({type(exc).__name__}: "
                              f"{exc})"))
    if "database" not in skip:
        items.append(_guard("database", lambda: check_database(config, now, store)))
    if "disk" not in skip:
        items.append(_guard("disk", check_disk))
    if "settings" not in skip:  # issue 16: weakened settings, delivery (diag/accountability)
        from kiosk.diag.accountability import check_delivery, check_settings

        try:
            items.extend(check_settings(config, store))
        except Exception as exc:  # noqa: BLE001
            items.append(Item("settings", "fail", f"the check could not run "
                              f"({type(exc).__name__})"))
        items.append(_guard("delivery", lambda: check_delivery(config, store)))
    return HealthReport(tuple(items), now)


def render_text(report: HealthReport) -> str:
    lines = [i.line() for i in report.items]
    verdict = ("All good." if report.ok else
               f"{sum(i.needs_technician for i in report.items)} item(s) need a technician.")
    return "\n".join([*lines, "", verdict]) + "\n"
