"""`kiosk bench startup`: how long the command line takes to start, measured as processes.

A technician's script calls `kiosk` many times; each call pays the interpreter's start-up plus
our imports. The target (issue 15 item 7) is `kiosk --help` within 2.5x of a bare
`python -c pass` of the same interpreter, measured interleaved in one run (so both see the same
machine load and disk cache), and `kiosk read`'s process wall time beside the read time it
reports itself (the difference is start-up, imports and PC/SC connection set-up).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TARGET_RATIO = 2.5


@dataclass(frozen=True)
class Timings:
    samples_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return round(statistics.median(self.samples_ms), 2)

    @property
    def min_ms(self) -> float:
        return round(min(self.samples_ms), 2)

    def as_dict(self) -> dict[str, object]:
        return {"median": self.median_ms, "min": self.min_ms,
                "samples": [round(x, 2) for x in self.samples_ms]}


@dataclass(frozen=True)
class ReadTimings:
    process: Timings  # `kiosk read --json` from exec to exit
    in_process: Timings  # the read as the command times it (its JSON "seconds")

    def as_dict(self) -> dict[str, object]:
        return {"process_ms": self.process.as_dict(), "in_process_ms": self.in_process.as_dict(),
                "overhead_ms": round(self.process.median_ms - self.in_process.median_ms, 2)}


@dataclass(frozen=True)
class StartupReport:
    python: str
    command: tuple[str, ...]
    python_pass: Timings
    kiosk_help: Timings
    read: ReadTimings | None = None
    read_skipped: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return round(self.kiosk_help.median_ms / self.python_pass.median_ms, 2)

    @property
    def passed(self) -> bool:
        return self.ratio <= TARGET_RATIO

    def as_dict(self) -> dict[str, object]:
        return {"python": self.python, "command": list(self.command),
                "python_pass_ms": self.python_pass.as_dict(),
                "kiosk_help_ms": self.kiosk_help.as_dict(), "ratio": self.ratio,
                "target_ratio": TARGET_RATIO, "passed": self.passed,
                "read": self.read.as_dict() if self.read else None,
                "read_skipped": self.read_skipped}


def kiosk_command(python: str = sys.executable) -> tuple[str, ...]:
    """The installed `kiosk` script beside the interpreter, else `python -m kiosk`."""
    script = Path(python).parent / "kiosk"
    return (str(script),) if script.exists() else (python, "-m", "kiosk")


def _timed(argv: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    return (time.perf_counter() - t0) * 1000, done


def measure_startup(runs: int, *, python: str = sys.executable) -> StartupReport:
    """`python -c pass` and `kiosk --help`, alternately, `runs` times each (after one warm-up
    of each, so both start from a warm disk cache)."""
    command = kiosk_command(python)
    bare, helped = [python, "-c", "pass"], [*command, "--help"]
    for argv in (bare, helped):
        _timed(argv)
    base: list[float] = []
    ours: list[float] = []
    for _ in range(runs):
        ms, _done = _timed(bare)
        base.append(ms)
        ms, done = _timed(helped)
        if done.returncode != 0:
            raise RuntimeError(f"`kiosk --help` failed with exit code {done.returncode}")
        ours.append(ms)
    return StartupReport(python, command, Timings(tuple(base)), Timings(tuple(ours)))


def measure_read(runs: int, reader: str, can: str, *,
                 python: str = sys.executable) -> ReadTimings:
    """`kiosk read --reader R --can N --json`, `runs` times: process wall time and the read's
    own `seconds`."""
    argv = [*kiosk_command(python), "read", "--reader", reader, "--can", can, "--json"]
    process: list[float] = []
    inside: list[float] = []
    for _ in range(runs):
        ms, done = _timed(argv)
        # 6/7/8: the read completed and the verdict is not "genuine" (docs/cli/read.md; no
        # CSCA of the emulated chip in this account's trust store gives 8): still timed
        if done.returncode not in (0, 6, 7, 8):
            last = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise RuntimeError(f"`kiosk read` failed: {last[0]}")
        process.append(ms)
        inside.append(float(json.loads(done.stdout)["seconds"]) * 1000)
    return ReadTimings(Timings(tuple(process)), Timings(tuple(inside)))


def with_emulated_chip(body: Callable[[str, str], ReadTimings]) -> ReadTimings:
    """Run `body(reader, can)` with the emulated vn-cccd chip in vpcd slot 0."""
    from icao.chip import ChipOptions, EmulatedChip
    from kiosk.demo import placed

    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    with placed(chip) as reader:
        return body(reader, chip.access_data.can)
