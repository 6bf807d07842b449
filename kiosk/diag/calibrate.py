"""`diag calibrate`: find the read settings that work best on this reader, and keep them.

Reads the card in the reader repeatedly, one setting dimension at a time (coordinate search;
the full grid would be 2 x 7 x 3 x 5 settings x runs reads), each candidate `runs` times:

1. extended length on (first READ BINARY size 1024, which needs it) vs off (size 160, which
   every chip honours). On wins only when it is at least as reliable and every extended APDU
   it sent was carried and answered with data: a reader or chip that fails with extended
   length therefore always ends with a profile without it (issue 9).
2. the first READ BINARY size (DESIGN.md ladder 65536 -> 1024 -> 256 -> 224 -> 160; 128 and
   64 only if none of those works). The best success rate wins, then the shortest time;
   within 5 % the smaller size wins. The stored size is never above the size the reads
   actually settled on (Document.read_size), so a chip capping Le at 160 gets <= 160.
3. the per-APDU timeout: among the most reliable, the smallest that is at least 5x the
   slowest APDU seen (a silent card is noticed quickly, a slow one is not cut off).
4. retries (reconnect-and-resume, see profiles.py): the smallest count with the best success
   rate, plus one if any run needed a reconnect; at least 1, so a card nudged once does not
   fail a citizen's read.
Then the chosen profile is read `runs` times more, and that result is reported with it.

Earlier dimensions are measured with generous later ones (longest timeout, most retries) so
that they measure capability, not tolerance.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kiosk.diag.common import reader_model
from kiosk.diag.runner import ReadRun, instrumented_read

#: Time difference under which two candidates count as equally fast.
TIE = 0.05
#: The timeout must be this many times the slowest APDU observed.
TIMEOUT_MARGIN = 5.0
EXT_SIZE = 1024
SAFE_SIZE = 160


class KeyRefused(Exception):
    """The card refused the access key: calibration stops at the first refusal."""


@dataclass(frozen=True)
class Candidates:
    """What calibration tries. Tests and slow rigs pass smaller sets."""

    max_reads: tuple[int, ...] = (65536, 1024, 256, 224, 160)
    fallback_reads: tuple[int, ...] = (128, 64)
    timeouts: tuple[float, ...] = (1.0, 2.0, 5.0)
    retries: tuple[int, ...] = (0, 1, 2, 3, 5)


@dataclass(frozen=True)
class Setting:
    extended: bool  # False: ReadOptions(extended=False); True: try (extended=None)
    max_read: int
    apdu_timeout_s: float
    retries: int

    def label(self) -> str:
        return (f"ext {'on' if self.extended else 'off'}, max read {self.max_read}, "
                f"timeout {self.apdu_timeout_s:g} s, retries {self.retries}")


@dataclass(frozen=True)
class Trial:
    """`runs` reads with one setting."""

    dimension: str  # "extended_length", "max_read", "apdu_timeout", "retries", "verify"
    setting: Setting
    runs: int
    successes: int
    mean_s: float | None  # of successful runs
    max_s: float | None
    mean_apdus: float | None
    slowest_apdu_ms: float
    read_sizes: tuple[int, ...]
    reconnects: int
    extended_sent: int
    extended_ok: int
    extended_refused: int
    errors: tuple[str, ...] = ()

    @property
    def success_rate(self) -> float:
        return self.successes / self.runs if self.runs else 0.0


@dataclass(frozen=True)
class Calibration:
    reader: str
    model: str
    trials: tuple[Trial, ...]
    profile: Any  # kiosk.config.ReaderProfile
    reasons: tuple[str, ...]
    verification: Trial
    applied_to: str | None = None

    @property
    def ok(self) -> bool:
        return self.verification.successes == self.verification.runs


def _trial(dimension: str, setting: Setting, runs: list[ReadRun]) -> Trial:
    good = [r for r in runs if r.ok]
    times = [r.seconds for r in good]
    return Trial(
        dimension, setting, len(runs), len(good),
        round(statistics.fmean(times), 4) if times else None,
        round(max(times), 4) if times else None,
        round(statistics.fmean(r.apdus for r in good), 1) if good else None,
        round(max((r.slowest_apdu_ms for r in runs), default=0.0), 3),
        tuple(sorted({r.read_size for r in good if r.read_size})),
        sum(r.reconnects for r in runs), sum(r.extended_sent for r in runs),
        sum(r.extended_ok for r in runs), sum(r.extended_refused for r in runs),
        tuple(dict.fromkeys(r.error for r in runs if r.error)))


def _best(trials: list[Trial], safer: Callable[[Trial], float]) -> Trial:
    """Best success rate; then fastest; within TIE of the fastest, the safest."""
    top = max(t.success_rate for t in trials)
    best = [t for t in trials if t.success_rate == top]
    fastest = min(t.mean_s if t.mean_s is not None else float("inf") for t in best)
    close = [t for t in best if t.mean_s is None or fastest == float("inf")
             or t.mean_s <= fastest * (1 + TIE)]
    return max(close, key=safer)


Reader = Callable[[Setting], ReadRun]


def calibrate(reader: str, key: Any, *, runs: int = 5, candidates: Candidates = Candidates(),
              read_once: Reader | None = None,
              progress: Callable[[str], None] | None = None) -> Calibration:
    """Measure every candidate on the card in `reader` and choose a profile (not stored)."""
    from kiosk.config import ReaderProfile

    if runs < 1:
        raise ValueError("runs must be at least 1")

    def default_read(s: Setting) -> ReadRun:
        from icao.reader import ReadOptions

        options = ReadOptions(extended=None if s.extended else False, max_read=s.max_read,
                              max_reconnects=s.retries)
        return instrumented_read(reader, key, options=options, timeout=s.apdu_timeout_s)

    do_read = read_once or default_read
    trials: list[Trial] = []

    def one(setting: Setting) -> ReadRun:
        run = do_read(setting)
        if run.error_type == "AccessDenied":
            # Every further try would count down the chip's password counter (9303-11
            # 4.4.4: 63Cx), and no setting makes a wrong key right.
            raise KeyRefused(run.error or "the card refused the access key")
        return run

    def measure(dimension: str, setting: Setting) -> Trial:
        if progress:
            progress(f"{dimension}: {setting.label()}")
        t = _trial(dimension, setting, [one(setting) for _ in range(runs)])
        trials.append(t)
        return t

    generous = Setting(True, EXT_SIZE, max(candidates.timeouts), max(candidates.retries))
    reasons: list[str] = []

    # 1. extended length
    on = measure("extended_length", generous)
    off = measure("extended_length", replace(generous, extended=False, max_read=SAFE_SIZE))
    ext_works = (on.successes > 0 and on.success_rate >= off.success_rate
                 and on.extended_ok > 0 and on.extended_refused == 0
                 and on.extended_ok == on.extended_sent)
    if ext_works:
        reasons.append(f"extended length works: {on.extended_ok} extended APDUs carried, "
                       f"{on.successes}/{on.runs} reads")
    else:
        why = (f"{on.extended_refused} extended APDUs refused (6700)" if on.extended_refused
               else f"{on.extended_sent - on.extended_ok} extended APDUs failed"
               if on.extended_sent > on.extended_ok
               else f"{on.successes}/{on.runs} reads with it vs {off.successes}/{off.runs} "
                    "without" if on.success_rate < off.success_rate
               else "no extended APDU was answered")
        reasons.append(f"extended length off: {why}")
    base = replace(generous, extended=ext_works)

    # 2. first READ BINARY size
    sizes = [s for s in candidates.max_reads if ext_works or s <= 224]
    size_trials = [measure("max_read", replace(base, max_read=s)) for s in sizes]
    if not any(t.successes for t in size_trials):
        size_trials += [measure("max_read", replace(base, max_read=s))
                        for s in candidates.fallback_reads]
    chosen_size = _best(size_trials, safer=lambda t: -t.setting.max_read)
    settled = [s for t in size_trials if t.setting.max_read == chosen_size.setting.max_read
               for s in t.read_sizes]
    max_read = min([chosen_size.setting.max_read, *settled])
    reasons.append(f"max read {max_read}: {chosen_size.successes}/{chosen_size.runs} reads, "
                   f"mean {chosen_size.mean_s} s" + (
                       f" (reads settled on {min(settled)})" if settled and
                       min(settled) < chosen_size.setting.max_read else ""))
    base = replace(base, max_read=max_read)

    # 3. per-APDU timeout
    t_trials = [measure("apdu_timeout", replace(base, apdu_timeout_s=t))
                for t in sorted(candidates.timeouts)]
    top = max(t.success_rate for t in t_trials)
    slowest_s = max(t.slowest_apdu_ms for t in trials) / 1000.0
    fit = [t for t in t_trials if t.success_rate == top
           and t.setting.apdu_timeout_s >= TIMEOUT_MARGIN * slowest_s]
    timeout = (fit[0] if fit else max(t_trials, key=lambda t: (t.success_rate,
                                                              t.setting.apdu_timeout_s)))
    reasons.append(f"APDU timeout {timeout.setting.apdu_timeout_s:g} s: slowest APDU "
                   f"{slowest_s * 1000:.1f} ms")
    base = replace(base, apdu_timeout_s=timeout.setting.apdu_timeout_s)

    # 4. retries
    r_trials = [measure("retries", replace(base, retries=r)) for r in sorted(candidates.retries)]
    top = max(t.success_rate for t in r_trials)
    smallest = next(t for t in r_trials if t.success_rate == top)
    reconnects_seen = sum(t.reconnects for t in trials)
    retries = smallest.setting.retries + (1 if reconnects_seen else 0)
    retries = min(10, max(1, retries))
    reasons.append(f"retries {retries}: {smallest.successes}/{smallest.runs} reads with "
                   f"{smallest.setting.retries}; {reconnects_seen} reconnects seen in all runs")
    final = replace(base, retries=retries)

    verification = measure("verify", final)
    profile = ReaderProfile(extended_length=final.extended, max_read=final.max_read,
                            apdu_timeout_s=final.apdu_timeout_s, retries=final.retries)
    return Calibration(reader, reader_model(reader), tuple(trials), profile, tuple(reasons),
                       verification)


def apply(calibration: Calibration, config_path: str | None = None) -> Calibration:
    """Store the profile under the reader's model in the config file."""
    from kiosk.config import save_reader_profile

    path = save_reader_profile(calibration.model, calibration.profile, config_path)
    return replace(calibration, applied_to=str(path))


