"""Sampling a process's resources during a soak, and the report of one soak phase.

Resources are sampled from /proc (Linux): resident memory (VmRSS), open descriptors, and
threads, both Python's (`threading`) and the kernel's (pcsclite and onnxruntime start native
ones). `run_phase` takes the baseline after one warm-up iteration, so imports, model loads
and caches are not counted as growth.
"""

from __future__ import annotations

import gc
import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Targets of issue 10 for N = 1000.
MAX_MEMORY_GROWTH_PCT = 5.0
class SoakError(RuntimeError):
    """A soak iteration failed (the read, the face check, the form or the store)."""


@dataclass(frozen=True)
class Sample:
    """Resources of one process at one moment."""

    iteration: int
    rss_kb: int
    fds: int
    python_threads: int
    os_threads: int


def _status_fields(pid: int | str = "self") -> dict[str, str]:
    out: dict[str, str] = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def sample(iteration: int = 0, *, collect: bool = True) -> Sample:
    """This process's resident memory, open descriptors and threads (after a gc, by default,
    so garbage not yet collected is not mistaken for a leak)."""
    if collect:
        gc.collect()
    status = _status_fields()
    fds = len(os.listdir("/proc/self/fd")) - 1  # listdir's own descriptor
    return Sample(iteration, int(status["VmRSS"].split()[0]), fds, threading.active_count(),
                  int(status["Threads"]))


def child_rss_kb(pid: int | None) -> int | None:
    if pid is None:
        return None
    try:
        return int(_status_fields(pid)["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


@dataclass
class SoakReport:
    """Figures of one soak phase ("reads" or "sessions")."""

    phase: str
    iterations: int
    warmup: Sample
    start: Sample
    end: Sample
    samples: list[Sample] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    failures: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def memory_growth_pct(self) -> float:
        return (self.end.rss_kb - self.start.rss_kb) * 100.0 / self.start.rss_kb

    @property
    def fd_growth(self) -> int:
        return self.end.fds - self.start.fds

    @property
    def thread_growth(self) -> int:
        return self.end.os_threads - self.start.os_threads

    @property
    def passed(self) -> bool:
        return (self.failures == 0 and self.memory_growth_pct < MAX_MEMORY_GROWTH_PCT
                and self.fd_growth <= 0 and self.thread_growth <= 0
                and self.end.python_threads <= self.start.python_threads)

    def as_dict(self) -> dict[str, Any]:
        secs = sorted(self.seconds)

        def pct(p: float) -> float | None:
            if not secs:
                return None
            return round(secs[min(len(secs) - 1, int(p * len(secs)))] * 1000, 1)

        return {
            "phase": self.phase, "iterations": self.iterations, "failures": self.failures,
            "rss_kb": {"before_warmup": self.warmup.rss_kb, "start": self.start.rss_kb,
                       "end": self.end.rss_kb},
            "memory_growth_pct": round(self.memory_growth_pct, 2),
            "fds": {"start": self.start.fds, "end": self.end.fds},
            "threads": {"python_start": self.start.python_threads,
                        "python_end": self.end.python_threads,
                        "os_start": self.start.os_threads, "os_end": self.end.os_threads},
            "ms_per_iteration": {"median": (round(statistics.median(secs) * 1000, 1)
                                            if secs else None),
                                 "p95": pct(0.95), "max": pct(1.0)},
            "samples": [vars(s) for s in self.samples],
            "targets": {"memory_growth_pct_below": MAX_MEMORY_GROWTH_PCT,
                        "fd_growth_at_most": 0, "thread_growth_at_most": 0},
            "passed": self.passed,
            **self.extra,
        }


def _checkpoints(n: int, count: int = 10) -> set[int]:
    return {max(1, round(n * k / count)) for k in range(1, count + 1)}


def _run(phase: str, n: int, one: Callable[[int], None], *,
         on_sample: Callable[[Sample], None] | None = None) -> SoakReport:
    """Warm up once, take the baseline, run `one(i)` n times, sampling ten times."""
    if n < 1:
        raise ValueError("the soak needs at least one iteration")
    before = sample(0)
    one(0)  # warm-up: imports, model loads, the first PC/SC context
    start = sample(0)
    checkpoints = _checkpoints(n)
    samples: list[Sample] = []
    seconds: list[float] = []
    for i in range(1, n + 1):
        t0 = time.perf_counter()
        one(i)
        seconds.append(time.perf_counter() - t0)
        if i in checkpoints:
            s = sample(i)
            samples.append(s)
            if on_sample:
                on_sample(s)
    return SoakReport(phase, n, before, start, samples[-1], samples, seconds)
