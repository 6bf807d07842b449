"""The body `kiosk capture qr` and `kiosk capture mrz` share: load the image, decode it, print
JSON (every value, for scripts) or human lines (masked unless --show-personal).

    add_capture_arguments(parser, what="the card's QR code")
    run_capture(args, kind="capture.qr", decode=read_qr, to_json=qr_json, to_lines=qr_lines)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

C = TypeVar("C")


def add_capture_arguments(parser: argparse.ArgumentParser, *, what: str) -> None:
    parser.add_argument("image", metavar="IMAGE", help=f"PNG or JPEG photo of {what}")
    parser.add_argument("--json", action="store_true",
                        help="print JSON with every value (docs/cli/capture.md)")
    parser.add_argument("--show-personal", action="store_true",
                        help="show personal values unmasked in human output")


def run_capture(args: argparse.Namespace, *, kind: str, decode: Callable[[Any], C],
                to_json: Callable[[C], dict[str, Any]],
                to_lines: Callable[..., list[str]]) -> int:
    """0 with the capture, 1 when nothing valid was found (JSON: an error document),
    2 when the image cannot be read."""
    from kiosk.capture.errors import CaptureError
    from kiosk.capture.report import error_json, load_image
    from kiosk.cli.output import fail, print_json

    try:
        image = load_image(args.image)
    except ValueError as exc:
        return fail(str(exc), 2)
    try:
        capture = decode(image)
    except CaptureError as exc:
        if args.json:
            print_json(kind, error_json(exc))
            return 1
        return fail(f"{exc.message}. {exc.advice}")
    if args.json:
        print_json(kind, to_json(capture))
    else:
        sys.stdout.write("\n".join(to_lines(capture, show_personal=args.show_personal)) + "\n")
    return 0
