"""`kiosk face threshold`: the face threshold in force, where it came from, and the shipped
calibration behind it (data set, DET table, operating points, what FMR 0.001 would need)."""

from __future__ import annotations

import argparse

COMMAND = ("face", "threshold")
HELP = ("show the face decision threshold in force (face.threshold or the calibrated point "
        "for face.target_fmr) and the measurement in kiosk/face/calibration.json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--threshold", type=float, default=None,
                        help="as `kiosk face verify --threshold`: an explicit value")
    parser.add_argument("--target-fmr", type=float, default=None,
                        help="as `kiosk face verify --target-fmr`")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, fail_typed, print_json, to_jsonable
    from kiosk.config import ConfigError, load_config
    from kiosk.face.calibration import load_calibration
    from kiosk.face.errors import FaceError
    from kiosk.face.report_text import calibration_lines
    from kiosk.face.threshold import threshold_in_force

    try:
        face = load_config(args.config).face
        cal = load_calibration()
        tif = threshold_in_force(face, threshold=args.threshold, target_fmr=args.target_fmr,
                                 calibration=cal)
    except ConfigError as exc:
        return fail(str(exc), 2)
    except FaceError as exc:
        return fail_typed("face.error", exc.code, exc.message, exc.advice, as_json=args.json,
                          code=2)
    doc = cal.document
    if args.json:
        print_json("face.threshold", {
            "in_force": to_jsonable(tif),
            "operating_points": doc.get("operating_points", []),
            "reference": doc.get("reference"),
            "produced_by": doc.get("produced_by"),
            "measurement": doc.get("measurement"),
        })
        return 0
    t = tif.threshold
    print(f"threshold  {t.value} from {tif.setting} ({tif.source}); "
          f"{'verified' if t.verified else 'NOT verified'} for target FMR {t.target_fmr:g}")
    if tif.measured is not None:
        m = tif.measured
        print(f"measured   FMR {m.fmr} of {m.impostor_comparisons} impostor comparisons, "
              f"FNMR {m.fnmr} of {m.genuine_comparisons} genuine comparisons "
              "(shipped calibration data)")
    print(f"basis      {t.basis}")
    if doc.get("measurement"):
        print(f"produced   {doc.get('produced_by')}")
        print()
        print("\n".join(calibration_lines(doc["measurement"])))
    return 0
