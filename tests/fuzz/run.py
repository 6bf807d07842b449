"""Run the fuzz targets: `python -m tests.fuzz.run [TARGET ...] [--seconds N]` (scripts/fuzz).

Engines:
- atheris (default when it imports): coverage-guided libFuzzer on instrumented Python
  (icao, kiosk and asn1crypto are instrumented). Each target runs in its own child process
  (`--child`), because libFuzzer owns the process and ends it when time is up.
- mutate: a deterministic, *not* coverage-guided mutator over the seed corpus (bit flips,
  interesting bytes, TLV length edits, splices). Used by the pytest smoke run, and as the
  fallback when atheris is missing.

A harness raising the target's typed error is the contract working. Any other exception is
recorded (not re-raised, so one run collects every distinct bug): the first input of each
distinct signature (exception type + the innermost frame in our code) is written to
OUT/findings/<target>/, with the stack (file:line, no message: messages can echo input bytes).
libFuzzer's own findings (timeout per input, out-of-memory, a native crash) land there too.
Exit status: 0 nothing found, 1 something found, 2 usage or setup error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
INSTRUMENT = ["icao", "kiosk", "asn1crypto", "PIL"]   # PIL: the portrait header readers
PER_INPUT_TIMEOUT_S = 10
RSS_LIMIT_MB = 2048
TARGET_NAMES = ("tlv", "mrz", "com", "dg1", "dg2", "dg11", "dg12", "dg13", "dg14", "dg15",
                "dg16", "sod", "masterlist", "crl", "sm", "qr")


# --- findings --------------------------------------------------------------------------------

def _signature(exc: BaseException) -> tuple[str, list[str]]:
    """(type:file:line of the innermost frame in this repository, the stack as file:line)."""
    frames = traceback.extract_tb(exc.__traceback__)
    stack = []
    where = "?"
    for fr in frames:
        path = Path(fr.filename)
        try:
            rel = str(path.resolve().relative_to(REPO))
        except ValueError:
            rel = "/".join(path.parts[-2:])
        stack.append(f"{rel}:{fr.lineno} in {fr.name}")
        if rel.startswith(("icao/", "kiosk/")):
            where = f"{rel}:{fr.lineno}"
    if where == "?" and stack:
        where = stack[-1].split(" in ")[0]
    return f"{type(exc).__name__}@{where}", stack


class Recorder:
    """Keeps the first input of every distinct finding, on disk as soon as it is seen."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.seen: dict[str, int] = {}

    def record(self, exc: BaseException, data: bytes) -> None:
        sig, stack = _signature(exc)
        count = self.seen.get(sig, 0)
        self.seen[sig] = count + 1
        if count:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = f"{type(exc).__name__}-{hashlib.sha256(sig.encode()).hexdigest()[:10]}"
        (self.folder / f"{stem}.bin").write_bytes(data)
        (self.folder / f"{stem}.json").write_text(json.dumps(
            {"signature": sig, "type": type(exc).__name__, "stack": stack,
             "input_sha256": hashlib.sha256(data).hexdigest(), "input_len": len(data)},
            indent=1) + "\n", encoding="utf-8")


def make_one(target, recorder: Recorder):  # type: ignore[no-untyped-def]
    """The function the engine calls per input."""
    allowed = target.allowed

    def one(data: bytes) -> None:
        try:
            target.harness(bytes(data))
        except allowed:
            pass
        except Exception as exc:  # noqa: BLE001 - this is what we are looking for
            recorder.record(exc, bytes(data))

    return one


# --- the mutate engine -----------------------------------------------------------------------

