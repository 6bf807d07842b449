"""`kiosk diag readers [--json]`: the PC/SC readers, whether each holds a card, its ATR, and
which driver serves it (a vpcd reader is virtual whatever it is called)."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "readers")
HELP = "list PC/SC readers: name, virtual or not, card present, ATR decoded"

#: Exit code when pcscd is not reachable (distinct from 1 so scripts can tell).
EXIT_NO_PCSC = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/nfc.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json, print_table
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers

    try:
        readers = list_readers()
    except PcscUnavailable as exc:
        return fail(str(exc), EXIT_NO_PCSC)
    except NfcError as exc:
        return fail(str(exc))
    docs = [_describe(r) for r in readers]
    if args.json:
        print_json("diag.readers", {"readers": docs})
        return 0
    if not docs:
        print("no reader connected: plug in the contactless reader (USB) and run this again")
        return 0
    rows = []
    for d in docs:
        atr = d["atr"]
        rows.append([
            d["name"],
            "virtual" if d["is_virtual"] else "physical",
            "mute" if d["mute"] else ("yes" if d["card_present"] else "no"),
            atr["hex"] if atr else "-",
            ",".join(atr["protocols"]) if atr else "-",
            _ext(atr["extended_length"]) if atr else "-",
        ])
    print_table(rows, ["reader", "kind", "card", "ATR", "protocols", "extended length"])
    if any(d["is_virtual"] for d in docs):
        print("note: virtual readers (vpcd) accept cards from the network; the kiosk refuses "
              "them outside training mode, whatever they are called. Why each is virtual:")
        for d in docs:
            if d["is_virtual"]:
                signals = d["driver"]["signals"] if d["driver"] else []
                print(f"  {d['name']}: {'; '.join(signals) or 'the packaged vpcd name'}")
    return 0


def _describe(r) -> dict:
    from nfc.atr import parse_atr
    from nfc.errors import AtrError

    atr: dict | None = None
    if r.atr:
        try:
            atr = parse_atr(r.atr).describe()
        except AtrError as exc:
            atr = {"hex": r.atr.hex(" ").upper(), "error": str(exc), "protocols": [],
                   "extended_length": None}
    driver = None
    if r.driver is not None:  # nfc.drivers.DriverEvidence: how pcscd serves the reader
        driver = {"source": r.driver.source, "library": r.driver.library,
                  "virtual": r.driver.virtual, "signals": list(r.driver.signals)}
    return {"name": r.name, "is_virtual": r.is_virtual, "card_present": r.card_present,
            "mute": r.mute, "atr": atr, "driver": driver}


def _ext(v: bool | None) -> str:
    return "unknown" if v is None else ("announced" if v else "not announced")
