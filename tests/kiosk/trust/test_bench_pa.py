"""`kiosk bench pa` runs, every benchmark document passes, and it reports per-step times."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main


def test_bench_pa_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "pa", "--iterations", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "bench.pa" and out["target_ms"] == 10.0
    assert [(d["algorithm"], d["mode"]) for d in out["documents"]] == [
        (a, m) for a in ("ec-p256", "ec-brainpoolP256r1", "rsa-2048", "rsa-pss-2048")
        for m in ("cold", "warm")]
    for doc in out["documents"]:
        assert set(doc["steps_median_ms"]) == {"parse", "dg_hashes", "message_digest",
                                               "signer_certificate", "signature", "chain",
                                               "revocation"}
        assert doc["median_ms"] > 0
