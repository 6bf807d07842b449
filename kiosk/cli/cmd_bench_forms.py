"""`kiosk bench forms`: pre-fill + PDF render time per service (target < 300 ms each).

Uses the fictional sample identities shipped in kiosk/forms/examples. The first render of a
process also registers and parses the TrueType fonts; that one-off cost is reported apart
("cold"), and each service's figure is the median of N warm runs. When the store exposes
`kiosk.store.bench.measure_outbox(n)`, its outbox throughput is printed too.
"""

from __future__ import annotations

import argparse
from typing import Any

COMMAND = ("bench", "forms")
HELP = "time pre-fill + PDF rendering of each service's form (target < 300 ms)"
TARGET_MS = 300.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", type=int, default=5, metavar="N",
                        help="warm runs per service (default 5; the median is reported)")
    parser.add_argument("--outbox", type=int, default=200, metavar="N",
                        help="submissions for the outbox throughput figure (0 to skip)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/forms.md)")


def measure(n: int = 5) -> dict[str, Any]:
    import json
    import statistics
    import time
    from datetime import date
    from importlib import resources

    from kiosk.forms import load_services, prefill, render_pdf
    from kiosk.identity import identity_from_json

    ex = resources.files("kiosk.forms").joinpath("examples")
    t0 = time.perf_counter()
    first = identity_from_json(json.loads(ex.joinpath("identity.json").read_text("utf-8")))
    second = identity_from_json(json.loads(ex.joinpath("identity_second.json")
                                          .read_text("utf-8")))
    identity_ms = (time.perf_counter() - t0) * 1000 / 2
    today = date(2026, 1, 15)
    services = load_services()
    t0 = time.perf_counter()
    render_pdf(prefill(services[0], first, today=today))
    cold_ms = (time.perf_counter() - t0) * 1000
    rows: list[dict[str, Any]] = []
    totals: list[float] = []
    for svc in services:
        other = second if svc.second_party else None
        prefill_times, render_times = [], []
        size = 0
        for _ in range(max(1, n)):
            t0 = time.perf_counter()
            draft = prefill(svc, first, second_identity=other, today=today)
            t1 = time.perf_counter()
            size = len(render_pdf(draft))
            t2 = time.perf_counter()
            prefill_times.append((t1 - t0) * 1000)
            render_times.append((t2 - t1) * 1000)
        total = [a + b for a, b in zip(prefill_times, render_times, strict=True)]
        totals.append(round(statistics.median(total), 2))
        rows.append({"number": svc.number, "code": svc.code,
                     "prefill_ms": round(statistics.median(prefill_times), 2),
                     "render_ms": round(statistics.median(render_times), 2),
                     "total_ms": round(statistics.median(total), 2),
                     "max_total_ms": round(max(total), 2), "pdf_bytes": size})
    worst = max(totals)
    return {"runs": max(1, n), "target_ms": TARGET_MS, "cold_first_render_ms": round(cold_ms, 1),
            "identity_from_json_ms": round(identity_ms, 2), "services": rows,
            "worst_median_ms": worst, "all_within_target": worst < TARGET_MS}


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json, print_table
    from kiosk.store.bench import measure_outbox

    if args.n < 1:
        return fail("-n must be at least 1")
    result = measure(args.n)
    outbox = None
    if args.outbox > 0:
        outbox = measure_outbox(args.outbox)
    result["outbox"] = outbox
    if args.json:
        print_json("bench.forms", result)
        return 0
    print_table([[str(r["number"]), r["code"], f"{r['prefill_ms']:.1f}", f"{r['render_ms']:.1f}",
                  f"{r['total_ms']:.1f}", str(r["pdf_bytes"])] for r in result["services"]],
                ["#", "SERVICE", "PREFILL ms", "PDF ms", "TOTAL ms", "BYTES"])
    print(f"median of {result['runs']} warm runs; worst {result['worst_median_ms']:.1f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if result['all_within_target'] else 'MISSED'}); "
          f"first render with font loading {result['cold_first_render_ms']:.0f} ms")
    if outbox:
        print(f"outbox ({outbox.get('backend')}, n={outbox.get('n')}): "
              f"{outbox.get('submits_per_s')} submits/s, {outbox.get('deliveries_per_s')} "
              f"deliveries/s, delivered {outbox.get('delivered')}")
    elif args.outbox > 0:
        print("outbox: kiosk.store.bench.measure_outbox is not available")
    return 0
