"""The one body of `kiosk trust import-ml`, `import-csca` and `import-crl` (issue 13 item 7):
read the files, import through `DiskTrustStore`, map every failure to one clear line, and
print the same JSON shape ("trust.import", docs/cli/trust.md) or one human line.

Every CSCA is trusted only for documents of its own state (icao.pki.verify, ds.country): the
report lists how many certificates each state now has, so a technician sees that importing
the German master list added 112 states' anchors, not 588 anchors for every card.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.trust.disk import DiskTrustStore, ImportReport

Kind = Literal["ml", "csca", "crl"]


@dataclass(frozen=True)
class _Spec:
    noun: str                                            # in "<noun> refused: ..."
    files: Callable[[argparse.Namespace], list[str]]     # the file arguments, in order
    run: Callable[[DiskTrustStore, list[bytes], str], ImportReport]
    text: Callable[[ImportReport, Path], str]


def _ml_text(r: ImportReport, root: Path) -> str:
    states = len([c for c in r.countries if c])
    return (f"master list verified; {r.added} CSCA certificates added, {r.already_present} "
            f"already present ({root})" + (f"\neach trusted only for its own state's documents "
                                           f"({states} states)" if r.added else ""))


def _csca_text(r: ImportReport, root: Path) -> str:
    if not r.added:
        return f"already present in {root}"
    e = r.entries[0]
    valid_to = e.not_after[:10] if e.not_after else "-"
    return f"added {e.kind} {e.subject} (valid to {valid_to}) to {root}"


def _crl_text(r: ImportReport, root: Path) -> str:
    if r.added:
        return f"CRL added ({r.replaced} older CRL replaced) to {root}"
    return f"this CRL (or a newer one from the same CSCA) is already in {root}"


SPECS: dict[Kind, _Spec] = {
    "ml": _Spec("master list", lambda a: [a.file, a.root],
                lambda s, data, src: s.import_master_list(data[0], data[1], src), _ml_text),
    "csca": _Spec("certificate", lambda a: [a.cert],
                  lambda s, data, src: s.import_csca(data[0], src), _csca_text),
    "crl": _Spec("CRL", lambda a: [a.file],
                 lambda s, data, src: s.import_crl(data[0], src), _crl_text),
}


def run_import(args: argparse.Namespace, kind: Kind) -> int:
    """The command body: 0 when imported (or already there), 1 on any refusal."""
    from icao.errors import IcaoError
    from kiosk.cli.output import fail, print_json
    from kiosk.trust.disk import TrustStoreError
    from kiosk.trust.location import trust_dir

    spec = SPECS[kind]
    root = trust_dir(args.trust_dir)
    names = spec.files(args)
    try:
        data = [Path(name).read_bytes() for name in names]
    except OSError as exc:
        return fail(f"cannot read {exc.filename}: {exc.strerror}")
    try:
        report = spec.run(DiskTrustStore(root), data, Path(names[0]).name)
    except IcaoError as exc:
        return fail(f"{names[0]}: {spec.noun} refused: {exc.message}")
    except TrustStoreError as exc:
        return fail(str(exc))
    if args.json:
        payload: dict[str, object] = {"trust_dir": root, "added": report.added,
                                      "already_present": report.already_present}
        if kind == "crl":
            payload["replaced"] = report.replaced
        payload["source"] = report.source
        payload["countries"] = report.countries
        print_json("trust.import", payload)
    else:
        print(spec.text(report, root))
    return 0


__all__ = ["SPECS", "run_import"]
