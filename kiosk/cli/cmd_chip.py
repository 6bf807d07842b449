"""`kiosk chip`: run the strict emulated eMRTD in pcscd's virtual reader (vpcd).

For demos, training and tests without a physical card. Prints the access data staff would
type (CAN and MRZ) and nothing else about the synthetic citizen.
"""

from __future__ import annotations

import argparse
from typing import Any

COMMAND = ("chip",)
HELP = "run the emulated chip ID card in the virtual reader (vpcd) until Ctrl-C"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=35963,
                        help="vpcd TCP port: 35963 = slot 0, 35964 = slot 1 (default 35963)")
    parser.add_argument("--profile", default="vn-cccd",
                        choices=("vn-cccd", "vn-cccd-2024", "td3-passport"),
                        help="card profile (default vn-cccd, the 2021 CCCD)")
    parser.add_argument("--person", metavar="FILE",
                        help="JSON person record (DG13 field names; see docs/cli/read.md); "
                             "default: the built-in synthetic citizen")
    parser.add_argument("--can", metavar="NNNNNN",
                        help="6-digit CAN (becomes the last 6 digits of the ID number)")
    parser.add_argument("--access", choices=("pace", "bac", "both"),
                        help="access protocols the chip accepts (default per profile)")
    parser.add_argument("--mapping", choices=("gm", "im", "cam"), help="PACE mapping")
    parser.add_argument("--curve", metavar="NAME",
                        help="PACE curve or DH group, e.g. brainpoolP256r1, secp384r1, "
                             "modp2048-256, or a parameter id 0-18")
    parser.add_argument("--cipher", choices=("3des", "aes128", "aes192", "aes256"))
    parser.add_argument("--aa-key", choices=("rsa1024", "rsa2048", "ecdsa-p256"),
                        help="active-authentication key in DG15 (default per profile)")
    parser.add_argument("--ext-length", choices=("on", "off"), default="on",
                        help="extended-length APDUs (default on)")
    parser.add_argument("--max-le", type=int, metavar="N",
                        help="largest Le the chip honours (6Cxx below 256, else 6700)")
    parser.add_argument("--link-kbps", type=float, metavar="N",
                        help="model a contactless link of N kbit/s (delays each answer)")
    parser.add_argument("--frame-overhead-ms", type=float, default=0.0, metavar="MS",
                        help="with --link-kbps: fixed cost per ISO 14443 frame (default 0)")
    parser.add_argument("--fsc", type=int, default=256, metavar="N",
                        help="with --link-kbps: the chip's ISO 14443-4 frame size (default 256)")
    parser.add_argument("--fsd", type=int, default=256, metavar="N",
                        help="with --link-kbps: the reader's frame size (default 256)")
    parser.add_argument("--compute-ms", action="append", default=[], metavar="OP=MS",
                        help="with --link-kbps: the chip's compute time, OP one of ecdh, "
                             "ecdsa, rsa1024, rsa2048 (defaults in docs/cli/read.md)")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help="drop-after:N, drop-every:N, corrupt-mac:N, plain-6700-ext, or "
                             "hostile:MODE (a malicious card, see docs/hardening.md; "
                             "repeatable)")
    parser.add_argument("--tamper", metavar="DGn",
                        help="change one byte of this data group after signing (e.g. DG2)")
    parser.add_argument("--ds-expired", action="store_true",
                        help="sign EF.SOD with an expired Document Signer certificate")
    parser.add_argument("--ds-revoked", action="store_true",
                        help="sign EF.SOD with a Document Signer the test CRL revokes")
    parser.add_argument("--clone", action="store_true",
                        help="right data, but the chip lacks the private keys (CA/AA fail)")
    parser.add_argument("--quirk", action="append", default=[], metavar="NAME",
                        help="copy a field chip's behaviour (repeatable); --list-quirks "
                             "lists them")
    parser.add_argument("--list-quirks", action="store_true",
                        help="print the quirk catalogue (what each copies, and where it is "
                             "documented) and exit")
    parser.add_argument("--hide", action="append", default=[], metavar="DGn",
                        help="withhold this data group (6A82) although EF.SOD lists it, "
                             "e.g. a clone hiding DG2 (repeatable)")
    parser.add_argument("--csca-country", metavar="CC",
                        help="sign EF.SOD under a test CSCA and DS of this ISO 3166 country "
                             "(default VN), e.g. FR for a foreign signer of a VNM card")
    parser.add_argument("--reader-model", metavar="NAME",
                        help="put a reader model between vpcd and the chip: short-apdu, "
                             "buffer-261, timeout-6f00 (--list-reader-models)")
    parser.add_argument("--list-reader-models", action="store_true",
                        help="print the reader models and exit")
    parser.add_argument("--pki-out", metavar="DIR",
                        help="write the test CSCA (csca.der) and CRL (crl.der) here, for "
                             "`kiosk trust import-csca` / `import-crl`")
    parser.add_argument("--seconds", type=float, metavar="S",
                        help="remove the card and exit after S seconds (default: run until "
                             "Ctrl-C)")
    parser.add_argument("--json", action="store_true",
                        help="print the access data as JSON (kind chip.access)")


