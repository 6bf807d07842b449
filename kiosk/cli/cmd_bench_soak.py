"""`kiosk bench soak`: long runs of full reads and full kiosk sessions, watching for leaks.

Prints resident memory at the start and end (and its growth), open file descriptors and threads,
and the time per read / per session. The baseline is taken after one warm-up iteration.
Exit 0 when every target holds (memory growth < 5 %, no descriptor or thread growth, no failed
iteration), 1 when one does not, 3 when the rig is missing (pcscd / vpcd).
"""

from __future__ import annotations

import argparse

COMMAND = ("bench", "soak")
HELP = "N full reads and N full kiosk sessions in one process: memory, descriptors, threads"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reads", type=int, default=100, metavar="N",
                        help="full reads of the emulated vn-cccd through pcscd + vpcd "
                             "(default 100; 0 skips)")
    parser.add_argument("--sessions", type=int, default=0, metavar="N",
                        help="full kiosk sessions through the session core: read, face check, "
                             "form, encrypted submission, wipe (default 0)")
    parser.add_argument("--json", action="store_true", help="print JSON (kind bench.soak)")
    parser.add_argument("--progress", action="store_true",
                        help="print a line at each tenth of a phase (to stderr)")


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.cli.output import fail, print_json
    from kiosk.soak import SoakError, soak_reads, soak_sessions
    from nfc.errors import NfcError

    if args.reads < 0 or args.sessions < 0 or args.reads + args.sessions == 0:
        return fail("give --reads N and/or --sessions N (N >= 1)", 2)

    def progress(phase: str):
        def show(s) -> None:
            if args.progress:
                print(f"  {phase} {s.iteration}: rss {s.rss_kb} kB, fds {s.fds}, "
                      f"threads {s.os_threads}", file=sys.stderr, flush=True)
        return show

    reports = []
    try:
        if args.reads:
            reports.append(soak_reads(args.reads, on_sample=progress("read")))
        if args.sessions:
            reports.append(soak_sessions(args.sessions, on_sample=progress("session")))
    except NfcError as exc:
        return fail(str(exc), 3)
    except SoakError as exc:
        return fail(f"soak stopped: {exc}", 1)
    docs = [r.as_dict() for r in reports]
    ok = all(r.passed for r in reports)
    if args.json:
        print_json("bench.soak", {"phases": docs, "passed": ok})
    else:
        for d in docs:
            _print(d)
        print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


def _print(d: dict) -> None:
    rss, th, ms = d["rss_kb"], d["threads"], d["ms_per_iteration"]
    print(f"{d['iterations']} {d['phase']} (after 1 warm-up), failures {d['failures']}:")
    print(f"  resident memory  {rss['start'] / 1024:.1f} MiB -> {rss['end'] / 1024:.1f} MiB "
          f"({d['memory_growth_pct']:+.2f} %, target < 5 %); before warm-up "
          f"{rss['before_warmup'] / 1024:.1f} MiB")
    print(f"  open descriptors {d['fds']['start']} -> {d['fds']['end']}")
    print(f"  threads          OS {th['os_start']} -> {th['os_end']}, Python "
          f"{th['python_start']} -> {th['python_end']}")
    print(f"  time per {d['phase'][:-1]:8} median {ms['median']} ms, p95 {ms['p95']} ms, "
          f"max {ms['max']} ms")
    if d.get("analyzer_rss_kb"):
        a = d["analyzer_rss_kb"]
        if a.get("start") and a.get("end"):
            print(f"  face analyzer child process {a['start'] / 1024:.1f} MiB -> "
                  f"{a['end'] / 1024:.1f} MiB")
    print("  rss by tenth (MiB): " + " ".join(f"{s['rss_kb'] / 1024:.1f}" for s in d["samples"]))
    print("  " + ("targets met" if d["passed"] else "TARGET MISSED"))
