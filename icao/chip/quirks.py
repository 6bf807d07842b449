"""The quirk catalogue: behaviours of chips in the field that the emulated chip can copy.

A quirk is data: `ChipOptions(quirks={"ends-sm-on-error", "no-sfi"})`, or
`kiosk chip --quirk ends-sm-on-error --quirk no-sfi`. Each one is implemented in exactly one
place of the chip (the `Quirks` attribute it reads is named after it). `kiosk chip
--list-quirks` prints the catalogue: what the chip does, and where that behaviour of real
chips is documented (the standard, or the issue of another reader that met it).

The project's default chip is the strict one: it ends its secure-messaging session on any
error status ("ends-sm-on-error", ICAO 9303-11 9.8), as many field chips do; the lenient
behaviour of the chip before issue 15 is the quirk "keeps-sm-on-error" (`STRICT_BY_DEFAULT`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Issue 15: the reader survives a chip that ends SM on any error, so that chip is the
#: default; a chip with no SM quirk named ends SM on errors, "keeps-sm-on-error" is lenient.
STRICT_BY_DEFAULT = True


@dataclass(frozen=True)
class Quirk:
    """One field behaviour: what the emulated chip does, and what it copies from where."""

    name: str
    does: str
    source: str

    def line(self, width: int = 28) -> str:
        return f"{self.name:<{width}} {self.does} [{self.source}]"


_CATALOGUE = (
    Quirk("ends-sm-on-error",
          "after secure messaging started, any error status (64xx-6Fxx) ends the session; "
          "the next protected command gets a plain 6882",
          "ICAO 9303-11 9.8; a Russian passport answered 6B00 to READ BINARY, then 6988 "
          "to the next SELECT: flipperdevices/flipperzero-firmware PR 1866, "
          "AndyQ/NFCPassportReader issue 89"),
    Quirk("keeps-sm-on-error",
          "the session survives error status words; only a wrong MAC or a plain command "
          "ends it (6988 / 6987)",
          "ICAO 9303-11 9.8 (SM errors end the session); this project's chip before "
          "issue 15"),
    Quirk("plain-errors",
          "inside a session, error status words are answered unprotected (bare SW1 SW2, no "
          "DO99/DO8E); the send sequence counter does not move for them",
          "gmrtd/gmrtd issues 457 (Chinese passport: bare 6700 under SM) and 320"),
    Quirk("no-ext-length",
          "the ATR card capabilities say no extended Lc/Le (73 C0 21 00); an extended "
          "APDU gets a plain 6700 and ends secure messaging",
          "ISO/IEC 7816-4 8.1.1.2.7 Table 88; gmrtd/gmrtd issue 457 (US and Chinese "
          "passports have no extended length)"),
    Quirk("ext-length-refused",
          "the ATR announces extended Lc/Le, yet every extended APDU gets a plain 6700 "
          "(the session then follows the SM quirk)",
          "gmrtd/gmrtd PR 410 (passports that cannot handle extended-length reads); "
          "OpenSC/OpenSC PR 2053 (the card says extended, the applet does not)"),
    Quirk("le-max-223",
          "READ BINARY with a short Le above 223 is refused (6700, or 6CDF with le-6cxx)",
          "JMRTD PassportService.DEFAULT_MAX_BLOCKSIZE = 223; AndyQ/NFCPassportReader "
          "issue 25 (224 taken from JMRTD: some passports cannot handle larger blocks)"),
    Quirk("le-max-231",
          "READ BINARY with a short Le above 231 is refused (6700, or 6CE7 with le-6cxx)",
          "AndyQ/NFCPassportReader issue 29 (passports answering 6CE7: exact length 231)"),
    Quirk("le-6cxx",
          "a READ BINARY whose Le passes the end of the file (or a Le cap) is answered "
          "6Cxx with the exact count, no data",
          "ISO/IEC 7816-4 5.1.3 (6Cxx: wrong Le, SW2 the exact length); "
          "AndyQ/NFCPassportReader issue 29"),
    Quirk("eof-6b00",
          "a READ BINARY whose Le passes the end of the file is answered 6B00 (wrong "
          "P1-P2), not the remaining bytes with 6282",
          "flipperdevices/flipperzero-firmware PR 1866 and AndyQ/NFCPassportReader issue "
          "89 (Russian passport: 6B00 to READ BINARY of EF.COM with Le 00)"),
    Quirk("no-sfi",
          "READ BINARY by short file identifier is refused (6A81): every file needs a "
          "SELECT by file identifier first",
          "ISO/IEC 7816-4 11.2.3 (an SFI in P1 is an option of the card); JMRTD "
          "PassportService(..., isSFIEnabled, ...), which readers commonly pass false"),
    Quirk("no-card-access",
          "no EF.CardAccess at all (6A82): the chip offers BAC only",
          "ICAO 9303-11 4.2 (no EF.CardAccess: use BAC); gmrtd/gmrtd issue 226 (US "
          "passport: no CardAccess file); tananaev/passport-reader issue 54 (Chinese "
          "passport: SELECT 011C -> 6A82); AndyQ/NFCPassportReader issue 124 (Norway)"),
    Quirk("card-access-after-select-mf",
          "the eMRTD application is selected at power-on: EF.CardAccess (in the MF) "
          "answers 6A82 until a SELECT MF (allowed on this chip)",
          "AndyQ/NFCPassportReader PR 106 (the eMRTD application is selected on contact; "
          "EF.CardAccess lies in the MF and needs SELECT MF with 3F00)"),
    Quirk("app-stays-selected",
          "a warm reset, a reconnect and the end of a session keep the selected "
          "application: EF.CardAccess in the MF then gets 6A82",
          "issue 15 (two reads in a row on an independent strict chip); PC/SC leaves the "
          "card powered on SCARD_LEAVE_CARD, and a reader's warm reset may only re-activate "
          "it (docs/hardening.md, measured control codes)"),
    Quirk("pace-only",
          "PACE only: BAC's MUTUAL AUTHENTICATE is refused (6982)",
          "ICAO 9303-11 4.2 (BAC no longer required with PACE from 2018); "
          "ZeroPass/dmrtd issue 4; bettse/passy issue 3 (German ID card: PACE only)"),
    Quirk("bac-only",
          "BAC only, yet EF.CardAccess exists and holds only ChipAuthenticationInfo (no "
          "PACEInfo); MSE:Set AT for PACE gets 6D00",
          "ICAO 9303-11 9.2 (EF.CardAccess holds SecurityInfos of PACE and of other "
          "protocols such as CA); a reader must not take its presence for PACE"),
    Quirk("ef-atr-info",
          "the MF holds EF.ATR/INFO (FID 2F01, SFI 01), readable before authentication, "
          "with DO 7F66: largest command and response APDU (65535 each with extended "
          "length, else 261 and 258)",
          "ISO/IEC 7816-4 8.2.1.1 and 12.7.1; the Golden Reader Tool reads EF.ATR first "
          "(frankmorgner/vsmartcard issue 293)"),
    Quirk("slow-chip",
          "every compute time of the chip (PACE mapping and key agreement, CA, AA) is four "
          "times the default; applies with or without a link speed",
          "a stress setting, not a measured chip: 256-bit ECDH ranges 123-209 ms over six "
          "Java Card chips (ECTester, neuromancer.sk/ECTester)"),
)

QUIRKS: dict[str, Quirk] = {q.name: q for q in _CATALOGUE}

#: Quirks that change the chip's files (tests that share a signed file set must not ignore
#: them).
FILE_QUIRKS = frozenset({"no-card-access", "bac-only", "pace-only", "ef-atr-info"})

#: Pairs (or more) that contradict each other.
_EXCLUSIVE = (
    frozenset({"ends-sm-on-error", "keeps-sm-on-error"}),
    frozenset({"no-ext-length", "ext-length-refused"}),
    frozenset({"le-max-223", "le-max-231"}),
    frozenset({"pace-only", "bac-only", "no-card-access"}),
    frozenset({"eof-6b00", "le-6cxx"}),
    frozenset({"no-card-access", "card-access-after-select-mf"}),
)


def validate(names: Iterable[str]) -> frozenset[str]:
    """Normalised quirk names; a ValueError names an unknown quirk or a contradiction."""
    if isinstance(names, str):
        names = [names]
    chosen = frozenset(n.strip().lower() for n in names)
    unknown = sorted(chosen - QUIRKS.keys())
    if unknown:
        raise ValueError(f"unknown quirk {unknown[0]!r}; `kiosk chip --list-quirks` lists "
                         f"them: {', '.join(QUIRKS)}")
    for group in _EXCLUSIVE:
        both = sorted(chosen & group)
        if len(both) > 1:
            raise ValueError(f"quirks {' and '.join(both)} contradict each other")
    return chosen


def catalogue_lines() -> list[str]:
    """One line per quirk, for `kiosk chip --list-quirks`."""
    width = max(len(n) for n in QUIRKS) + 2
    return [q.line(width) for q in _CATALOGUE]


@dataclass(frozen=True)
class Quirks:
    """The resolved quirks of one chip, one attribute per behaviour the chip checks."""

    ends_sm_on_error: bool = STRICT_BY_DEFAULT
    plain_errors: bool = False
    no_ext_length: bool = False
    ext_length_refused: bool = False
    le_cap: int | None = None
    le_6cxx: bool = False
    eof_6b00: bool = False
    no_sfi: bool = False
    card_access_after_select_mf: bool = False
    app_stays_selected: bool = False
    slow_chip: bool = False

    @classmethod
    def of(cls, names: Iterable[str]) -> Quirks:
        q = validate(names)
        strict = "ends-sm-on-error" in q or (STRICT_BY_DEFAULT and "keeps-sm-on-error" not in q)
        cap = 223 if "le-max-223" in q else 231 if "le-max-231" in q else None
        return cls(ends_sm_on_error=strict, plain_errors="plain-errors" in q,
                   no_ext_length="no-ext-length" in q,
                   ext_length_refused="ext-length-refused" in q, le_cap=cap,
                   le_6cxx="le-6cxx" in q, eof_6b00="eof-6b00" in q, no_sfi="no-sfi" in q,
                   card_access_after_select_mf="card-access-after-select-mf" in q,
                   app_stays_selected="app-stays-selected" in q, slow_chip="slow-chip" in q)


def access_for(names: frozenset[str]) -> str | None:
    """The access protocols a quirk imposes (None: the profile decides)."""
    if "pace-only" in names:
        return "pace"
    if "bac-only" in names or "no-card-access" in names:
        return "bac"
    return None