#: Flags whose values ChipOptions checks, and the ChipOptions field each sets: a refused
#: value is reported with the flag that gave it.
_OPTION_FLAGS = (("--curve", "curve"), ("--cipher", "cipher"), ("--mapping", "mapping"),
                 ("--access", "access"), ("--aa-key", "aa_key"), ("--max-le", "max_le"),
                 ("--quirk", "quirks"), ("--hide", "hidden_dgs"),
                 ("--csca-country", "csca_country"))


def _person(args: argparse.Namespace):  # -> icao.chip.Person | None
    """The --person record (with its portrait file) and --can, as a Person; ValueError naming
    the flag and the file."""
    from pathlib import Path

    from icao.chip import Person
    from kiosk.cli.output import CliError, read_json

    record: dict = {}
    path = getattr(args, "person", None)
    if path:
        try:
            loaded = read_json(path, "--person")
        except CliError as exc:
            raise ValueError(exc.message) from None
        if not isinstance(loaded, dict):
            raise ValueError(f"--person {path}: must hold one JSON object")
        record = loaded
    portrait = None
    if path and isinstance(record.get("portrait"), str):
        image = Path(path).parent / record.pop("portrait")
        try:
            portrait = image.read_bytes()
        except OSError as exc:
            raise ValueError(f"--person {path}: its portrait {image}: "
                             f"{exc.strerror or type(exc).__name__}") from None
    can = getattr(args, "can", None)
    if can:
        if not (len(can) == 6 and can.isdigit()):
            raise ValueError(f"--can {can!r}: the CAN is exactly 6 digits")
        from icao.chip.person import DEFAULT_RECORD
        base = str(record.get("id_number", DEFAULT_RECORD["id_number"]))
        record["id_number"] = base[:6] + can
    if not record and portrait is None:
        return None
    try:
        return Person.from_mapping(record, portrait)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"--person {path}: {exc}") from None


def build_chip(args: argparse.Namespace):  # -> icao.chip.EmulatedChip
    """The EmulatedChip described by the flags (shared with `kiosk bench read`). ValueError
    (or OSError) with a message that names the flag at fault."""
    from icao.chip import ChipOptions, EmulatedChip, Faults, LinkModel

    if getattr(args, "reader_model", None):
        from kiosk.demo import reader_model

        try:
            reader_model(args.reader_model)  # a bad name fails before any chip is built
        except ValueError as exc:
            raise ValueError(f"--reader-model: {exc}") from None

    person = _person(args)
    tamper = None
    if getattr(args, "tamper", None):
        text = args.tamper.upper()
        if not (text.startswith("DG") and text[2:].isdigit() and 1 <= int(text[2:]) <= 16):
            raise ValueError(f"--tamper {args.tamper!r}: give a data group such as DG2")
        tamper = int(text[2:])
    link = None
    if getattr(args, "link_kbps", None):
        link_values = {"kbps": args.link_kbps,
                       "frame_overhead_ms": getattr(args, "frame_overhead_ms", 0.0) or 0.0,
                       "fsc": getattr(args, "fsc", 256), "fsd": getattr(args, "fsd", 256)}
        for flag, name in (("--link-kbps", "kbps"), ("--frame-overhead-ms", "frame_overhead_ms"),
                           ("--fsc", "fsc"), ("--fsd", "fsd")):
            try:
                LinkModel(**{"kbps": 100.0, name: link_values[name]})
            except ValueError as exc:
                raise ValueError(f"{flag}: {exc}") from None
        link = LinkModel(**link_values, compute=_compute(getattr(args, "compute_ms", [])))
    try:
        faults = Faults.parse(getattr(args, "fault", []))
    except ValueError as exc:
        raise ValueError(f"--fault: {exc}") from None
    values = dict(
        access=args.access, mapping=args.mapping, curve=args.curve,
        cipher=args.cipher, ext_length=getattr(args, "ext_length", "on") != "off",
        max_le=getattr(args, "max_le", None), link=link, faults=faults, tamper_dg=tamper,
        ds_expired=getattr(args, "ds_expired", False),
        ds_revoked=getattr(args, "ds_revoked", False), clone=getattr(args, "clone", False),
        aa_key=getattr(args, "aa_key", None), quirks=frozenset(getattr(args, "quirk", [])),
        hidden_dgs=frozenset(getattr(args, "hide", [])),
        csca_country=getattr(args, "csca_country", None))
    try:
        options = ChipOptions(profile=args.profile, **values)
    except ValueError as exc:
        raise ValueError(f"{_flag_at_fault(args.profile, values)}{exc}") from None
    return EmulatedChip(options, person)


