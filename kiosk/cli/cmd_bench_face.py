"""`kiosk bench face`: face pipeline latency, preview rate under matching, distances."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMAND = ("bench", "face")
HELP = ("per-frame detect+align+embed latency (median, p95), preview fps while matching runs "
        "in a worker, and genuine/impostor distances on tests/data/faces")


def _default_faces() -> Path:
    """The public-domain photos shipped with the repository's tests (tests/data/faces)."""
    return Path(__file__).resolve().parents[2] / "tests" / "data" / "faces"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--faces", type=Path, default=None,
                        help="folder of face photos named <person>[N].jpg (default tests/data/faces)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="passes over the 6 frames for latency (default 3)")
    parser.add_argument("--preview-seconds", type=float, default=4.0,
                        help="length of each preview measurement (default 4)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import print_json
    from kiosk.face.bench import run_bench

    faces = args.faces or _default_faces()
    if not faces.is_dir():
        print(f"kiosk: --faces: no folder {faces} (a checkout has tests/data/faces; "
              "elsewhere pass --faces DIR)", file=sys.stderr)
        return 2
    r = run_bench(faces, repeats=args.repeats, preview_seconds=args.preview_seconds)
    if args.json:
        print_json("bench.face", r)
        return 0
    lat = r.latency
    print(f"cpu cores {r.cpu_cores}, load average (1 min) {r.load_average_1min}: "
          "figures scale with the load of a shared machine")
    print(f"per verified frame median {lat.median_ms} ms, p95 {lat.p95_ms} ms over {lat.frames} "
          f"frames (detect {lat.detect_median_ms} ms, embed {lat.embed_median_ms} ms; "
          "target < 150 ms)")
    for p in r.preview:
        print(f"preview, matcher {p.matcher:<8} {p.preview_fps:5.1f} fps "
              f"({p.frames_analysed} frames analysed in {p.seconds} s; target >= 25)")
    for d in r.distances:
        g, i = d.genuine_stats, d.impostor_stats
        print(f"distances {d.condition:<14} genuine {g.min}-{g.max} (n={g.count}), "
              f"impostor {i.min}-{i.max} (n={i.count})")
    return 0
