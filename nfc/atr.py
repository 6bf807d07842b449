"""Answer-to-reset decoding: ISO/IEC 7816-3 8.2 structure, ISO/IEC 7816-4 8.1.1 historical bytes.

A contactless reader synthesises an ATR (PC/SC part 3 3.1.3.2.3): `3B 8n 80 01` + the card's
historical bytes (ISO 14443-4 type A: from the ATS; type B: ATQB application data, protocol info
and MBLI) + TCK. Storage cards get `80 4F 0C A0 00 00 03 06 ...` (the PC/SC RID).

Extended length is announced only through the "card capabilities" data object (compact-TLV
tag 7, third software function table, b7: ISO/IEC 7816-4 8.1.1.2.7 Table 88). Many eMRTDs
(every type B card) carry no such object: the ATR then says nothing and `extended_length` is
None. Readers announce nothing portable here at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from nfc.errors import AtrError

#: PC/SC registered application provider identifier (PC/SC part 3 3.1.3.2.3.2).
PCSC_RID = bytes.fromhex("A000000306")

_TAG_NAMES = {
    0x1: "country code",
    0x2: "issuer identification number",
    0x3: "card service data",
    0x4: "initial access data",
    0x5: "card issuer's data",
    0x6: "pre-issuing data",
    0x7: "card capabilities",
    0x8: "status indicator",
    0xF: "application identifier",
}


@dataclass(frozen=True)
class CompactTlv:
    """One compact-TLV data object of the historical bytes (ISO/IEC 7816-4 8.1.1.2)."""

    tag: int
    value: bytes

    @property
    def name(self) -> str:
        return _TAG_NAMES.get(self.tag, f"tag {self.tag:X}")


@dataclass(frozen=True)
class Atr:
    """A decoded ATR. An ATR describes the chip type, not its holder: it is safe to log."""

    raw: bytes
    convention: str  # "direct" (TS 3B) or "inverse" (TS 3F)
    protocols: tuple[int, ...]  # transmission protocols offered (T=15 is global, not listed)
    interface_bytes: tuple[tuple[str, int], ...]  # ("TA1", 0x96), ("TD1", 0x80), ...
    historical: bytes
    tck: int | None
    tck_ok: bool | None  # None when no TCK is due (only T=0 indicated)
    contactless: bool  # PC/SC part 3 synthesised ATR (3B 8n 80 01 ...)
    category: int | None  # first historical byte when ISO/IEC 7816-4 formatted
    objects: tuple[CompactTlv, ...]
    status: bytes | None  # status indicator (LCS and/or SW1 SW2)
    card_capabilities: bytes | None
    pcsc_storage_card: bool  # historical bytes carry the PC/SC RID (MIFARE, FeliCa, ...)

    @property
    def extended_length(self) -> bool | None:
        """What the card announces about extended Lc/Le (ISO/IEC 7816-4 Table 88, b7).

        True/False only when the third software function table is present; None otherwise,
        which means "unknown", not "unsupported": probe, and step the read size down on failure.
        """
        caps = self.card_capabilities
        if caps is None or len(caps) < 3:
            return None
        return bool(caps[2] & 0x40)

    @property
    def command_chaining(self) -> bool | None:
        caps = self.card_capabilities
        if caps is None or len(caps) < 3:
            return None
        return bool(caps[2] & 0x80)

    def describe(self) -> dict[str, object]:
        """A plain dict for JSON and diagnostics."""
        return {
            "hex": self.raw.hex(" ").upper(),
            "convention": self.convention,
            "protocols": [f"T={t}" for t in self.protocols],
            "historical_bytes": self.historical.hex(" ").upper(),
            "tck_ok": self.tck_ok,
            "contactless": self.contactless,
            "pcsc_storage_card": self.pcsc_storage_card,
            "card_capabilities": None if self.card_capabilities is None
            else self.card_capabilities.hex().upper(),
            "extended_length": self.extended_length,
        }


def parse_atr(raw: bytes) -> Atr:
    """Decode an ATR (ISO/IEC 7816-3 8.2.2-8.2.5). Raises AtrError when malformed."""
    raw = bytes(raw)
    if not 2 <= len(raw) <= 33:
        raise AtrError(f"an ATR has 2 to 33 bytes, not {len(raw)}")
    ts = raw[0]
    if ts not in (0x3B, 0x3F):
        raise AtrError(f"TS must be 3B or 3F, not {ts:02X}")
    t0 = raw[1]
    k = t0 & 0x0F
    y = t0 >> 4
    pos = 2
    i = 1
    iface: list[tuple[str, int]] = []
    offered: list[int] = []
    while True:
        td = None
        for bit, letter in ((0x1, "A"), (0x2, "B"), (0x4, "C"), (0x8, "D")):
            if y & bit:
                if pos >= len(raw):
                    raise AtrError(f"ATR ends inside interface byte T{letter}{i}")
                iface.append((f"T{letter}{i}", raw[pos]))
                if letter == "D":
                    td = raw[pos]
                pos += 1
        if td is None:
            break
        offered.append(td & 0x0F)
        y = td >> 4
        i += 1
    # 7816-3 8.2.3: no TD1 means T=0 only; TCK is due if anything but T=0 is indicated.
    tck_due = any(t != 0 for t in offered)
    protocols = tuple(dict.fromkeys(t for t in offered if t != 15)) or (0,)
    end = pos + k
    if end > len(raw):
        raise AtrError(f"ATR announces {k} historical bytes but has {len(raw) - pos}")
    historical = raw[pos:end]
    tck: int | None = None
    tck_ok: bool | None = None
    if tck_due:
        if end != len(raw) - 1:
            raise AtrError("ATR lacks its TCK byte or has trailing bytes")
        tck = raw[end]
        x = 0
        for b in raw[1:]:
            x ^= b
        tck_ok = x == 0
    elif end != len(raw):
        raise AtrError(f"{len(raw) - end} trailing bytes after the historical bytes")
    contactless = (
        ts == 0x3B and (t0 & 0xF0) == 0x80 and raw[2:4] == b"\x80\x01" and len(iface) == 2
    )
    if contactless:
        # PC/SC part 3 3.1.3.2.3: TD1 = 80 is structural; the reader carries ISO 14443-4
        # (and storage-card pseudo-APDUs) as T=1.
        protocols = (1,)
    # PC/SC part 3 3.1.3.2.3.2: storage cards put a BER "4F 0C" AID with the PC/SC RID, the
    # standard byte and the card name after category 80; not compact-TLV, so test it first.
    storage = historical[:3] == b"\x80\x4f\x0c" and historical[3:8] == PCSC_RID
    category: int | None
    objects: tuple[CompactTlv, ...]
    status: bytes | None
    if storage:
        category, objects, status = 0x80, (), None
    else:
        category, objects, status = _historical(historical)
    caps = next((o.value for o in objects if o.tag == 0x7), None)
    return Atr(
        raw=raw,
        convention="direct" if ts == 0x3B else "inverse",
        protocols=protocols,
        interface_bytes=tuple(iface),
        historical=historical,
        tck=tck,
        tck_ok=tck_ok,
        contactless=contactless,
        category=category,
        objects=objects,
        status=status,
        card_capabilities=caps,
        pcsc_storage_card=storage,
    )


def _historical(h: bytes) -> tuple[int | None, tuple[CompactTlv, ...], bytes | None]:
    """Historical bytes per ISO/IEC 7816-4 8.1.1.1; proprietary formats decode to nothing."""
    if not h:
        return None, (), None
    cat = h[0]
    if cat == 0x00 and len(h) >= 4:
        # Category 00: compact-TLV objects, then a mandatory 3-byte status indicator.
        objs = _compact_tlv(h[1:-3])
        return (cat, objs, h[-3:]) if objs is not None else (None, (), None)
    if cat == 0x80:
        objs = _compact_tlv(h[1:])
        if objs is None:
            return None, (), None
        status = next((o.value for o in objs if o.tag == 0x8), None)
        return cat, objs, status
    if cat == 0x10 and len(h) >= 2:
        return cat, (), None  # DIR data reference: no compact-TLV objects
    return None, (), None  # proprietary (e.g. ISO 14443 type B ATQB data)


def _compact_tlv(b: bytes) -> tuple[CompactTlv, ...] | None:
    out: list[CompactTlv] = []
    i = 0
    while i < len(b):
        tag, n = b[i] >> 4, b[i] & 0x0F
        if i + 1 + n > len(b):
            return None  # not compact-TLV after all: treat the bytes as proprietary
        out.append(CompactTlv(tag, bytes(b[i + 1:i + 1 + n])))
        i += 1 + n
    return tuple(out)
