"""`diag card`: what this card offers and how a read of it goes, without personal data.

Probes before any authentication (so they work without a key), in this order:
1. EF.CardAccess read in the clear (9303-11 4.2: readable without access control) and decoded:
   the PACE variants, chip/active/terminal authentication infos it announces.
2. SELECT MF (ISO/IEC 7816-4 11.2.2). Vietnamese CCCDs answer 6D00; a reader must not depend
   on it (DESIGN.md), so this is information, never a failure.
3. Extended length: READ BINARY of EF.CardAccess with an extended Le (ISO/IEC 7816-4 5.1;
   7816-3 12.1.3), sent raw (no 6Cxx handling) so the chip's own answer is seen: data means
   supported, a bare 6700 means the chip does not parse extended APDUs, 6Cxx that it parsed
   it but caps Le; an error from PC/SC means the reader could not carry it.
4. The largest short Le: READ BINARY with Le 00 (256), raw: 6Cxx names the cap (7816-4 5.1.3).
Then, with a key, a full read of every data group (absent ones answer 6A82, DG3/DG4 need
terminal authentication and are not asked), with per-step timings and APDU counts, and the
verdicts of passive authentication (icao.pki.verify), CA/PACE-CAM, AA and genuineness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from icao.ecparams import parameter_name
from kiosk.diag.common import Item, error_text, masked

#: Every data group of the LDS (9303-10 4.6): the read tells which are present.
ALL_FILES: tuple[str, ...] = ("COM", "SOD", *(f"DG{n}" for n in range(1, 17)))

_SFI_CARD_ACCESS = 0x1C
#: Extended Le used by the probe: above every short Le, and above EF.CardAccess's usual size
#: so that a chip answering with data has really accepted the extended encoding.
PROBE_EXTENDED_LE = 1024
_AUTH_ERRORS = (0x6987, 0x6988)


@dataclass(frozen=True)
class AccessMethod:
    """One SecurityInfo of EF.CardAccess (9303-11 9.2), decoded for people."""

    kind: str  # "PACE", "CA", "TA", "AA", "other"
    name: str
    oid: str
    parameter_id: int | None = None
    curve: str | None = None
    supported: bool = True  # the kiosk implements it


@dataclass(frozen=True)
class Probe:
    """One raw exchange and what it tells."""

    name: str
    sw: int | None
    verdict: str  # "supported", "not_supported", "capped", "reader_failed", "answered", ...
    detail: str
    value: int | None = None


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
class Proof:
    name: str  # "passive_authentication", "chip_authentication", "active_authentication",
    #            "genuineness"
    status: str
    reason: str
    method: str | None = None
    failed_checks: tuple[str, ...] = ()


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


# -- probes ---------------------------------------------------------------------------------

def _raw(transport: Any, apdu: bytes) -> tuple[int | None, bytes, str | None]:
    """(SW, data, error) of one raw exchange; a PC/SC failure is a result, not a crash."""
    from nfc.errors import NfcError

    try:
        resp = transport.exchange(apdu)
    except (NfcError, OSError) as exc:
        return None, b"", error_text(exc)
    return resp.sw, resp.data, None


def _read_binary_sfi(le: int, *, extended: bool) -> bytes:
    header = bytes([0x00, 0xB0, 0x80 | _SFI_CARD_ACCESS, 0x00])
    if extended:
        return header + b"\x00" + (le & 0xFFFF).to_bytes(2, "big")
    return header + bytes([le & 0xFF])


def probe_card_access(transport: Any) -> tuple[Probe, bytes | None]:
    """Read EF.CardAccess in the clear (by SFI, with 6Cxx/61xx handled by the transport)."""
    from icao.reading.channel import Channel, Counters
    from icao.reading.files import FileAbsent, FileDenied, Partial, ReadSizes, read_file
    from nfc.errors import NfcError

    channel = Channel(transport, Counters())
    try:
        raw = read_file(channel, "CardAccess", 0x011C, _SFI_CARD_ACCESS, ReadSizes(current=256),
                        Partial())
    except FileAbsent:
        return Probe("card_access", 0x6A82, "absent",
                     "no EF.CardAccess: the card offers no PACE (BAC only)"), None
    except FileDenied:
        return Probe("card_access", 0x6982, "denied", "EF.CardAccess refused (6982)"), None
    except (NfcError, OSError) as exc:
        return Probe("card_access", None, "reader_failed", error_text(exc)), None
    except Exception as exc:  # noqa: BLE001 - icao errors: a damaged file is a finding
        return Probe("card_access", getattr(exc, "sw", None), "error", error_text(exc)), None
    return Probe("card_access", 0x9000, "present", f"{len(raw)} bytes", len(raw)), raw


def decode_access_methods(raw: bytes) -> tuple[tuple[AccessMethod, ...], str | None]:
    """The SecurityInfos of EF.CardAccess (9303-11 9.2.1), or an error sentence."""
    from icao.errors import IcaoError
    from icao.lds.security_infos import parse_security_infos
    from icao.pace.oids import PACE_PROTOCOLS

    try:
        infos = parse_security_infos(raw)
    except IcaoError as exc:
        return (), f"EF.CardAccess does not decode: {exc.message}"
    out: list[AccessMethod] = []
    for p in infos.pace_infos:
        proto = PACE_PROTOCOLS.get(p.protocol_oid)
        out.append(AccessMethod("PACE", proto.name if proto else "unknown PACE variant",
                                p.protocol_oid, p.parameter_id,
                                parameter_name(p.parameter_id), proto is not None))
    for c in infos.ca_infos:
        out.append(AccessMethod("CA", "chip authentication", c.protocol_oid))
    for k in infos.ca_public_keys:
        out.append(AccessMethod("CA", "chip authentication public key", k.protocol_oid))
    for t in infos.ta_infos:
        out.append(AccessMethod("TA", "terminal authentication (EAC; not used by the kiosk)",
                                t.protocol_oid, supported=False))
    for a in infos.aa_infos:
        out.append(AccessMethod("AA", "active authentication", a.protocol_oid))
    for u in infos.unknown:
        out.append(AccessMethod("other", "unknown SecurityInfo", u.protocol_oid,
                                supported=False))
    return tuple(out), None


def probe_select_mf(transport: Any) -> Probe:
    sw, _data, err = _raw(transport, bytes.fromhex("00A4000C023F00"))
    if err:
        return Probe("select_mf", None, "reader_failed", err)
    if sw == 0x9000:
        return Probe("select_mf", sw, "answered", "SELECT MF answered 9000")
    return Probe("select_mf", sw, "refused",
                 f"SELECT MF answered {sw:04X} (normal for CCCD chips; the kiosk does not need it)")


def probe_extended_length(transport: Any) -> Probe:
    """READ BINARY EF.CardAccess with an extended Le of PROBE_EXTENDED_LE, raw.

    A BAC-only card has no EF.CardAccess (6A82) and nothing else readable before
    authentication; it is then asked GET CHALLENGE (ISO/IEC 7816-4 11.6.2) for 8 bytes with
    the Le in extended form: the answer depends only on whether the extended encoding is
    parsed, and BAC starts with its own GET CHALLENGE anyway (9303-11 4.3.4.1).
    """
    sw, data, err = _raw(transport, _read_binary_sfi(PROBE_EXTENDED_LE, extended=True))
    name = "extended_length"
    if sw == 0x6A82:
        sw, data, err = _raw(transport, bytes.fromhex("0084000000" "0008"))
        if sw in (0x9000,) and len(data) == 8:
            return Probe(name, sw, "supported",
                         "GET CHALLENGE with an extended Le answered 8 bytes (no EF.CardAccess)")
    if err:
        return Probe(name, None, "reader_failed",
                     f"the reader could not carry an extended APDU ({err})")
    assert sw is not None
    if sw in (0x9000, 0x6282) and data:
        return Probe(name, sw, "supported", f"extended READ BINARY answered {len(data)} bytes")
    if sw >> 8 == 0x6C:
        cap = sw & 0xFF or 256
        return Probe(name, sw, "capped", f"extended APDU accepted but Le capped at {cap}", cap)
    if sw == 0x6700:
        return Probe(name, sw, "not_supported",
                     "the chip answered 6700 to an extended APDU: no extended length")
    return Probe(name, sw, "unknown", f"extended READ BINARY answered {sw:04X}")


def probe_max_short_le(transport: Any) -> Probe:
    """READ BINARY with Le 00 (256), raw: 6Cxx carries the largest Le the chip honours."""
    sw, data, err = _raw(transport, _read_binary_sfi(256, extended=False))
    name = "max_short_le"
    if err:
        return Probe(name, None, "reader_failed", err)
    assert sw is not None
    if sw in (0x9000, 0x6282):
        return Probe(name, sw, "full", "Le 256 accepted", 256)
    if sw == 0x6A82:
        return Probe(name, sw, "unknown", "no file is readable before authentication (no "
                     "EF.CardAccess); the read adapts its size")
    if sw >> 8 == 0x6C:
        cap = sw & 0xFF or 256
        return Probe(name, sw, "capped", f"the chip caps Le at {cap} (6C{sw & 0xFF:02X})", cap)
    return Probe(name, sw, "unknown", f"READ BINARY Le 256 answered {sw:04X}")


# -- the whole diagnosis --------------------------------------------------------------------

def diagnose_card(reader: str | None, key: Any = None, *, setup: Any = None, trust: Any = None,
                  at: datetime | None = None, timeout: float | None = None) -> CardReport:
    """Probe the card in `reader` and, given an access key, read it fully and verify it.

    `setup` is a kiosk.diag.profiles.ReaderSetup (default: [reader] defaults); `trust` an
    icao.pki TrustStore for passive authentication (None: passive authentication is reported
    as not performed).
    """
    from kiosk.diag.profiles import default_setup
    from kiosk.diag.runner import instrumented_read
    from nfc.transport import PcscTransport

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
            files = _files(doc)
            proofs = _proofs(doc, trust, at or datetime.now(UTC))
            personal = _personal(doc.files)
    items = _items(ca_probe, methods, select_mf, ext, short, read_summary, proofs, warnings)
    return CardReport(name, report_atr, atr.extended_length if atr else None, ca_probe,
                      methods, select_mf, ext, short, read_summary, files, proofs, personal,
                      items)


def _access_text(access: Any) -> str:
    parts = [access.protocol]
    if access.mapping:
        parts[0] += f"-{access.mapping}"
    parts += [access.password.upper(), access.cipher]
    if access.curve:
        parts.append(access.curve)
    return " ".join(parts)


def _files(doc: Any) -> tuple[FileInfo, ...]:
    from icao.errors import IcaoError
    from icao.lds.com import parse_com

    listed: set[str] | None = None
    if "COM" in doc.files:
        try:
            listed = {f"DG{n}" for n in parse_com(doc.files["COM"]).data_groups}
        except IcaoError:
            listed = None
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


def _proofs(doc: Any, trust: Any, at: datetime) -> tuple[Proof, ...]:
    from icao.genuine import assess

    out: list[Proof] = []
    verification = None
    if trust is None:
        out.append(Proof("passive_authentication", "not_performed",
                         "no trust store was given"))
    else:
        from icao.pki.verify import verify

        verification = verify(dict(doc.files), trust, at)
        failed = tuple(f"{c.name}: {c.reason}" for c in verification.checks
                       if str(c.status) != "passed")
        reason = ("every check passed" if verification.passed else
                  f"{len(verification.failed())} check(s) failed" if verification.failed()
                  else "could not be completed")
        out.append(Proof("passive_authentication", str(verification.status), reason,
                         verification.signature_algorithm, failed))
    ca = doc.chip_auth
    out.append(Proof("chip_authentication", ca.status if ca else "not_performed",
                     ca.reason if ca else "the card offers no chip authentication",
                     ca.method if ca else None))
    aa = doc.active_auth
    out.append(Proof("active_authentication", aa.status if aa else "not_performed",
                     aa.reason if aa else "the card offers no active authentication (no DG15)",
                     aa.algorithm if aa else None))
    g = assess(doc, verification)
    out.append(Proof("genuineness", g.status, g.reason, g.method))
    return tuple(out)


def _personal(files: Any) -> dict[str, Any]:
    """What DG1 looks like, without its content: format, issuer, check digits, lengths."""
    from icao import tlv
    from icao.errors import IcaoError
    from icao.mrz import parse

    raw = files.get("DG1")
    if raw is None:
        return {"dg1": "not read"}
    try:
        mrz = parse(tlv.decode(raw).require(0x5F1F).value.decode("ascii"), strict=False)
    except (IcaoError, UnicodeDecodeError):
        return {"dg1": "does not parse"}
    return {
        "dg1": "parsed", "format": mrz.format, "document_code": mrz.document_code,
        "issuing_state": mrz.issuing_state,
        "check_digits_valid": all(mrz.checks.values()),
        "document_number": masked(mrz.document_number), "birth_date": masked(mrz.birth_date),
        "expiry_date": masked(mrz.expiry_date),
        "name": masked(" ".join(n for n in mrz.names if n)),
        "dg13": "present" if "DG13" in files else "absent",
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
    ext_status = {"supported": "ok", "capped": "ok", "not_supported": "warn",
                  "reader_failed": "warn"}.get(ext.verdict, "warn")
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
        status = {"passed": "ok", "genuine": "ok", "failed": "fail", "cloned": "fail"}.get(
            p.status, "warn")
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
