"""`kiosk capture mrz IMAGE`: the BAC key (document number, birth, expiry) from the MRZ.

OCR runs offline (rapidocr's shipped models). Only an MRZ whose every check digit passes is
accepted; the name is never read. Human output masks the values unless --show-personal.
"""

from __future__ import annotations

import argparse

COMMAND = ("capture", "mrz")
HELP = "read the MRZ access key (document number, birth, expiry) from a photo of the card back"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli.capture_command import add_capture_arguments

    add_capture_arguments(parser, what="the card's back")


def run(args: argparse.Namespace) -> int:
    from kiosk.capture.mrz_ocr import read_mrz
    from kiosk.capture.report import mrz_json, mrz_lines
    from kiosk.cli.capture_command import run_capture

    return run_capture(args, kind="capture.mrz", decode=lambda image: read_mrz(image, thorough=True),
                       to_json=mrz_json, to_lines=mrz_lines)
