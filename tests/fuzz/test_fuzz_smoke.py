"""CI exercise of the fuzz harnesses (issue 10): replay the committed seed corpus, a bounded
deterministic mutation run per target through the same harness, and one short atheris run
to prove the libFuzzer plumbing works. The real campaign is `scripts/fuzz --seconds 60`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import run as fuzz_run
from tests.fuzz import targets
from tests.fuzz.targets import TARGETS, Target, corpus_files

MUTATED_INPUTS = 1000


def test_every_target_has_a_harness_and_a_seed_corpus() -> None:
    assert tuple(TARGETS) == fuzz_run.TARGET_NAMES
    assert sorted(p.name for p in targets.CORPUS.iterdir()) == sorted(TARGETS)
    for name in TARGETS:
        assert corpus_files(name), f"no seeds for {name}"
    assert (targets.DATA / "masterlist_root.der").is_file()


@pytest.mark.parametrize("name", list(TARGETS))
def test_seed_corpus_replays(name: str) -> None:
    """Real (vec-) and emulated-chip (chip-) files are valid documents: they parse with no
    error at all, so the fuzzer starts deep inside each parser. Every other seed may end in
    the target's typed error, nothing else."""
    target = TARGETS[name]
    for path in corpus_files(name):
        data = path.read_bytes()
        if path.name.startswith(("vec-", "chip-")):
            target.harness(data)
        else:
            try:
                target.harness(data)
            except target.allowed:
                pass


def test_generated_seeds_that_must_parse() -> None:
    """The seeds that carry a harness mode byte reach the deep paths they were built for."""
    for name in ("gen-ml-file", "gen-ml-content", "gen-ml-content-vn-csca"):
        targets.fuzz_masterlist((targets.CORPUS / "masterlist" / name).read_bytes())
    for path in corpus_files("sm"):
        if "bare" not in path.name:
            targets.fuzz_sm(path.read_bytes())
    for path in corpus_files("qr"):
        if "not-cccd" not in path.name:
            targets.fuzz_qr(path.read_bytes())


@pytest.mark.parametrize("name", list(TARGETS))
def test_bounded_mutation_run_finds_nothing(name: str, tmp_path: Path) -> None:
    res = fuzz_run.run_mutate(name, seconds=None, runs=MUTATED_INPUTS, out=tmp_path)
    assert res.execs == MUTATED_INPUTS + len(corpus_files(name))
    assert res.findings == []
    assert not (tmp_path / "findings" / name).exists()


def test_an_untyped_error_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner itself: a harness leaking KeyError is recorded once per signature, with the
    input saved, and the command exits 1."""

    def leaky(data: bytes) -> None:
        if len(data) % 2:
            raise KeyError("boom")
        raise targets.CaptureError("typed")

    monkeypatch.setitem(TARGETS, "qr", Target("qr", leaky, (targets.CaptureError,), "test"))
    code = fuzz_run.main(["qr", "--runs", "50", "--engine", "mutate", "--out", str(tmp_path)])
    assert code == 1
    saved = sorted((tmp_path / "findings" / "qr").iterdir())
    assert [p.suffix for p in saved] == [".bin", ".json"]
    assert len(saved[0].read_bytes()) % 2 == 1
    assert '"type": "KeyError"' in saved[1].read_text(encoding="utf-8")


def test_mutator_is_deterministic() -> None:
    import random

    pool = [bytes(range(40)), b"\x30\x03\x02\x01\x01"]
    a = [fuzz_run.mutate(random.Random("x"), pool[0], pool) for _ in range(5)]
    b = [fuzz_run.mutate(random.Random("x"), pool[0], pool) for _ in range(5)]
    assert a == b


def test_atheris_engine_runs_a_target(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    res = fuzz_run.run_atheris("tlv", seconds=None, runs=2000, out=tmp_path)
    assert res.error is None, (tmp_path / "tlv.log").read_text(errors="replace")[-2000:]
    assert res.findings == []
    assert res.execs == 2000
    assert res.coverage and res.coverage > 20       # instrumented edges of icao.tlv
    assert res.corpus and res.corpus > 0
