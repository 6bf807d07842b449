"""`kiosk capture mrz IMAGE`: the BAC key (document number, birth, expiry) from the MRZ.

OCR runs offline (rapidocr's shipped models). Only an MRZ whose every check digit passes is
accepted; the name is never read. Human output masks the values unless --show-personal.
"""

from __future__ import annotations

import argparse

COMMAND = ("capture", "mrz")
HELP = "read the MRZ access key (document number, birth, expiry) from a photo of the card back"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("image", metavar="IMAGE", help="PNG or JPEG photo of the card's back")
    parser.add_argument("--json", action="store_true",
                        help="print JSON with every value (docs/cli/capture.md)")
    parser.add_argument("--show-personal", action="store_true",
                        help="show numbers and dates unmasked in human output")


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.capture.errors import CaptureError
    from kiosk.capture.mrz_ocr import read_mrz
    from kiosk.capture.report import error_json, load_image, mrz_json, mrz_lines
    from kiosk.cli.output import fail, print_json

    try:
        image = load_image(args.image)
    except ValueError as exc:
        return fail(str(exc), 2)
    try:
        capture = read_mrz(image, thorough=True)
    except CaptureError as exc:
        if args.json:
            print_json("capture.mrz", error_json(exc))
            return 1
        return fail(f"{exc.message}. {exc.advice}")
    if args.json:
        print_json("capture.mrz", mrz_json(capture))
    else:
        sys.stdout.write("\n".join(mrz_lines(capture, show_personal=args.show_personal)) + "\n")
    return 0
