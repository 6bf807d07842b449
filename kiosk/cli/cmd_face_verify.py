"""`kiosk face verify PORTRAIT SOURCE`: match a camera/video/images against a portrait."""

from __future__ import annotations

import argparse

COMMAND = ("face", "verify")
HELP = ("compare the face in SOURCE (camera index, video, image or folder) with PORTRAIT "
        "(the chip's DG2 image as JPEG/JPEG 2000), with quality gates and the head-turn "
        "liveness challenge")

#: Exit codes: verified, not verified (no match, undecided or liveness failed), error.
EXIT_VERIFIED, EXIT_NOT_VERIFIED, EXIT_ERROR = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser)
    parser.add_argument("portrait", metavar="PORTRAIT", help="portrait file (JPEG, JPEG 2000, PNG)")
    parser.add_argument("source", metavar="SOURCE",
                        help="camera index (0), video file, image file, or folder of images")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--target-fmr", type=float, default=None,
                        help="target false-match rate; picks the calibrated threshold "
                             "(default: face.threshold if set, else face.target_fmr)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="explicit distance threshold (overrides --target-fmr and the "
                             "settings; not a calibrated point)")
    parser.add_argument("--no-liveness", action="store_true",
                        help="skip the head-turn challenge (match only)")
    parser.add_argument("--max-frames", type=int, default=300,
                        help="stop after this many frames (default 300)")
    parser.add_argument("--timeout", type=float, default=15.0,
                        help="camera only: give up after this many seconds (default 15)")
    parser.add_argument("--width", type=int, default=640, help="camera width (default 640)")
    parser.add_argument("--height", type=int, default=480, help="camera height (default 480)")
    parser.add_argument("--fps", type=float, default=None, help="camera frame rate")


def _error(args: argparse.Namespace, exc: Exception) -> int:
    from kiosk.cli.output import fail_typed

    return fail_typed("face.error", getattr(exc, "code", type(exc).__name__),
                      getattr(exc, "message", str(exc)), getattr(exc, "advice", ""),
                      as_json=args.json, code=EXIT_ERROR)


def run(args: argparse.Namespace) -> int:
    import threading
    from pathlib import Path

    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.face.analysis import FaceAnalyzer
    from kiosk.face.camera import DeviceSource, open_source
    from kiosk.face.errors import FaceError
    from kiosk.face.grabber import FrameGrabber
    from kiosk.face.portrait import load_portrait
    from kiosk.face.threshold import threshold_in_force
    from kiosk.face.verify import DEFAULT_LIVENESS, verify

    if args.threshold is not None and not 0 < args.threshold <= 10:
        return fail("--threshold must be above 0 (and at most 10)", EXIT_ERROR)
    if args.target_fmr is not None and not 0 < args.target_fmr < 1:
        return fail("--target-fmr must be between 0 and 1", EXIT_ERROR)
    try:
        face_settings = load_config(args.config).face
    except ConfigError as exc:
        return fail(str(exc), EXIT_ERROR)
    try:
        in_force = threshold_in_force(face_settings, threshold=args.threshold,
                                      target_fmr=args.target_fmr)
        threshold = in_force.threshold
        analyzer = FaceAnalyzer()
        portrait_path = Path(args.portrait)
        try:
            data = portrait_path.read_bytes()
        except OSError as exc:
            raise FaceError(f"cannot read portrait file {args.portrait}: {exc.strerror}.",
                            advice="Check the path.") from None
        portrait = load_portrait(data, analyzer)
        source = open_source(args.source, width=args.width, height=args.height, fps=args.fps)
        liveness = None if args.no_liveness else DEFAULT_LIVENESS
        if isinstance(source, DeviceSource):
            stop = threading.Event()
            timer = threading.Timer(args.timeout, stop.set)
            with FrameGrabber(source) as grabber:
                timer.start()
                try:
                    result = verify(portrait, grabber, analyzer, threshold=threshold,
                                    liveness=liveness, max_frames=args.max_frames, stop=stop)
                finally:
                    timer.cancel()
            if grabber.error is not None:
                raise grabber.error
        else:
            with source:
                result = verify(portrait, source, analyzer, threshold=threshold,
                                liveness=liveness, max_frames=args.max_frames)
    except FaceError as exc:
        return _error(args, exc)
    code = EXIT_VERIFIED if result.verified else EXIT_NOT_VERIFIED
    if args.json:
        print_json("face.verify", {
            "verified": result.verified,
            "portrait": {"source_size": portrait.source_size, "scale": round(portrait.scale, 3),
                         "levels_stretched": portrait.levels_stretched},
            "source": source.description,
            "threshold_basis": threshold.basis,
            "threshold_source": in_force.source,
            "threshold_setting": in_force.setting,
            "result": result,
        })
        return code
    print(f"decision   {result.decision}" + (f" ({result.reason})" if result.reason else ""))
    dist = "-" if result.distance is None else f"{result.distance:.4f}"
    print(f"distance   {dist}  (threshold {result.threshold}, target FMR {result.target_fmr:g}, "
          f"{'verified' if result.threshold_verified else 'NOT verified on our data'})")
    print(f"threshold  {result.threshold} from {in_force.setting} ({in_force.source})")
    print(f"frames     {result.frames_used} good of {result.frames_seen} seen; best frame "
          f"{result.best_frame_index}")
    rejected: dict[str, int] = {}
    for q in result.quality:
        for r in q.reasons:
            rejected[r] = rejected.get(r, 0) + 1
    if rejected:
        print("rejected   " + ", ".join(f"{k} x{v}" for k, v in sorted(rejected.items())))
    if result.liveness is not None:
        lv = result.liveness
        status = "passed" if lv.passed else f"failed ({lv.reason}: {lv.message('en')})"
        print(f"liveness   {status}; yaw {lv.yaw_min_deg}..{lv.yaw_max_deg} deg over "
              f"{lv.face_frames} face frames, identity max {lv.max_identity_distance}")
    print(f"verified   {'yes' if result.verified else 'no'}")
    return code
