"""`kiosk read`: read the chip ID card in a reader, judge it, and print what happened.

The read is the kiosk's own (kiosk.reading.read_document, with the reader's calibrated profile
from the settings) and so is the judgement (kiosk.reading.inspect: passive authentication
against the kiosk's trust store under its PKI policy, then the verdict). The first line of the
report is the verdict, and the exit code says it: 0 only for a genuine chip (docs/cli/read.md).
`--no-verify` reads without judging. Personal fields are masked unless --show-personal is
given; `--out` saves the raw files under the names `kiosk trust verify` reads.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the heavy modules load in run(), so `kiosk read --help` stays quick
    from icao.document import Document
    from icao.keys import AccessKey

COMMAND = ("read",)
HELP = ("read the chip of the card in a reader (CAN or MRZ), verify it and print a report; "
        "exit 0 only for a genuine chip")

#: File names on disk, as `kiosk trust verify DIR` expects them.
OUT_NAMES = {"COM": "EF.COM.bin", "SOD": "EF.SOD.bin", "CardAccess": "EF.CardAccess.bin",
             "CardSecurity": "EF.CardSecurity.bin"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument
    from kiosk.trust.location import add_trust_dir_argument

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
    parser.add_argument("--max-read", type=int, default=None, metavar="N",
                        help="largest READ BINARY to try (default: the reader's profile, else "
                             "[reader] max_read, 65536)")
    parser.add_argument("--deadline", type=float, default=None, metavar="S",
                        help="one time limit for the whole read, retries included (default 8)")
    parser.add_argument("--no-verify", action="store_true",
                        help="read only: no passive authentication, no verdict (exit 0 when "
                             "the read completes)")
    parser.add_argument("--require-crl", action="store_true",
                        help="a missing or out-of-date CRL makes the chip not provable "
                             "(default: [trust] require_crl of the settings)")
    add_trust_dir_argument(parser)
    add_config_argument(parser)
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


def _pick_reader(wanted: str | None) -> str:
    """The reader's full name (as nfc.PcscTransport would pick it), so its profile applies."""
    from nfc.errors import ReaderUnavailable
    from nfc.readers import list_readers, resolve_reader

    readers = list_readers()
    if wanted is not None:
        return resolve_reader([r.name for r in readers], wanted)
    for r in readers:
        if r.card_present:
            return r.name
    raise ReaderUnavailable("No card on any reader. Place the card flat on the reader"
                            + ("." if readers else "; no reader is connected either: check "
                               "its USB cable."))


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
    from icao.reader import DEFAULT_FILES
    from kiosk.cli import read_report as rr
    from kiosk.cli.card_wait import wait_for_card
    from kiosk.cli.messages import access_denied, key_flag, with_flag
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.diag.profiles import reader_setup
    from kiosk.reading.pcsc import read_document
    from nfc.errors import NfcError

    try:
        key = _key(args)
    except (ValueError, IcaoError) as exc:
        return fail(with_flag(key_flag(args), getattr(exc, "message", str(exc))),
                    rr.EXIT_USAGE)
    if args.max_read is not None and not 1 <= args.max_read <= 65536:
        return fail("--max-read must be between 1 and 65536", rr.EXIT_USAGE)
    if args.deadline is not None and args.deadline <= 0:
        return fail("--deadline must be a positive number of seconds", rr.EXIT_USAGE)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), rr.EXIT_USAGE)
    trust = trust_dir = None
    if not args.no_verify:
        # the kiosk's trust store: --trust-dir, else [trust] dir, else where the app looks
        # ($KIOSK_TRUST_DIR, <user data dir>/trust), as kiosk.trust.load_trust_store does
        from kiosk.trust.disk import DiskTrustStore, TrustStoreError
        from kiosk.trust.location import trust_dir as locate

        where = locate(args.trust_dir or config.trust.dir or None)
        trust_dir = str(where)
        try:
            trust = DiskTrustStore(where).load()
        except (TrustStoreError, IcaoError) as exc:
            return fail(f"the trust store at {trust_dir} is unusable ({exc}); repair it "
                        "(`kiosk trust list`) or read with --no-verify", rr.EXIT_USAGE)
    wait_for_card(args.reader, args.wait)  # none after --wait: the read says "no card"
    try:
        reader = _pick_reader(args.reader)
        setup = reader_setup(config, reader)
        overrides: dict[str, object] = {"chip_auth": not args.no_chip_auth,
                                        "active_auth": not args.no_active_auth}
        flags = []
        if args.max_read is not None:
            overrides["max_read"] = args.max_read
            flags.append("--max-read")
        if args.deadline is not None:
            overrides["deadline_s"] = args.deadline
            flags.append("--deadline")
        options = setup.read_options(**overrides)
        doc = read_document(reader, key, options=options, timeout=setup.apdu_timeout_s,
                            files=args.files or DEFAULT_FILES)
    except AccessDenied as exc:
        return fail(access_denied(exc, key_flag(args)), rr.EXIT_ACCESS_DENIED)
    except IcaoError as exc:
        return fail(f"{exc.message} [{type(exc).__name__}, step {exc.step}]. {exc.advice}",
                    rr.EXIT_CHIP_ERROR)
    except NfcError as exc:
        return fail(str(exc), rr.EXIT_PCSC)
    except ValueError as exc:
        return fail(str(exc), rr.EXIT_USAGE)
    judged = None
    require_crl = bool(args.require_crl or config.trust.require_crl)
    if trust is not None:
        from datetime import UTC, datetime

        from kiosk.reading.inspection import inspect

        judged = inspect(doc, trust, datetime.now(UTC), with_identity=False,
                         require_crl=require_crl)
        views = judged.views
    else:
        from kiosk.reading.views import unverified_views

        views = unverified_views(doc.files)
    payload = rr.read_payload(doc, views, judged, reader=reader, setup=setup,
                              options=options, flags=flags, trust=trust, trust_dir=trust_dir,
                              require_crl=require_crl,
                              show_personal=args.show_personal)
    if args.out:
        payload["saved"] = save(doc, args.out)
    if args.json:
        print_json("read", payload)
    else:
        print(rr.render_text(payload, doc, judged), end="")
        if args.out:
            print(f"saved {len(payload['saved'])} files to {args.out}")
    return rr.exit_code(judged)
