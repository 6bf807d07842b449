"""`diag card`: what this card offers and how a read of it goes, without personal data.

First the probes that need no key (kiosk/diag/card_probes.py: EF.CardAccess, SELECT MF,
extended length, the largest short Le). Then, with a key, a full read of every data group
(absent ones answer 6A82, DG3/DG4 need terminal authentication and are not asked) with
per-step timings and APDU counts, judged by the kiosk's own pipeline (kiosk.reading.inspection:
passive authentication, CA/PACE-CAM, AA, the verdict, the parsed views), so a technician sees
the verdict the citizen flow would act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from icao.document import AccessInfo, Document
from icao.keys import AccessKey
from icao.lds.decoder import ParsedFiles
from icao.pki.store import TrustStore
from kiosk.diag.card_probes import (
    AccessMethod,
    Probe,
    decode_access_methods,
    probe_card_access,
    probe_extended_length,
    probe_max_short_le,
    probe_select_mf,
)
from kiosk.diag.common import Item, Status, masked
from kiosk.diag.profiles import ReaderSetup, default_setup
from kiosk.diag.runner import instrumented_read
from kiosk.reading import inspect, unverified_views
from kiosk.reading.proofs import Proof, chip_proofs
from nfc.transport import PcscTransport

#: Every data group of the LDS (9303-10 4.6): the read tells which are present.
ALL_FILES: tuple[str, ...] = ("COM", "SOD", *(f"DG{n}" for n in range(1, 17)))

_AUTH_ERRORS = (0x6987, 0x6988)


@dataclass(frozen=True)
class FileInfo:
    name: str
    status: str  # "read", "absent", "denied", "needs_terminal_auth", "not_read"
    size: int | None = None
    listed_in_com: bool | None = None


@dataclass(frozen=True)
class StepInfo:
    name: str
    ms: float
    apdus: int
    link_bytes: int


@dataclass(frozen=True)
class ReadSummary:
    ok: bool
    seconds: float
    apdus: int  # wire exchanges
    reconnects: int
    read_size: int | None
    access: str | None  # "PACE-GM CAN AES-128 brainpoolP256r1" / "BAC MRZ 3DES"
    settings: str
    steps: tuple[StepInfo, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardReport:
    """Everything `kiosk diag card` found. No field holds personal data."""

    reader: str
    atr: str
    atr_extended_length: bool | None
    card_access: Probe
    access_methods: tuple[AccessMethod, ...]
    select_mf: Probe
    extended_length: Probe
    max_short_le: Probe
    read: ReadSummary | None
    files: tuple[FileInfo, ...] = ()
    proofs: tuple[Proof, ...] = ()
    personal: dict[str, Any] = field(default_factory=dict)
    items: tuple[Item, ...] = ()

    @property
    def needs_technician(self) -> bool:
        return any(i.needs_technician for i in self.items)


# -- the whole diagnosis --------------------------------------------------------------------

def diagnose_card(reader: str | None, key: AccessKey | None = None, *,
                  setup: ReaderSetup | None = None, trust: TrustStore | None = None,
                  at: datetime | None = None, timeout: float | None = None,
                  require_crl: bool = False) -> CardReport:
    """Probe the card in `reader` and, given an access key, read it fully and verify it.

    `setup` is a kiosk.diag.profiles.ReaderSetup (default: [reader] defaults); `trust` an
    icao.pki TrustStore for passive authentication (None: passive authentication is reported
    as not performed); `require_crl` the kiosk's `[trust] require_crl`, so the verdict is the
    one the citizen flow would act on.
    """
    with PcscTransport(reader, timeout=timeout or 5.0) as transport:
        name = transport.reader
        setup = setup or default_setup(name)
        transport.reconnect()
        atr = transport.decoded_atr
        ca_probe, ca_raw = probe_card_access(transport)
        if ca_probe.sw in _AUTH_ERRORS:
            transport.reconnect()
            ca_probe, ca_raw = probe_card_access(transport)
        methods, decode_error = decode_access_methods(ca_raw) if ca_raw else ((), None)
        if decode_error:
            ca_probe = Probe("card_access", ca_probe.sw, "error", decode_error, ca_probe.value)
        select_mf = probe_select_mf(transport)
        ext = probe_extended_length(transport)
        short = probe_max_short_le(transport)
    report_atr = atr.raw.hex(" ").upper() if atr else ""

    read_summary = None
    files: tuple[FileInfo, ...] = ()
    proofs: tuple[Proof, ...] = ()
    personal: dict[str, Any] = {}
    warnings: list[Item] = []
    if key is not None:
        max_read = setup.max_read
        extended = setup.extended
        if short.verdict == "capped" and short.value is not None and max_read > short.value:
            warnings.append(Item("read settings", "warn",
                                 f"the chip caps Le at {short.value} but max_read is "
                                 f"{setup.max_read}: run `kiosk diag calibrate --apply`"))
            max_read = short.value
        if ext.verdict in ("not_supported", "reader_failed") and extended is not False:
            warnings.append(Item("read settings", "warn",
                                 "extended length fails here but the settings try it: run "
                                 "`kiosk diag calibrate --apply`"))
            extended = False
        options = setup.read_options(max_read=max_read, extended=extended)
        settings = (f"extended {'never' if extended is False else 'try'}, max read "
                    f"{max_read}, retries {setup.retries}, APDU timeout "
                    f"{setup.apdu_timeout_s:g} s")
        run = instrumented_read(name, key, options=options, files=ALL_FILES,
                                timeout=setup.apdu_timeout_s)
        doc = run.document
        read_summary = ReadSummary(
            ok=run.ok, seconds=round(run.seconds, 4), apdus=run.apdus,
            reconnects=run.reconnects, read_size=run.read_size,
            access=_access_text(doc.access) if doc is not None else None, settings=settings,
            steps=tuple(StepInfo(s.name, round(s.seconds * 1000, 2), s.apdus, s.link_bytes)
                        for s in doc.steps) if doc is not None else (),
            error=run.error, warnings=tuple(doc.warnings) if doc is not None else ())
        if doc is not None:
            judged = inspect(doc, trust, at or datetime.now(UTC), with_identity=False,
                             require_crl=require_crl)
            # without a trust store nothing verifies; the technician still sees the files'
            # shape (DG1 masked), parsed by the same icao.lds parsers
            views = judged.views if trust is not None else unverified_views(doc.files)
            files = _files(doc, views)
            proofs = chip_proofs(doc, judged,
                                 skipped=None if trust is not None else "no trust store was given")
            personal = _personal(views, "DG13" in doc.files)
    items = _items(ca_probe, methods, select_mf, ext, short, read_summary, proofs, warnings)
    return CardReport(name, report_atr, atr.extended_length if atr else None, ca_probe,
                      methods, select_mf, ext, short, read_summary, files, proofs, personal,
                      items)


def _access_text(access: AccessInfo) -> str:
    parts: list[str] = [access.protocol]
    if access.mapping:
        parts[0] += f"-{access.mapping}"
    parts += [access.password.upper(), access.cipher]
    if access.curve:
        parts.append(access.curve)
    return " ".join(parts)


def _files(doc: Document, views: ParsedFiles) -> tuple[FileInfo, ...]:
    listed = {f"DG{n}" for n in views.com.data_groups} if views.com is not None else None
    out = []
    for name in ("CardAccess", "CardSecurity", *ALL_FILES):
        in_com = None if listed is None or not name.startswith("DG") else name in listed
        if name in doc.files:
            out.append(FileInfo(name, "read", len(doc.files[name]), in_com))
        elif name in doc.absent:
            out.append(FileInfo(name, "absent", None, in_com))
        elif name in ("DG3", "DG4"):
            # never asked: 9303-11 7.1, biometrics behind terminal authentication
            out.append(FileInfo(name, "needs_terminal_auth", None, in_com))
        elif name in doc.denied:
            out.append(FileInfo(name, "denied", None, in_com))
        elif name.startswith("DG") or name in ("COM", "SOD"):
            out.append(FileInfo(name, "not_read", None, in_com))
    return tuple(out)


def _personal(views: ParsedFiles, dg13_read: bool) -> dict[str, Any]:
    """What DG1 looks like, without its content: format, issuer, check digits, lengths."""
    if views.dg1 is None:
        return {"dg1": "does not parse" if "DG1" in views.errors else "not read"}
    mrz = views.dg1.mrz
    return {
        "dg1": "parsed", "format": views.dg1.format, "document_code": mrz.document_code,
        "issuing_state": mrz.issuing_state,
        "check_digits_valid": all(mrz.checks.values()),
        "document_number": masked(mrz.document_number), "birth_date": masked(mrz.birth_date),
        "expiry_date": masked(mrz.expiry_date),
        "name": masked(" ".join(n for n in mrz.names if n)),
        "dg13": "present" if dg13_read else "absent",
    }


def _items(ca: Probe, methods: tuple[AccessMethod, ...], select_mf: Probe, ext: Probe,
           short: Probe, read: ReadSummary | None, proofs: tuple[Proof, ...],
           extra: list[Item]) -> tuple[Item, ...]:
    items: list[Item] = []
    pace = [m for m in methods if m.kind == "PACE"]
    if ca.verdict == "present":
        usable = [m for m in pace if m.supported]
        if usable:
            items.append(Item("access", "ok", f"PACE offered: {usable[0].name}"
                              + (f" on {usable[0].curve}" if usable[0].curve else "")))
        else:
            items.append(Item("access", "warn", "EF.CardAccess offers no PACE variant the "
                              "kiosk knows: only BAC (MRZ) can open this card"))
    elif ca.verdict == "absent":
        items.append(Item("access", "warn", "no EF.CardAccess: BAC only, the CAN cannot open "
                          "this card; use the MRZ"))
    else:
        items.append(Item("access", "fail", f"EF.CardAccess: {ca.detail}"))
    items.append(Item("SELECT MF", "ok", select_mf.detail))
    ext_status: Status = "ok" if ext.verdict in ("supported", "capped") else "warn"
    items.append(Item("extended len", ext_status, ext.detail))
    items.append(Item("max Le", "ok" if short.verdict in ("full", "capped") else "warn",
                      short.detail))
    items.extend(extra)
    if read is not None:
        if read.ok:
            items.append(Item("read", "ok", f"{read.apdus} APDUs in {read.seconds:.3f} s, "
                              f"read size {read.read_size}, {read.reconnects} reconnects"))
        else:
            items.append(Item("read", "fail", f"the read failed: {read.error}"))
    for p in proofs:
        status: Status = ("ok" if p.status in ("passed", "genuine") else
                          "fail" if p.status in ("failed", "cloned", "not_genuine") else "warn")
        items.append(Item(p.name.replace("_authentication", " auth"), status,
                          f"{p.status}: {p.reason}"))
    return tuple(items)


def render_text(report: CardReport) -> str:
    """The report as the technician screen and `kiosk diag card` show it."""
    lines = [f"Card in {report.reader}", f"ATR: {report.atr or '-'}"
             + ("" if report.atr_extended_length is None else
                f" (extended length {'announced' if report.atr_extended_length else 'not announced'})"),
             ""]
    lines += [i.line() for i in report.items]
    if report.access_methods:
        lines += ["", "EF.CardAccess:"]
        for m in report.access_methods:
            extra = f", {m.curve}" if m.curve else ""
            lines.append(f"  {m.kind:<5} {m.name}{extra} ({m.oid})"
                         + ("" if m.supported else " [not supported by the kiosk]"))
    if report.read is not None and report.read.steps:
        lines += ["", f"Read ({report.read.access}; {report.read.settings}):",
                  f"  {'step':<22} {'ms':>9} {'APDUs':>6} {'bytes':>7}"]
        for s in report.read.steps:
            lines.append(f"  {s.name:<22} {s.ms:>9.2f} {s.apdus:>6} {s.link_bytes:>7}")
        for w in report.read.warnings:
            lines.append(f"  warning: {w}")
    if report.files:
        lines += ["", "Files:"]
        for f in report.files:
            size = f"{f.size} B" if f.size is not None else ""
            com = "" if f.listed_in_com is None else (" (in EF.COM)" if f.listed_in_com
                                                      else " (not in EF.COM)")
            lines.append(f"  {f.name:<13} {f.status:<19} {size}{com}")
    failed = [c for p in report.proofs for c in p.failed_checks]
    if failed:
        lines += ["", "Passive authentication, checks not passed:"]
        lines += [f"  {c}" for c in failed]
    if report.personal:
        lines += ["", "DG1 (personal data masked): " + ", ".join(
            f"{k}={v}" for k, v in report.personal.items())]
    return "\n".join(lines) + "\n"
