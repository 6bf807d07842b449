"""The probes of `diag card` that need no key: raw exchanges whose answers tell what the card
and the reader can do (kiosk.diag.card runs them, then the full read).

1. EF.CardAccess read in the clear (9303-11 4.2: readable without access control) and decoded:
   the PACE variants, chip/active/terminal authentication infos it announces.
2. SELECT MF (ISO/IEC 7816-4 11.2.2). Vietnamese CCCDs answer 6D00; a reader must not depend
   on it (DESIGN.md), so this is information, never a failure.
3. Extended length: READ BINARY of EF.CardAccess with an extended Le (ISO/IEC 7816-4 5.1;
   7816-3 12.1.3), sent raw (no 6Cxx handling) so the chip's own answer is seen: data means
   supported, a bare 6700 means the chip does not parse extended APDUs, 6Cxx that it parsed
   it but caps Le; an error from PC/SC means the reader could not carry it.
4. The largest short Le: READ BINARY with Le 00 (256), raw: 6Cxx names the cap (7816-4 5.1.3).
Every command comes from icao.iso7816's builders.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from icao import iso7816
from icao.apdu import Command, Transport
from icao.ecparams import parameter_name
from icao.errors import IcaoError
from icao.lds.security_infos import parse_security_infos
from icao.pace.oids import PACE_PROTOCOLS
from icao.reading.channel import Channel, Counters
from icao.reading.files import FileAbsent, FileDenied, Partial, ReadSizes, read_file
from kiosk.diag.common import error_text
from nfc.errors import NfcError
from nfc.transport import PcscTransport

#: Extended Le used by the probe: above every short Le, and above EF.CardAccess's usual size
#: so that a chip answering with data has really accepted the extended encoding.
PROBE_EXTENDED_LE = 1024
_SFI_CARD_ACCESS = 0x1C


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


# -- probes ---------------------------------------------------------------------------------

def _raw(transport: PcscTransport, command: Command) -> tuple[int | None, bytes, str | None]:
    """(SW, data, error) of one raw exchange; a PC/SC failure is a result, not a crash."""
    try:
        resp = transport.exchange(command.to_bytes())
    except (NfcError, OSError) as exc:
        return None, b"", error_text(exc)
    return resp.sw, resp.data, None


def probe_card_access(transport: PcscTransport) -> tuple[Probe, bytes | None]:
    """Read EF.CardAccess in the clear (by SFI, with 6Cxx/61xx handled by the transport)."""
    channel = Channel(cast(Transport, transport), Counters())  # see kiosk/reading/service.py
    try:
        raw = read_file(channel, "CardAccess", iso7816.FID_CARD_ACCESS, _SFI_CARD_ACCESS,
                        ReadSizes(current=256), Partial())
    except FileAbsent:
        return Probe("card_access", 0x6A82, "absent",
                     "no EF.CardAccess: the card offers no PACE (BAC only)"), None
    except FileDenied:
        return Probe("card_access", 0x6982, "denied", "EF.CardAccess refused (6982)"), None
    except (NfcError, OSError) as exc:
        return Probe("card_access", None, "reader_failed", error_text(exc)), None
    except IcaoError as exc:  # a damaged file is a finding
        return Probe("card_access", exc.sw, "error", error_text(exc)), None
    return Probe("card_access", 0x9000, "present", f"{len(raw)} bytes", len(raw)), raw


def decode_access_methods(raw: bytes) -> tuple[tuple[AccessMethod, ...], str | None]:
    """The SecurityInfos of EF.CardAccess (9303-11 9.2.1), or an error sentence."""
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


def probe_select_mf(transport: PcscTransport) -> Probe:
    sw, _data, err = _raw(transport, iso7816.select_mf())
    if err or sw is None:
        return Probe("select_mf", None, "reader_failed", err or "no answer")
    if sw == 0x9000:
        return Probe("select_mf", sw, "answered", "SELECT MF answered 9000")
    return Probe("select_mf", sw, "refused",
                 f"SELECT MF answered {sw:04X} (normal for CCCD chips; the kiosk does not need it)")


def probe_extended_length(transport: PcscTransport) -> Probe:
    """READ BINARY EF.CardAccess with an extended Le of PROBE_EXTENDED_LE, raw.

    A BAC-only card has no EF.CardAccess (6A82) and nothing else readable before
    authentication; it is then asked GET CHALLENGE (ISO/IEC 7816-4 11.6.2) for 8 bytes with
    the Le in extended form: the answer depends only on whether the extended encoding is
    parsed, and BAC starts with its own GET CHALLENGE anyway (9303-11 4.3.4.1).
    """
    name = "extended_length"
    sw, data, err = _raw(transport, iso7816.read_binary(0, PROBE_EXTENDED_LE,
                                                        sfi=_SFI_CARD_ACCESS))
    if sw == 0x6A82:
        sw, data, err = _raw(transport, replace(iso7816.get_challenge(8), extended=True))
        if sw == 0x9000 and len(data) == 8:
            return Probe(name, sw, "supported",
                         "GET CHALLENGE with an extended Le answered 8 bytes (no EF.CardAccess)")
    if err or sw is None:
        return Probe(name, None, "reader_failed",
                     f"the reader could not carry an extended APDU ({err or 'no answer'})")
    if sw in (0x9000, 0x6282) and data:
        return Probe(name, sw, "supported", f"extended READ BINARY answered {len(data)} bytes")
    if sw >> 8 == 0x6C:
        cap = sw & 0xFF or 256
        return Probe(name, sw, "capped", f"extended APDU accepted but Le capped at {cap}", cap)
    if sw == 0x6700:
        return Probe(name, sw, "not_supported",
                     "the chip answered 6700 to an extended APDU: no extended length")
    return Probe(name, sw, "unknown", f"extended READ BINARY answered {sw:04X}")


def probe_max_short_le(transport: PcscTransport) -> Probe:
    """READ BINARY with Le 00 (256), raw: 6Cxx carries the largest Le the chip honours."""
    name = "max_short_le"
    sw, _data, err = _raw(transport, iso7816.read_binary(0, 256, sfi=_SFI_CARD_ACCESS))
    if err or sw is None:
        return Probe(name, None, "reader_failed", err or "no answer")
    if sw in (0x9000, 0x6282):
        return Probe(name, sw, "full", "Le 256 accepted", 256)
    if sw == 0x6A82:
        return Probe(name, sw, "unknown", "no file is readable before authentication (no "
                     "EF.CardAccess); the read adapts its size")
    if sw >> 8 == 0x6C:
        cap = sw & 0xFF or 256
        return Probe(name, sw, "capped", f"the chip caps Le at {cap} (6C{sw & 0xFF:02X})", cap)
    return Probe(name, sw, "unknown", f"READ BINARY Le 256 answered {sw:04X}")
