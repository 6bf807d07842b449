"""`kiosk read`: read the chip ID card in a reader and print what happened.

The report shows how the chip was opened, each file's size, APDU counts and time per step,
and the chip-genuineness proofs. Personal fields are masked unless --show-personal is given;
`--out` saves the raw files under the names `kiosk trust verify` reads.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the heavy modules load in run(), so `kiosk read --help` stays quick
    from icao.document import Document
    from icao.keys import AccessKey
    from icao.lds.decoder import ParsedFiles

COMMAND = ("read",)
HELP = "read the chip of the card in a reader (CAN or MRZ) and print a report"

#: File names on disk, as `kiosk trust verify DIR` expects them.
OUT_NAMES = {"COM": "EF.COM.bin", "SOD": "EF.SOD.bin", "CardAccess": "EF.CardAccess.bin",
             "CardSecurity": "EF.CardSecurity.bin"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reader", metavar="NAME",
                        help="reader name or unique part of it (default: first with a card)")
    key = parser.add_mutually_exclusive_group(required=True)
    key.add_argument("--can", metavar="N", help="6-digit CAN (last 6 digits of the ID number)")
    key.add_argument("--mrz", metavar="LINES",
                     help="the whole MRZ (lines separated by newlines or given as one string)")
    key.add_argument("--doc", metavar="N", help="document number (with --birth and --expiry)")
    parser.add_argument("--birth", metavar="YYMMDD", help="date of birth, with --doc")
    parser.add_argument("--expiry", metavar="YYMMDD", help="date of expiry, with --doc")
    parser.add_argument("--files", nargs="+", metavar="FILE",
                        help="files to read (default: COM SOD DG1 DG2 DG13 DG14 DG15)")
    parser.add_argument("--no-chip-auth", action="store_true", help="skip chip authentication")
    parser.add_argument("--no-active-auth", action="store_true",
                        help="skip active authentication")
    parser.add_argument("--max-read", type=int, default=65536, metavar="N",
                        help="largest READ BINARY to try (default 65536, extended length)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/read.md)")
    parser.add_argument("--out", metavar="DIR", help="save the raw files here (EF.SOD.bin, ...)")
    parser.add_argument("--show-personal", action="store_true",
                        help="show names, numbers and dates instead of masking them")
    from kiosk.cli.card_wait import add_wait_argument  # light: no icao, no pyscard

    add_wait_argument(parser)


def _key(args: argparse.Namespace) -> AccessKey:
    from icao.keys import AccessKey

    if args.can:
        return AccessKey.from_can(args.can)
    if args.mrz:
        return AccessKey.from_mrz_text(args.mrz.replace("\\n", "\n"))
    if not (args.birth and args.expiry):
        raise ValueError("--doc needs --birth and --expiry (YYMMDD)")
    return AccessKey.from_mrz_fields(args.doc, args.birth, args.expiry)


def mask(text: str | None, show: bool) -> str | None:
    """Keep the first character of longer fields; the rest becomes '*' (length kept)."""
    if text is None or show:
        return text
    if len(text) <= 3:
        return "*" * len(text)
    return text[:1] + "*" * (len(text) - 1)


def personal_summary(views: ParsedFiles, show: bool) -> dict[str, str | None]:
    """DG1's MRZ fields (as kiosk.reading parsed them), masked unless `show`; empty if DG1 was
    not read, an error entry if it does not parse."""
    if views.dg1 is None:
        return {"error": "DG1 could not be parsed"} if "DG1" in views.errors else {}
    mrz = views.dg1.mrz
    return {
        "document_type": mrz.document_code,
        "issuing_state": mrz.issuing_state,
        "document_number": mask(mrz.document_number, show),
        "id_number": mask(mrz.id_number, show),
        "name": mask(" ".join(n for n in mrz.names if n), show),
        "birth_date": mask(mrz.birth_date, show),
        "expiry_date": mask(mrz.expiry_date, show),
        "sex": mask(mrz.sex, show),
    }


def report(doc: Document, show_personal: bool) -> dict[str, Any]:
    """The JSON payload (documented in docs/cli/read.md)."""
    from kiosk.reading.views import unverified_views

    return {
        "access": doc.access,
        "files": {name: len(raw) for name, raw in doc.files.items()},
        "absent": list(doc.absent),
        "denied": list(doc.denied),
        "apdu_count": doc.apdu_count,
        "link_bytes": doc.link_bytes,
        "bytes_read": doc.bytes_read,
        "seconds": round(doc.seconds, 4),
        "read_size": doc.read_size,
        "reconnects": doc.reconnects,
        "steps": [{"name": s.name, "ms": round(s.seconds * 1000, 2), "apdus": s.apdus,
                   "link_bytes": s.link_bytes} for s in doc.steps],
        "chip_auth": doc.chip_auth,
        "active_auth": doc.active_auth,
        "warnings": list(doc.warnings),
        "personal": personal_summary(unverified_views(doc.files), show_personal),
        "personal_masked": not show_personal,
    }


def save(doc: Document, out_dir: str) -> list[str]:
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, raw in doc.files.items():
        path = out / OUT_NAMES.get(name, f"{name}.bin")
        path.write_bytes(raw)
        written.append(path.name)
    return written


def run(args: argparse.Namespace) -> int:
    from icao.errors import AccessDenied, IcaoError
    from icao.reader import DEFAULT_FILES, ReadOptions
    from kiosk.cli.card_wait import wait_for_card
    from kiosk.cli.messages import access_denied, key_flag, with_flag
    from kiosk.cli.output import fail, print_json, print_table
    from kiosk.reading.pcsc import read_document
    from nfc.errors import NfcError

    try:
        key = _key(args)
    except (ValueError, IcaoError) as exc:
        return fail(with_flag(key_flag(args), getattr(exc, "message", str(exc))), 2)
    options = ReadOptions(chip_auth=not args.no_chip_auth, active_auth=not args.no_active_auth,
                          max_read=args.max_read)
    wait_for_card(args.reader, args.wait)  # none after --wait: the read says "no card"
    try:
        doc = read_document(args.reader, key, options=options, timeout=10.0,
                            files=args.files or DEFAULT_FILES)
    except AccessDenied as exc:
        return fail(access_denied(exc, key_flag(args)), 4)
    except IcaoError as exc:
        return fail(f"{exc.message} [{type(exc).__name__}, step {exc.step}]. {exc.advice}", 5)
    except NfcError as exc:
        return fail(str(exc), 3)
    except ValueError as exc:
        return fail(str(exc), 2)
    payload = report(doc, args.show_personal)
    if args.out:
        payload["saved"] = save(doc, args.out)
    if args.json:
        print_json("read", payload)
        return 0
    a = doc.access
    detail = f" {a.mapping} on {a.curve}" if a.protocol == "PACE" else ""
    print(f"Opened with {a.protocol}{detail}, {a.cipher}, password {a.password.upper()}")
    print_table([[n, str(s)] for n, s in payload["files"].items()], ["file", "bytes"])
    if doc.absent or doc.denied:
        print(f"absent: {', '.join(doc.absent) or '-'}   protected: "
              f"{', '.join(doc.denied) or '-'}")
    print_table([[s["name"], f"{s['ms']:.1f}", str(s["apdus"]), str(s["link_bytes"])]
                 for s in payload["steps"]], ["step", "ms", "APDUs", "link bytes"])
    print(f"total: {doc.apdu_count} APDUs, {doc.link_bytes} bytes on the link, "
          f"{doc.seconds * 1000:.0f} ms, read size {doc.read_size}")
    for label, outcome in (("chip authentication", doc.chip_auth),
                           ("active authentication", doc.active_auth)):
        if outcome is not None:
            print(f"{label}: {outcome.status} ({outcome.reason})")
    for key_name, value in payload["personal"].items():
        print(f"{key_name}: {value}")
    for warning in doc.warnings:
        print(f"warning: {warning}")
    if args.out:
        print(f"saved {len(payload['saved'])} files to {args.out}")
    return 0
