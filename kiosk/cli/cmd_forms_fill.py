"""`kiosk forms fill`: pre-fill one service's form from an identity file; write PDF and JSON.

The identity file is `kiosk.identity` JSON (docs/forms.md; sample in kiosk/forms/examples/).
Exit status: 0 when the form is complete and valid, 3 when it was written but has validation
errors (listed on stderr in Vietnamese and English), 1 on unusable input.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

COMMAND = ("forms", "fill")
HELP = "pre-fill a service's form from an identity JSON file; write the PDF and/or JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("service", metavar="SERVICE",
                        help="service code or number (see `kiosk forms list`)")
    parser.add_argument("--identity", required=True, metavar="FILE",
                        help="identity JSON (kiosk.identity, version 1)")
    parser.add_argument("--second-identity", metavar="FILE",
                        help="the second person's identity JSON (marriage, birth, death forms)")
    parser.add_argument("--party", action="append", default=[], metavar="ROLE=FILE",
                        help="another person of the form by role (spouse, mother, father, "
                             "deceased, household_head) and their identity JSON; repeatable")
    parser.add_argument("--party-id", action="append", default=[], metavar="ROLE=NUMBER",
                        help="another person given only by the ID number typed for them, or "
                             "ROLE=declarant when the person filing is that party; repeatable")
    parser.add_argument("--extra", metavar="FILE",
                        help='JSON of typed values: {"fields": {id: value}, "kiosk": {"agency": '
                             '..., "place": ...}} or a flat {id: value}')
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="filing date (default: today)")
    parser.add_argument("--pdf", metavar="OUT", help="write the printable A4 PDF here")
    parser.add_argument("--json", metavar="OUT",
                        help="write the back-office JSON (schema kiosk.form-draft v1) here")


def _parties(args: argparse.Namespace, load_identity: Callable[[str, str], object]
             ) -> dict | None:
    """--party ROLE=FILE and --party-id ROLE=NUMBER|declarant as prefill's `parties` (None
    when neither is given, so --second-identity keeps its meaning). `load_identity(path,
    flag)` reads one identity file."""
    from kiosk.forms import TypedId

    if not args.party and not args.party_id:
        return None
    out: dict = {}
    for item, typed in [(i, False) for i in args.party] + [(i, True) for i in args.party_id]:
        flag = "--party-id" if typed else "--party"
        role, sep, value = item.partition("=")
        if not sep or not role or not value:
            raise ValueError(f"{flag} takes ROLE=VALUE, got {item!r}")
        if role in out:
            raise ValueError(f"{flag}: party {role!r} given twice")
        out[role] = (value if value == "declarant" else TypedId(value)) if typed \
            else load_identity(value, flag)
    return out


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.cli.output import CliError, fail, parse_date, read_json
    from kiosk.forms import UnknownFieldError, get_service, prefill, render_pdf, write_json
    from kiosk.forms.fonts import FontsMissing
    from kiosk.identity import IdentityJsonError, identity_from_json

    try:
        service = get_service(args.service)
    except KeyError as exc:
        return fail(str(exc.args[0]))
    flag = "--identity"
    try:
        today = parse_date(args.date, "--date") if args.date else None
        identity = identity_from_json(read_json(args.identity, flag))
        second = None
        if args.second_identity:
            flag = "--second-identity"
            second = identity_from_json(read_json(args.second_identity, flag))
        flag = "--party"
        parties = _parties(args, lambda path, f: identity_from_json(read_json(path, f)))
        flag = "--extra"
        extra_doc = read_json(args.extra, flag) if args.extra else {}
        if not isinstance(extra_doc, dict):
            raise CliError(f"--extra {args.extra}: must hold one JSON object", 1)
    except CliError as exc:
        return fail(exc.message)  # exit 1: unusable input (the documented status)
    except (IdentityJsonError, ValueError) as exc:
        return fail(f"{flag} {getattr(args, flag[2:].replace('-', '_'))}: {exc}")
    if "fields" in extra_doc or "kiosk" in extra_doc:
        fields, kiosk = extra_doc.get("fields", {}), extra_doc.get("kiosk", {})
    else:
        fields, kiosk = extra_doc, {}
    try:
        draft = prefill(service, identity, fields, parties=parties, second_identity=second,
                        kiosk=kiosk, today=today)
    except UnknownFieldError as exc:
        return fail(str(exc))
    try:
        if args.pdf:
            render_pdf(draft, args.pdf)
        if args.json:
            write_json(draft, args.json)
    except FontsMissing as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write the output: {exc.strerror}: {exc.filename}")
    out = sys.stdout
    out.write(f"{service.number}. {service.name_vi} — "
              f"{'Mẫu ' + service.form_code if service.form_code else 'không có mã mẫu'}\n")
    for f in draft.fields:
        flags = f" [{', '.join(f.notes)}]" if f.notes else ""
        out.write(f"  {f.spec.label_vi}: {f.value or '…'}  ({f.source}){flags}\n")
    problems = [(f.spec.label_vi, e) for f in draft.fields for e in f.errors]
    problems += [("(biểu mẫu)", e) for e in draft.form_errors]
    for _, e in problems:
        sys.stderr.write(f"kiosk: {e.vi} / {e.en}\n")
    return 0 if draft.valid else 3