def _flag_at_fault(profile: Any, values: dict) -> str:
    """"--curve: " when ChipOptions refuses --curve alone (the flags tried one at a time), or
    "" when only the combination is refused (its message says which)."""
    from icao.chip import ChipOptions

    for flag, name in _OPTION_FLAGS:
        if values.get(name) in (None, frozenset()):
            continue
        try:
            ChipOptions(profile=profile, **{name: values[name]})
        except ValueError:
            return f"{flag}: "
    return ""


def _compute(specs: list[str]):  # -> icao.chip.link.ComputeModel
    """--compute-ms ecdh=120 ... -> the chip's compute model (defaults for the rest)."""
    from dataclasses import replace

    from icao.chip.link import ComputeModel

    model = ComputeModel()
    for spec in specs:
        name, _, value = spec.partition("=")
        field = f"{name.strip().lower()}_ms"
        if field not in model.parameters() or field == "scale_ms":
            raise ValueError(f"--compute-ms {spec!r}: use ecdh, ecdsa, rsa1024 or rsa2048")
        try:
            ms = float(value)
        except ValueError:
            raise ValueError(f"--compute-ms {spec!r}: give milliseconds, e.g. ecdh=120") \
                from None
        model = replace(model, **{field: ms})
    return model


def run(args: argparse.Namespace) -> int:
    import sys
    import threading
    from pathlib import Path

    from kiosk.cli.output import fail, print_json

    if args.list_quirks:
        from icao.chip.quirks import catalogue_lines

        print("\n".join(catalogue_lines()))
        return 0
    if args.list_reader_models:
        from kiosk.demo import reader_models

        print("\n".join(reader_models.catalogue_lines()))
        return 0
    try:
        chip = build_chip(args)
    except (ValueError, OSError) as exc:
        return fail(str(exc), 2)
    if args.pki_out:
        out = Path(args.pki_out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "csca.der").write_bytes(chip.files.csca_der or b"")
        if chip.files.crl_der:
            (out / "crl.der").write_bytes(chip.files.crl_der)
    access = chip.access_data
    o = chip.options
    if not args.json:
        print(f"Emulated chip: profile {o.profile}, access {o.access}, PACE {o.mapping} "
              f"on {o.curve} with {o.cipher}, extended length "
              f"{'on' if o.ext_length else 'off'}")
        if o.quirks:
            print(f"Quirks: {', '.join(sorted(o.quirks))}")
        if args.reader_model:
            print(f"Reader model: {args.reader_model}")
        print(f"CAN: {access.can}")
        print("MRZ:")
        for line in access.mrz.split("\n"):
            print(f"  {line}")
    from kiosk.demo import plug_in, wait_placed

    card = plug_in(chip, args.port, reader=args.reader_model)
    card.insert()
    problem = wait_placed(card, args.port)
    if problem is not None:
        card.stop()
        return fail(problem, 3)
    # the ready line (or the JSON) only now: a script that reads at once finds the card
    if args.json:
        print_json("chip.access", {"can": access.can, "mrz": access.mrz.split("\n"),
                                   "profile": o.profile, "access": o.access,
                                   "mapping": o.mapping, "curve": o.curve, "cipher": o.cipher,
                                   "port": args.port, "quirks": sorted(o.quirks),
                                   "hidden": [f"DG{n}" for n in sorted(o.hidden_dgs)],
                                   "csca_country": o.csca_country or "VN",
                                   "reader_model": args.reader_model or "ideal"})
        sys.stdout.flush()
    else:
        print(f"Card in the virtual reader on TCP {args.port}. Ctrl-C to remove it.",
              flush=True)
    stop = threading.Event()
    try:
        stop.wait(args.seconds if args.seconds is not None else None)
    except KeyboardInterrupt:
        pass
    finally:
        card.stop()
    return 0