_INTERESTING = (0x00, 0x01, 0x02, 0x30, 0x31, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xFF)


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to four random edits; cheap and deterministic for a given rng state."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        n = len(buf)
        if op == 0 and n:                                   # flip a bit
            i = rng.randrange(n)
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:                                 # an interesting byte
            buf[rng.randrange(n)] = rng.choice(_INTERESTING)
        elif op == 2:                                       # insert random bytes
            i = rng.randrange(n + 1)
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 3 and n:                                 # delete a range
            i = rng.randrange(n)
            del buf[i:i + rng.randint(1, min(64, n - i))]
        elif op == 4 and n:                                 # truncate
            del buf[rng.randrange(n):]
        elif op == 5 and n:                                 # duplicate a range
            i = rng.randrange(n)
            j = min(n, i + rng.randint(1, 32))
            buf[j:j] = buf[i:j]
        elif op == 6 and pool:                              # splice with another seed
            other = rng.choice(pool)
            if other:
                i, j = rng.randrange(n + 1), rng.randrange(len(other))
                buf[i:] = other[j:j + rng.randint(1, 256)]
        elif op == 7 and n > 1:                             # a TLV length gone wrong
            i = rng.randrange(n - 1)
            buf[i + 1] = rng.choice((0x00, 0x7F, 0x80, 0x81, 0x82, 0x84, 0x85, 0xFF))
        elif op == 8 and n:                                 # overwrite with a run
            i = rng.randrange(n)
            buf[i:i + rng.randint(1, 16)] = bytes([rng.choice(_INTERESTING)]) * rng.randint(1, 16)
    return bytes(buf)


@dataclass
class Result:
    target: str
    engine: str
    seconds: float = 0.0
    execs: int = 0
    coverage: int | None = None        # libFuzzer "cov:" (instrumented edges)
    features: int | None = None        # libFuzzer "ft:"
    corpus: int | None = None          # inputs kept by libFuzzer at the end
    findings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def execs_per_s(self) -> float:
        return self.execs / self.seconds if self.seconds else 0.0


def run_mutate(name: str, *, seconds: float | None, runs: int | None, out: Path,
               seed: int = 0) -> Result:
    """Replay the corpus, then mutate it in-process until `runs` inputs or `seconds` pass."""
    from tests.fuzz.targets import TARGETS, corpus_files

    target = TARGETS[name]
    recorder = Recorder(out / "findings" / name)
    one = make_one(target, recorder)
    pool = [p.read_bytes() for p in corpus_files(name)] or [b""]
    start = time.monotonic()
    execs = 0
    for data in pool:
        one(data)
        execs += 1
    rng = random.Random(f"{name}:{seed}")
    while True:
        if runs is not None and execs >= runs + len(pool):
            break
        if seconds is not None and time.monotonic() - start >= seconds:
            break
        if runs is None and seconds is None:
            break
        one(mutate(rng, rng.choice(pool), pool))
        execs += 1
    res = Result(name, "mutate", time.monotonic() - start, execs)
    res.findings = sorted(recorder.seen)
    return res


# --- the atheris engine ----------------------------------------------------------------------

def child_main(name: str, seconds: int | None, runs: int | None, out: Path) -> None:
    """Inside the child: instrument, set up libFuzzer, fuzz until it exits the process."""
    import atheris

    with atheris.instrument_imports(include=INSTRUMENT):
        from tests.fuzz.targets import TARGETS, corpus_files, preload

        preload()

    target = TARGETS[name]
    recorder = Recorder(out / "findings" / name)
    work = out / "corpus" / name
    work.mkdir(parents=True, exist_ok=True)
    seeds = corpus_files(name)
    max_len = max([4096, *(int(p.stat().st_size * 1.25) for p in seeds)])
    artifacts = out / "findings" / name
    artifacts.mkdir(parents=True, exist_ok=True)
    args = [sys.argv[0], f"-timeout={PER_INPUT_TIMEOUT_S}", f"-rss_limit_mb={RSS_LIMIT_MB}",
            f"-max_len={max_len}", f"-artifact_prefix={artifacts}/libfuzzer-",
            "-print_final_stats=1"]
    if seconds is not None:
        args.append(f"-max_total_time={seconds}")
    if runs is not None:
        args.append(f"-runs={runs}")
    args += [str(work), str(CORPUS / name)]   # new inputs go to the first (scratch) folder
    atheris.Setup(args, make_one(target, recorder))
    atheris.Fuzz()


_FINAL = re.compile(r"^#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)", re.M)
_PULSE = re.compile(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)", re.M)
_STAT = re.compile(r"^stat::(\w+):\s*(\d+)", re.M)
_DONE = re.compile(r"^Done (\d+) runs in (\d+) second", re.M)
_LIBFUZZER_ERROR = re.compile(r"ERROR: libFuzzer: ([\w -]+)")


