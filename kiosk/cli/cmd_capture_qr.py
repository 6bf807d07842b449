"""`kiosk capture qr IMAGE`: the CAN and pre-read fields from the card's QR code in an image.

The output is personal data: human output masks it unless --show-personal; --json (for
scripts) holds every value. Every field is "from QR, not verified" until the chip confirms it.
"""

from __future__ import annotations

import argparse

COMMAND = ("capture", "qr")
HELP = "read the CAN and pre-read fields from the ID card's QR code in an image"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("image", metavar="IMAGE", help="PNG or JPEG photo of the card's QR code")
    parser.add_argument("--json", action="store_true",
                        help="print JSON with every value (docs/cli/capture.md)")
    parser.add_argument("--show-personal", action="store_true",
                        help="show names, numbers and dates unmasked in human output")


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.capture.errors import CaptureError
    from kiosk.capture.qr import read_qr
    from kiosk.capture.report import error_json, load_image, qr_json, qr_lines
    from kiosk.cli.output import fail, print_json

    try:
        image = load_image(args.image)
    except ValueError as exc:
        return fail(str(exc), 2)
    try:
        capture = read_qr(image)
    except CaptureError as exc:
        if args.json:
            print_json("capture.qr", error_json(exc))
            return 1
        return fail(f"{exc.message}. {exc.advice}")
    if args.json:
        print_json("capture.qr", qr_json(capture))
    else:
        sys.stdout.write("\n".join(qr_lines(capture, show_personal=args.show_personal)) + "\n")
    return 0
