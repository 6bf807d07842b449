"""`kiosk bench read` with the link model: what it reports, through pcscd and vpcd."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main


@pytest.mark.parametrize("extra,apdus,dg2_reads", [
    ([], 22, 2),  # 22: the reader asks for EF.ATR/INFO first (capabilities, issue 15)
    (["--ext-length", "off", "--read-extended", "off"], 120, 97),
])
def test_bench_read_reports_air_chip_and_host_time_on_the_strict_chip(pcscd, capsys, extra,
                                                                       apdus, dg2_reads):
    rc = main(["bench", "read", "--runs", "1", "--link-kbps", "848",
               "--quirk", "ends-sm-on-error", "--json", *extra])
    result = json.loads(capsys.readouterr().out)
    assert rc == 0 and result["kind"] == "bench.read"
    assert result["quirks"] == ["ends-sm-on-error"] and result["reader_model"] == "ideal"
    link = result["link_model"]
    assert (link["kbps"], link["fsc"], link["fsd"], link["fwi"], link["bits_per_byte"]) == (
        848, 256, 256, 8, 10)
    assert link["compute"] == {"ecdh_ms": 150.0, "ecdsa_ms": 148.0, "rsa1024_ms": 30.0,
                               "rsa2048_ms": 125.0, "scale": 1.0}
    m = result["median"]
    assert (m["apdus"], m["dg2_read_binaries"]) == (apdus, dg2_reads)
    # PACE mapping and key agreement 4 x 150 ms, CA 150 ms, AA RSA-1024 30 ms
    assert m["chip_ms"] == pytest.approx(780.0)
    assert m["wtx"] == 7  # 300 ms twice past the 77 ms FWT (3 each), 150 ms once (1)
    assert m["modelled_ms"] == pytest.approx(m["air_ms"] + m["chip_ms"], abs=0.01)
    assert m["host_ms"] == pytest.approx(m["wall_ms"] - m["modelled_ms"], abs=0.01)
    # the chip holds every answer for its modelled time: wall can only be longer
    assert m["wall_over_modelled"] >= 1.0
    assert m["frames"] >= 2 * apdus
    run = result["per_run"][0]
    assert (run["chip_auth"], run["active_auth"], run["reconnects"]) == ("passed", "passed", 0)


def test_bench_read_without_a_link_has_no_model(pcscd, capsys):
    assert main(["bench", "read", "--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["link_model"] is None
    assert result["median"]["modelled_ms"] is None and result["median"]["apdus"] == 22
