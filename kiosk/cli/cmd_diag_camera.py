"""`kiosk diag camera`: resolution, real frame rate, light, focus, face size, quality gates."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "camera")
HELP = ("measure the camera against the face check's quality gates (stand where a citizen "
        "stands); --snapshot saves a frame with the overlay")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    src = parser.add_mutually_exclusive_group()
    src.add_argument("--index", type=int, metavar="N", help="camera index (default: config)")
    src.add_argument("--source", metavar="PATH",
                     help="a video, an image or a folder of images instead of a camera")
    parser.add_argument("--frames", type=int, default=30, metavar="N",
                        help="frames to grab (default 30)")
    parser.add_argument("--snapshot", metavar="FILE",
                        help="save the best frame with the overlay (it shows a face: none is "
                             "kept by default)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.diag.camera import check_camera, render_text
    from kiosk.face.camera import open_source
    from kiosk.face.errors import FaceError

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), 2)
    c = config.camera
    spec = args.source if args.source else (args.index if args.index is not None
                                            else (c.source or c.index))
    try:
        # Files loop so that --frames frames are measured; a camera ignores `loop`.
        with open_source(spec, loop=True, width=c.width, height=c.height,
                         fps=c.fps) as source:
            report = check_camera(source, frames=max(1, args.frames), snapshot=args.snapshot)
    except FaceError as exc:
        return fail(str(exc), 3)
    except OSError as exc:
        return fail(str(exc))
    if args.json:
        print_json("diag.camera", report)
    else:
        print(render_text(report), end="")
    return 0 if report.passed else 1