def run_atheris(name: str, *, seconds: int | None, runs: int | None, out: Path) -> Result:
    cmd = [sys.executable, "-m", "tests.fuzz.run", "--child", name, "--out", str(out)]
    if seconds is not None:
        cmd += ["--seconds", str(seconds)]
    if runs is not None:
        cmd += ["--runs", str(runs)]
    log = out / f"{name}.log"
    out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with log.open("wb") as fh:
        proc = subprocess.run(cmd, cwd=REPO, stdout=fh, stderr=subprocess.STDOUT, check=False,
                              timeout=(seconds or 600) + 120)
    res = Result(name, "atheris", time.monotonic() - start)
    text = log.read_text(encoding="utf-8", errors="replace")
    stats = {k: int(v) for k, v in _STAT.findall(text)}
    final = _FINAL.findall(text) or _PULSE.findall(text)
    if final:
        execs, cov, ft, corp = (int(x) for x in final[-1])
        res.execs, res.coverage, res.features, res.corpus = execs, cov, ft, corp
    res.execs = stats.get("number_of_executed_units", res.execs)
    done = _DONE.findall(text)
    if done and int(done[-1][1]) >= 1:   # libFuzzer's own clock, without the start-up
        res.seconds = float(done[-1][1])
    folder = out / "findings" / name
    for meta in sorted(folder.glob("*.json")):
        res.findings.append(json.loads(meta.read_text(encoding="utf-8"))["signature"])
    for err in _LIBFUZZER_ERROR.findall(text):
        res.findings.append(f"libFuzzer {err.strip()}")
    if proc.returncode != 0 and not res.findings:
        res.error = f"child exited {proc.returncode}; see {log}"
    return res


# --- command line ----------------------------------------------------------------------------

def _atheris_available() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.split("\n")[0])
    p.add_argument("targets", nargs="*", metavar="TARGET",
                   help=f"one or more of {', '.join(TARGET_NAMES)} (default: all)")
    p.add_argument("--seconds", type=int, default=None,
                   help="seconds per target (default 60 unless --runs is given)")
    p.add_argument("--runs", type=int, default=None, help="stop each target after N inputs")
    p.add_argument("--engine", choices=("auto", "atheris", "mutate"), default="auto")
    p.add_argument("--out", type=Path, default=None,
                   help="where findings, logs and the grown corpus go (default: a new temp dir)")
    p.add_argument("--json", action="store_true", help="print the results as JSON too")
    p.add_argument("--child", metavar="TARGET", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        child_main(args.child, args.seconds, args.runs, args.out)
        return 0  # not reached: libFuzzer exits the process

    unknown = [t for t in args.targets if t not in TARGET_NAMES]
    if unknown:
        p.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGET_NAMES)}")
    names = args.targets or list(TARGET_NAMES)
    seconds = args.seconds if args.seconds is not None else (None if args.runs else 60)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if _atheris_available() else "mutate"
        if engine == "mutate":
            print("atheris is not installed: falling back to the mutate engine, which is NOT "
                  "coverage-guided (pip install the dev extras)", file=sys.stderr)
    elif engine == "atheris" and not _atheris_available():
        print("atheris is not installed (pip install the dev extras)", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="kiosk-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"fuzz: engine {engine}, {seconds or '-'} s / {args.runs or '-'} runs per target, "
          f"output in {out}", flush=True)

    results = []
    for name in names:
        if engine == "atheris":
            res = run_atheris(name, seconds=seconds, runs=args.runs, out=out)
        else:
            res = run_mutate(name, seconds=seconds, runs=args.runs, out=out)
        results.append(res)
        cov = f"cov {res.coverage} ft {res.features} corpus {res.corpus}" \
            if res.coverage is not None else ""
        status = "ERROR " + res.error if res.error else (
            f"FOUND {len(res.findings)}" if res.findings else "ok")
        print(f"{name:<11} {res.execs:>9} execs {res.seconds:6.1f} s {res.execs_per_s:8.0f}/s  "
              f"{cov:<34} {status}", flush=True)
        for sig in res.findings:
            print(f"    finding: {sig}", flush=True)

    found = [r for r in results if r.findings]
    errors = [r for r in results if r.error]
    total = sum(r.execs for r in results)
    print(f"fuzz: {len(results)} target(s), {total} execs, {len(found)} with findings, "
          f"{len(errors)} error(s); findings in {out / 'findings'}", flush=True)
    if args.json:
        print(json.dumps([{**r.__dict__, "execs_per_s": round(r.execs_per_s, 1)}
                          for r in results], indent=1))
    if errors:
        return 2
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
