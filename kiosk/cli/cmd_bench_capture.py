"""`kiosk bench capture`: QR and MRZ capture on generated images at three difficulty levels.

Prints, per kind and level: images, correct, wrong-but-valid keys (must be 0), not found,
wall and CPU time per image. Targets (issue 6): QR 40/40 at mild and hard under 30 ms;
MRZ >= 19/20 per level under 1 s; zero wrong-but-valid keys.
"""

from __future__ import annotations

import argparse

COMMAND = ("bench", "capture")
HELP = "QR and MRZ capture: success rate and time per image on generated card images"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=None, metavar="N",
                        help="images per level for each kind (default: 40 QR, 20 MRZ)")
    parser.add_argument("--kind", choices=("qr", "mrz", "all"), default="all",
                        help="which capture to time (default all)")
    parser.add_argument("--seed", type=int, default=0, help="first image seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/capture.md)")


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.capture import bench
    from kiosk.cli.output import fail, print_json, print_table

    if args.n is not None and args.n < 1:
        return fail("--n must be at least 1")
    kinds = ("qr", "mrz") if args.kind == "all" else (args.kind,)
    n_qr = args.n or 40
    n_mrz = args.n or 20
    def show(message: str) -> None:
        sys.stderr.write(f"bench: {message}...\n")

    progress = None if args.json else show
    report = bench.run(n_qr=n_qr, n_mrz=n_mrz, seed=args.seed, kinds=kinds, progress=progress)
    if args.json:
        print_json("bench.capture", report)
        return 0
    rows = [[r.kind, r.level, f"{r.correct}/{r.images}", str(r.wrong_valid), str(r.not_found),
             f"{r.mean_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.mean_cpu_ms:.1f}",
             "yes" if r.meets_target else "no"] for r in report.results]
    print_table(rows, ["kind", "level", "correct", "wrong-valid", "missed", "mean ms",
                       "p95 ms", "cpu ms", "target"])
    if "mrz" in kinds:
        print(f"OCR model load and first inference: {report.ocr_load_ms:.0f} ms (once per process)")
    return 0
