"""`kiosk read` verifies by default (issue 14 item 5), through the real command, pcscd, vpcd
and the emulated chip: one exit code per verdict, the `proofs` list of `kiosk diag card`, the
verdict on the first line of the human report; and a genuine chip without extended length is
genuine with active authentication passed, never "cloned" (issue 14 item 4).

The chips share one placed card (tests/integration/conftest.py: `chip_slot`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.icao.chip.support import make_chip

PROOF_NAMES = ["passive_authentication", "chip_authentication", "active_authentication",
               "genuineness"]


@pytest.fixture(scope="module")
def trust(tmp_path_factory) -> Path:
    """The kiosk's trust store as a master list would leave it: the Vietnamese and the French
    test CSCAs, each with its CRL."""
    from kiosk.trust.disk import DiskTrustStore

    root = tmp_path_factory.mktemp("trust")
    disk = DiskTrustStore(root)
    vn = make_chip()
    disk.import_csca(vn.files.csca_der, "test CSCA VN")
    disk.import_crl(vn.files.crl_der, "test CRL VN")
    fr = make_chip(csca_country="FR")
    disk.import_csca(fr.files.csca_der, "test CSCA FR")
    disk.import_crl(fr.files.crl_der, "test CRL FR")
    return root


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Path:
    """An empty settings file: every default (so no one's own kiosk.toml leaks into the
    test; a --config that names no file is refused)."""
    path = tmp_path_factory.mktemp("config") / "kiosk.toml"
    path.touch()
    return path


def _no_settings(folder: Path) -> Path:
    """An empty settings file in `folder`: every default."""
    path = folder / "none.toml"
    path.touch()
    return path


def _read(chip_slot, capsys, chip, *extra: str, trust: Path, settings: Path,
          as_json: bool = True) -> tuple[int, dict | str]:
    chip_slot.use(chip)
    rc = main(["read", "--reader", chip_slot.reader, "--can", chip.access_data.can,
               "--trust-dir", str(trust), "--config", str(settings), *extra,
               *(["--json"] if as_json else [])])
    out = capsys.readouterr().out
    return rc, json.loads(out) if as_json else out


def _proofs(doc: dict) -> dict[str, dict]:
    assert [p["name"] for p in doc["proofs"]] == PROOF_NAMES
    return {p["name"]: p for p in doc["proofs"]}


def test_a_genuine_chip_exits_0_with_the_verdict_the_proofs_and_the_capabilities(
        chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(), trust=trust, settings=settings)
    assert rc == 0
    assert doc["verified"] is True and doc["genuineness"] == "genuine"
    assert doc["verdict"] == {
        "status": "genuine", "code": "genuine", "method": "CA", "check": None, "files": [],
        "reason": "The chip proved it holds the private key of the state-signed DG14 "
                  "public key."}
    proofs = _proofs(doc)
    assert proofs["passive_authentication"]["status"] == "passed"
    assert proofs["passive_authentication"]["failed_checks"] == []
    assert proofs["chip_authentication"]["status"] == "passed"
    assert proofs["active_authentication"]["status"] == "passed"
    assert proofs["genuineness"]["code"] == "genuine"
    assert doc["trust"] == {"dir": str(trust), "certificates": 2, "crls": 2,
                            "require_crl": False}
    assert doc["capabilities"]["extended_length"] is True
    assert doc["capabilities"]["source"] == "atr"
    assert doc["session_restarts"] == 0
    assert doc["reader"] == chip_slot.reader
    assert doc["read_settings"]["source"] == "[reader] defaults"
    assert doc["personal"]["issuing_state"] == "VNM"  # DG1 verified, then decoded


def test_a_tampered_dg2_exits_6_naming_dg2_with_the_verdict_on_the_first_line(
        chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(tamper_dg=2), trust=trust, settings=settings)
    assert rc == 6
    assert doc["genuineness"] == "not_genuine"
    assert (doc["verdict"]["code"], doc["verdict"]["files"], doc["verdict"]["check"]) == \
        ("dg_hash_mismatch", ["DG2"], "dg_hash.DG2")
    pa = _proofs(doc)["passive_authentication"]
    assert pa["status"] == "failed" and pa["code"] == "dg_hash_mismatch"
    assert pa["files"] == ["DG2"]
    assert [c.split(":")[0] for c in pa["failed_checks"]] == ["dg_hash.DG2"]
    rc, text = _read(chip_slot, capsys, make_chip(tamper_dg=2), trust=trust,
                     settings=settings, as_json=False)
    assert rc == 6
    assert text.splitlines()[0] == (
        "NOT GENUINE (dg_hash_mismatch: DG2): DG2 on the chip differs from what the issuing "
        "state signed: the card was altered. Do not accept this card; call a supervisor.")
    assert "  - dg_hash.DG2: " in text


def test_a_clone_exits_7(chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(clone=True), trust=trust, settings=settings)
    assert rc == 7
    assert (doc["genuineness"], doc["verdict"]["code"]) == ("cloned", "chip_proof_failed")
    proofs = _proofs(doc)
    assert proofs["passive_authentication"]["status"] == "passed"  # the data is genuine...
    assert proofs["chip_authentication"]["status"] == "failed"      # ...the chip is not


def test_a_clone_hiding_dg2_exits_6_naming_dg2(chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(clone=True, hidden_dgs=frozenset({2})),
                    trust=trust, settings=settings)
    assert rc == 6
    assert (doc["genuineness"], doc["verdict"]["code"], doc["verdict"]["files"]) == \
        ("not_genuine", "dg_withheld", ["DG2"])
    assert "DG2" in doc["absent"] and "DG2" not in doc["files"]
    pa = _proofs(doc)["passive_authentication"]
    assert [c.split(":")[0] for c in pa["failed_checks"]] == ["dg_read.DG2"]


def test_a_vnm_card_under_a_french_csca_exits_6_with_the_country_reason(
        chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(csca_country="FR"), trust=trust,
                    settings=settings)
    assert rc == 6
    assert (doc["genuineness"], doc["verdict"]["code"], doc["verdict"]["check"]) == \
        ("not_genuine", "foreign_signer", "ds.country")
    assert doc["verdict"]["reason"].startswith("The card is signed by another state than the "
                                               "one that issued it.")
    pa = _proofs(doc)["passive_authentication"]
    assert pa["code"] == "foreign_signer"
    assert [c.split(":")[0] for c in pa["failed_checks"]] == ["ds.country"]


def test_without_the_states_csca_exits_8(chip_slot, capsys, settings, tmp_path):
    rc, doc = _read(chip_slot, capsys, make_chip(), trust=tmp_path / "empty-trust",
                    settings=settings)
    assert rc == 8
    assert (doc["genuineness"], doc["verdict"]["code"]) == ("not_provable", "no_csca")
    assert doc["trust"]["certificates"] == 0


def test_require_crl_in_the_settings_is_honoured(chip_slot, capsys, tmp_path):
    """[trust] require_crl: a trust store without the state's CRL makes a genuine chip
    "not provable" (exit 8), as it would in the kiosk; with the CRL it is genuine."""
    from kiosk.trust.disk import DiskTrustStore

    config = tmp_path / "kiosk.toml"
    config.write_text("[trust]\nrequire_crl = true\n")
    chip = make_chip()
    disk = DiskTrustStore(tmp_path / "trust")
    disk.import_csca(chip.files.csca_der, "test CSCA")
    rc, doc = _read(chip_slot, capsys, chip, trust=tmp_path / "trust", settings=config)
    assert rc == 8
    assert (doc["genuineness"], doc["verdict"]["code"]) == ("not_provable",
                                                             "revocation_not_checked")
    assert doc["trust"]["require_crl"] is True
    disk.import_crl(chip.files.crl_der, "test CRL")
    rc, doc = _read(chip_slot, capsys, chip, trust=tmp_path / "trust", settings=config)
    assert rc == 0 and doc["verdict"]["code"] == "genuine"


def test_require_crl_on_the_command_line(chip_slot, capsys, settings, tmp_path):
    from kiosk.trust.disk import DiskTrustStore

    chip = make_chip()
    DiskTrustStore(tmp_path / "trust").import_csca(chip.files.csca_der, "test CSCA")
    rc, doc = _read(chip_slot, capsys, chip, trust=tmp_path / "trust", settings=settings)
    assert rc == 0 and doc["verdict"]["code"] == "genuine_revocation_not_checked"
    rc, doc = _read(chip_slot, capsys, chip, "--require-crl", trust=tmp_path / "trust",
                    settings=settings)
    assert rc == 8 and doc["verdict"]["code"] == "revocation_not_checked"


def test_no_verify_reads_without_a_verdict_and_exits_0(chip_slot, capsys, trust, settings):
    rc, doc = _read(chip_slot, capsys, make_chip(tamper_dg=2), "--no-verify", trust=trust,
                    settings=settings)
    assert rc == 0
    assert (doc["verified"], doc["genuineness"], doc["verdict"], doc["trust"]) == \
        (False, None, None, None)
    proofs = _proofs(doc)
    assert proofs["passive_authentication"]["status"] == "not_performed"
    assert proofs["genuineness"]["status"] == "not_performed"
    assert proofs["chip_authentication"]["status"] == "passed"
    rc, text = _read(chip_slot, capsys, make_chip(), "--no-verify", trust=trust,
                     settings=settings, as_json=False)
    assert rc == 0 and text.startswith("NOT VERIFIED (--no-verify): ")


def test_a_chip_without_extended_length_read_with_max_read_223_is_genuine(
        chip_slot, capsys, trust, settings):
    """Issue 14: active authentication on such a chip used to ask Le=256 extended, lose the
    session and call a genuine card "cloned"."""
    chip = make_chip(ext_length=False, quirks=frozenset({"ends-sm-on-error"}))
    rc, doc = _read(chip_slot, capsys, chip, "--max-read", "223", trust=trust,
                    settings=settings)
    assert rc == 0 and doc["genuineness"] == "genuine"
    assert doc["active_auth"]["status"] == "passed"
    assert doc["capabilities"]["extended_length"] is False
    assert doc["capabilities"]["source"] == "atr" and doc["capabilities"]["atr"] is False
    assert doc["read_size"] <= 223 and doc["read_settings"]["max_read"] == 223


@pytest.mark.parametrize("chip_extended", [False, True])
def test_through_a_reader_profile_without_extended_length_the_chip_is_genuine(
        chip_slot, capsys, trust, tmp_path, chip_extended):
    """A short-APDU reader (ACR122U class: extended APDUs fail in the reader) with its
    calibrated profile (kiosk/diag/profiles.py) in the settings: not one extended APDU is
    sent, whatever the chip announces, and the verdict is genuine with AA passed."""
    config = tmp_path / "kiosk.toml"
    config.write_text('[reader.profiles."Virtual PCD"]\nextended_length = false\n'
                      "max_read = 224\napdu_timeout_s = 5.0\nretries = 2\n")
    chip = make_chip(ext_length=chip_extended, quirks=frozenset({"ends-sm-on-error"}))
    chip_slot.use(chip, reader_model="short-apdu")
    rc = main(["read", "--reader", chip_slot.reader, "--can", chip.access_data.can,
               "--trust-dir", str(trust), "--config", str(config), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0 and doc["genuineness"] == "genuine"
    assert doc["active_auth"]["status"] == "passed"
    assert doc["read_settings"]["source"] == 'profile "Virtual PCD"'
    assert (doc["read_settings"]["extended"], doc["read_settings"]["max_read"]) == (False, 224)
    caps = doc["capabilities"]
    assert (caps["extended_length"], caps["reader"], caps["atr"]) == \
        (False, False, chip_extended)
    assert caps["source"] == "reader profile"
    assert chip_slot.bridge.failed == 0  # not one extended APDU was even tried


def test_kiosk_read_json_masks_personal_data_and_saves_raw_files(chip_slot, capsys, tmp_path):
    from kiosk.trust.disk import DiskTrustStore

    chip = chip_slot.use(make_chip())
    DiskTrustStore(tmp_path / "trust").import_csca(chip.files.csca_der, "test CSCA")
    rc = main(["read", "--reader", chip_slot.reader, "--can", chip.access_data.can, "--json",
               "--out", str(tmp_path / "out"), "--trust-dir", str(tmp_path / "trust"),
               "--config", str(_no_settings(tmp_path))])
    out = capsys.readouterr().out
    assert rc == 0
    doc = json.loads(out)
    assert doc["kind"] == "read" and doc["version"] == 1
    assert doc["genuineness"] == "genuine"
    assert doc["verdict"]["code"] == "genuine_revocation_not_checked"  # no CRL imported
    assert doc["access"]["protocol"] == "PACE" and doc["access"]["mapping"] == "GM"
    assert doc["files"]["DG2"] == len(chip.files.emrtd["DG2"])
    assert doc["chip_auth"]["status"] == "passed" and doc["active_auth"]["status"] == "passed"
    assert doc["personal_masked"] is True
    assert chip.person.id_number not in out and "NGUYEN" not in out
    assert doc["personal"]["id_number"] == "0" + "*" * 11
    assert doc["saved"] == [name for name in doc["saved"] if name.endswith(".bin")]
    assert (tmp_path / "out" / "EF.SOD.bin").read_bytes() == chip.files.emrtd["SOD"]
    assert (tmp_path / "out" / "DG13.bin").read_bytes() == chip.files.emrtd["DG13"]


def test_kiosk_read_wrong_can_exits_4_with_tries_left(chip_slot, capsys, tmp_path):
    chip_slot.use(make_chip())
    rc = main(["read", "--reader", chip_slot.reader, "--can", "000000",
               "--config", str(_no_settings(tmp_path)), "--trust-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 4 and "2 tries left" in err and "000000" not in err


def test_kiosk_read_with_a_broken_trust_store_exits_2_and_reads_nothing(chip_slot, capsys,
                                                                         tmp_path):
    from kiosk.trust.disk import DiskTrustStore

    chip = chip_slot.use(make_chip())
    disk = DiskTrustStore(tmp_path / "trust")
    disk.import_csca(chip.files.csca_der, "test CSCA")
    (tmp_path / "trust" / disk.entries()[0].file).write_bytes(b"altered")
    before = chip.reads_per_file.copy()
    rc = main(["read", "--reader", chip_slot.reader, "--can", chip.access_data.can,
               "--config", str(_no_settings(tmp_path)), "--trust-dir", str(tmp_path / "trust")])
    err = capsys.readouterr().err
    assert rc == 2 and "trust store" in err and "--no-verify" in err
    assert chip.reads_per_file == before


def test_kiosk_read_and_diag_card_print_the_same_proofs(chip_slot, capsys, trust, tmp_path):
    """One function builds both lists (kiosk.reading.proofs.chip_proofs)."""
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[trust]\ndir = "{trust}"\n')
    chip = chip_slot.use(make_chip(tamper_dg=2))
    args = ["--reader", chip_slot.reader, "--can", chip.access_data.can, "--config",
            str(config), "--json"]
    assert main(["read", *args]) == 6
    read = json.loads(capsys.readouterr().out)
    assert main(["diag", "card", *args]) == 1  # a not-genuine card needs a technician's look
    card = json.loads(capsys.readouterr().out)
    assert card["proofs"] == read["proofs"]
    assert [p["status"] for p in card["proofs"]] == ["failed", "passed", "passed", "not_genuine"]
    items = {i["name"]: i["status"] for i in card["items"]}
    assert items["genuineness"] == "fail" and items["passive auth"] == "fail"


def test_the_german_master_list_does_not_make_german_cscas_sign_vietnamese_cards(
        chip_slot, capsys, settings, tmp_path, vectors):
    """Issue 14: `kiosk trust import-ml` of the German master list (588 CSCAs of 112 states)
    beside the Vietnamese test CSCA. A genuine VNM card stays genuine; a VNM card whose
    document signer chains to a German CSCA (a test one, imported as the list's would be:
    the list's own keys are not ours) fails with the country reason, never "genuine"."""
    trust = tmp_path / "trust"
    pki = vectors / "pki"
    assert main(["trust", "import-ml", str(pki / "DE_ML_2026-05-28-08-28-45.ml"), "--root",
                 str(pki / "DE_ROOT_CA_CSCA07.cer"), "--trust-dir", str(trust)]) == 0
    vn, de = make_chip(), make_chip(csca_country="DE")
    for chip, name in ((vn, "vn"), (de, "de")):
        (tmp_path / f"{name}.der").write_bytes(chip.files.csca_der)
        (tmp_path / f"{name}.crl").write_bytes(chip.files.crl_der)
        assert main(["trust", "import-csca", str(tmp_path / f"{name}.der"),
                     "--trust-dir", str(trust)]) == 0
        assert main(["trust", "import-crl", str(tmp_path / f"{name}.crl"),
                     "--trust-dir", str(trust)]) == 0
    capsys.readouterr()
    rc, doc = _read(chip_slot, capsys, vn, trust=trust, settings=settings)
    assert (rc, doc["genuineness"], doc["verdict"]["code"]) == (0, "genuine", "genuine")
    assert doc["trust"]["certificates"] == 588 + 2
    rc, doc = _read(chip_slot, capsys, de, trust=trust, settings=settings)
    assert rc == 6
    assert (doc["genuineness"], doc["verdict"]["code"], doc["verdict"]["check"]) == \
        ("not_genuine", "foreign_signer", "ds.country")
    pa = _proofs(doc)["passive_authentication"]
    assert [c.split(":")[0] for c in pa["failed_checks"]] == ["ds.country"]