def render_text(cal: Calibration) -> str:
    lines = [f"Calibration of {cal.reader} (model \"{cal.model}\")", "",
             f"  {'dimension':<16} {'setting':<52} {'ok':>5} {'mean s':>8} {'APDUs':>7}"]
    for t in cal.trials:
        lines.append(f"  {t.dimension:<16} {t.setting.label():<52} "
                     f"{t.successes:>2}/{t.runs:<2} {t.mean_s if t.mean_s is not None else '-':>8} "
                     f"{t.mean_apdus if t.mean_apdus is not None else '-':>7}")
        for e in t.errors[:2]:
            lines.append(f"      error: {e}")
    p = cal.profile
    lines += ["", "Why:"] + [f"  {r}" for r in cal.reasons]
    lines += ["", f"Profile [reader.profiles.\"{cal.model}\"]: extended_length = "
              f"{str(p.extended_length).lower()}, max_read = {p.max_read}, apdu_timeout_s = "
              f"{p.apdu_timeout_s:g}, retries = {p.retries}",
              f"Check with the profile: {cal.verification.successes}/{cal.verification.runs} "
              f"reads, mean {cal.verification.mean_s} s"]
    lines.append(f"Stored in {cal.applied_to}" if cal.applied_to else
                 "Not stored: run again with --apply to keep it.")
    return "\n".join(lines) + "\n"


__all__ = ["Calibration", "Candidates", "KeyRefused", "Setting", "Trial", "apply", "calibrate",
           "render_text"]
