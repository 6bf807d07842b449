"""`kiosk capture qr IMAGE`: the CAN and pre-read fields from the card's QR code in an image.

The output is personal data: human output masks it unless --show-personal; --json (for
scripts) holds every value. Every field is "from QR, not verified" until the chip confirms it.
"""

from __future__ import annotations

import argparse

COMMAND = ("capture", "qr")
HELP = "read the CAN and pre-read fields from the ID card's QR code in an image"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli.capture_command import add_capture_arguments

    add_capture_arguments(parser, what="the card's QR code")


def run(args: argparse.Namespace) -> int:
    from kiosk.capture.qr import read_qr
    from kiosk.capture.report import qr_json, qr_lines
    from kiosk.cli.capture_command import run_capture

    return run_capture(args, kind="capture.qr", decode=read_qr, to_json=qr_json,
                       to_lines=qr_lines)
