"""`kiosk face calibrate`: genuine/impostor distances, the DET table and a threshold for each
target FMR, from a labelled folder, a named set or saved embeddings."""

from __future__ import annotations

import argparse

COMMAND = ("face", "calibrate")
HELP = ("measure genuine and impostor distance distributions, FMR and FNMR at each threshold "
        "(DET table) and the threshold for a target false-match rate, from DIR (one subfolder "
        "of photos per person), a named set (--set) or saved embeddings (--embeddings)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", nargs="?", default=None,
                        help="folder with one subfolder of photos per person")
    parser.add_argument("--set", metavar="NAME", default=None,
                        help="a named labelled set (tests, face_recognition-1.3.0; fetched "
                             "sets first with `kiosk face fetch NAME`)")
    parser.add_argument("--embeddings", metavar="FILE", default=None,
                        help="embeddings saved by --save-embeddings (no model, no photos)")
    parser.add_argument("--cache", metavar="DIR", default=None,
                        help="where fetched sets are (default ~/.cache/kiosk/faces)")
    parser.add_argument("--augment", action="store_true",
                        help="add identity-preserving variants (chip portrait JPEG/JPEG 2000, "
                             "webcam frames darker, blurred, noisy, tilted, mirrored, farther)")
    parser.add_argument("--target-fmr", type=float, action="append", default=None,
                        metavar="X", help="target false-match rate; repeat for several "
                                          "(default 0.001 and 0.01; the first is `proposal`)")
    parser.add_argument("--save-embeddings", metavar="FILE", default=None,
                        help="write the embeddings (biometric data: keep them private) as .npz")
    parser.add_argument("--write-calibration", metavar="FILE", default=None,
                        help="write a calibration.json (operating points plus this report)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _produced_by(args: argparse.Namespace) -> str:
    src = (f"--set {args.set}" if args.set else
           f"--embeddings {args.embeddings}" if args.embeddings else "DIR")
    parts = ["kiosk face calibrate", src]
    if args.augment:
        parts.append("--augment")
    parts += [f"--target-fmr {t:g}" for t in args.target_fmr or ()]
    return " ".join(parts)


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from kiosk.cli.output import fail, fail_typed, print_json, to_jsonable
    from kiosk.face.calibrate import (
        DEFAULT_TARGETS,
        calibrate_folder,
        calibrate_samples,
        calibrate_set,
    )
    from kiosk.face.calibration import calibration_document
    from kiosk.face.errors import FaceError
    from kiosk.face.report_text import calibration_lines
    from kiosk.face.samples import embed_photos, folder_photos, load_samples, save_samples

    sources = [x for x in (args.dir, args.set, args.embeddings) if x]
    if len(sources) != 1:
        return fail("give exactly one of DIR, --set NAME or --embeddings FILE", 2)
    targets = tuple(args.target_fmr or DEFAULT_TARGETS)
    if not all(0 < t < 1 for t in targets):
        return fail("--target-fmr must be between 0 and 1", 2)
    if args.embeddings and args.augment:
        return fail("--augment needs photos (DIR or --set), not saved embeddings", 2)
    try:
        sset = None
        if args.set:
            report, sset = calibrate_set(args.set, targets[0], augment=args.augment,
                                         cache=Path(args.cache) if args.cache else None,
                                         targets=targets[1:])
        elif args.embeddings:
            report = calibrate_samples(load_samples(Path(args.embeddings)), targets[0],
                                       targets=targets[1:])
        elif args.save_embeddings:
            sset = embed_photos(folder_photos(Path(args.dir)), augment=args.augment)
            report = calibrate_samples(sset, targets[0], targets=targets[1:])
        else:
            report = calibrate_folder(Path(args.dir), targets[0], augment=args.augment,
                                      targets=targets[1:])
        if args.save_embeddings and sset is not None:
            save_samples(Path(args.save_embeddings), sset)
    except FaceError as exc:
        return fail_typed("face.error", exc.code, exc.message, exc.advice, as_json=args.json,
                          code=2)
    measurement = to_jsonable(report)
    if args.write_calibration:
        doc = calibration_document(measurement, _produced_by(args))
        Path(args.write_calibration).write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.json:
        print_json("face.calibrate", measurement)
        return 0
    print("\n".join(calibration_lines(measurement)))
    return 0
