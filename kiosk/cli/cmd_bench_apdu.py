"""`kiosk bench apdu`: round-trip time of APDUs through pyscard -> pcscd -> reader -> card.

Prints the figures that show the vpcd 44 ms stall (RIG.md) is fixed: median and p95 round
trip, and the per-APDU overhead of the stack. `--self-card` plugs a trivial card (answers
9000) into vpcd slot 0 for the run, so the figure reproduces on any machine with the rig.
"""

from __future__ import annotations

import argparse

COMMAND = ("bench", "apdu")
HELP = "time N APDU round trips to the card in a reader (median, p95, overhead)"

DEFAULT_APDU = "00A4000C023F00"  # SELECT MF, no response data: harmless on any card
WARMUP = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reader", metavar="NAME",
                        help="reader name or unique part of it (default: first with a card)")
    parser.add_argument("-n", type=int, default=1000, metavar="N",
                        help="number of APDUs to time (default 1000)")
    parser.add_argument("--apdu", default=DEFAULT_APDU, metavar="HEX",
                        help=f"command APDU to send (default {DEFAULT_APDU}, SELECT MF)")
    parser.add_argument("--self-card", action="store_true",
                        help="run a trivial virtual card (answers 9000) in vpcd slot 0 "
                             "for the duration and time against it")
    parser.add_argument("--no-tcp-fix", action="store_true",
                        help="with --self-card: leave out TCP_NODELAY/TCP_QUICKACK to show "
                             "the ~44 ms vpcd stall the fix removes (RIG.md)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/nfc.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from nfc.errors import NfcError, PcscUnavailable, ReaderUnavailable

    if args.n < 1:
        return fail("-n must be at least 1")
    if args.no_tcp_fix and not args.self_card:
        return fail("--no-tcp-fix only applies to --self-card")
    try:
        apdu = bytes.fromhex(args.apdu)
    except ValueError:
        return fail("--apdu must be hex, e.g. 00A4000C023F00")
    if len(apdu) < 4:
        return fail("--apdu needs at least the 4 header bytes")
    try:
        if args.self_card:
            result = _with_self_card(args, apdu)
        else:
            result = _bench(args.reader, apdu, args.n, card_times=None)
    except PcscUnavailable as exc:
        return fail(str(exc), 3)
    except ReaderUnavailable as exc:
        return fail(f"{exc} To time the stack without a card, add --self-card.")
    except NfcError as exc:
        return fail(str(exc))
    if args.json:
        print_json("bench.apdu", result)
        return 0
    _print(result)
    return 0


def _with_self_card(args: argparse.Namespace, apdu: bytes) -> dict:
    import time

    from nfc.errors import ReaderUnavailable
    from nfc.readers import wait_card_present
    from nfc.vpcd import SLOT_PORTS, VirtualCard, reader_name

    reader = reader_name(0)
    if args.reader and args.reader not in reader:
        raise ReaderUnavailable("--self-card uses vpcd slot 0; leave out --reader.")
    if not wait_card_present(reader, False, 0):
        raise ReaderUnavailable(f"{reader!r} already holds a card; remove it first.")
    card_times: list[int] = []

    def trivial(command: bytes) -> bytes:
        t0 = time.perf_counter_ns()
        reply = b"\x90\x00"
        card_times.append(time.perf_counter_ns() - t0)
        return reply

    with VirtualCard(trivial, port=SLOT_PORTS[0], tcp_fix=not args.no_tcp_fix) as card:
        if not card.wait_connected(5) or not wait_card_present(reader, True, 10):
            raise ReaderUnavailable(
                "the virtual card did not appear in vpcd slot 0: is vsmartcard-vpcd installed "
                "and pcscd running (see `kiosk diag readers`)?"
            )
        result = _bench(reader, apdu, args.n, card_times=card_times)
    wait_card_present(reader, False, 5)
    result["self_card"] = True
    result["tcp_fix"] = not args.no_tcp_fix
    return result


def _bench(reader: str | None, apdu: bytes, n: int, card_times: list[int] | None) -> dict:
    import statistics
    import time

    from nfc.transport import PcscTransport

    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]

    with PcscTransport(reader) as t:
        for _ in range(WARMUP):
            t.transmit(apdu)
        if card_times is not None:
            card_times.clear()
        rtt: list[float] = []
        sw = 0
        for _ in range(n):
            t0 = time.perf_counter_ns()
            sw = t.transmit(apdu).sw
            rtt.append((time.perf_counter_ns() - t0) / 1e6)
        # The same APDUs as one bare SCardTransmit each (no worker thread, no 61xx logic):
        # what pcscd + driver + card cost, so the rest is this transport's own overhead.
        raw: list[float] = []
        for _ in range(n):
            t0 = time.perf_counter_ns()
            t.exchange(apdu, timeout=None)
            raw.append((time.perf_counter_ns() - t0) / 1e6)
        name, atr_hex, virtual = t.reader, t.atr.hex(" ").upper(), t.reader.startswith("Virtual PCD")
    med = statistics.median(rtt)
    raw_med = statistics.median(raw)
    card_med = statistics.median(card_times[:n]) / 1e6 if card_times else None
    return {
        "reader": name,
        "is_virtual": virtual,
        "atr": atr_hex,
        "apdu_header": apdu[:4].hex().upper(),
        "n": n,
        "last_sw": f"{sw:04X}",
        "median_ms": round(med, 4),
        "p95_ms": round(pct(rtt, 0.95), 4),
        "mean_ms": round(statistics.fmean(rtt), 4),
        "min_ms": round(min(rtt), 4),
        "max_ms": round(max(rtt), 4),
        "raw_pcsc_median_ms": round(raw_med, 4),
        "transport_overhead_ms": round(med - raw_med, 4),
        "card_median_ms": None if card_med is None else round(card_med, 4),
        "stack_overhead_ms": None if card_med is None else round(med - card_med, 4),
        "self_card": False,
        "tcp_fix": None,
    }


def _print(r: dict) -> None:
    print(f"reader   {r['reader']}{' (virtual)' if r['is_virtual'] else ''}")
    print(f"APDUs    {r['n']} x {r['apdu_header']}..., last SW {r['last_sw']}")
    print(f"median   {r['median_ms']:.3f} ms   p95 {r['p95_ms']:.3f} ms   "
          f"mean {r['mean_ms']:.3f} ms   min {r['min_ms']:.3f} ms   max {r['max_ms']:.3f} ms")
    print(f"raw PC/SC median {r['raw_pcsc_median_ms']:.3f} ms; nfc transport overhead "
          f"{r['transport_overhead_ms']:.3f} ms per APDU")
    if r["stack_overhead_ms"] is not None:
        print(f"per-APDU overhead of the stack (round trip minus time in the card): "
              f"{r['stack_overhead_ms']:.3f} ms")
