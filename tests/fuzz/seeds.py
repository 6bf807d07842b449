"""Build the committed seed corpus: `.venv/bin/python -m tests.fuzz.seeds [--data DIR]`.

Sources, per target (tests/fuzz/corpus/<target>/; file names say where each came from):
- tests/data/vectors: the small real-document and ICAO example files (EF.COM, DG1, DG2
  39794-5, DG11, DG12, DG14, EF.CardAccess, EF.CardSecurity, DG15, DG16, EF.SOD) and the MRZ
  specimens of mrz_check_digits.json. The master lists (600-900 kB) are not copied.
- the emulated chip (icao.chip.EmulatedChip, its built-in fictional citizen) for the three
  profiles, plus PACE-CAM for EF.CardSecurity: chip.files.
- generated here with the test PKI (icao.chip.testpki): a small CSCA master list signed by a
  test DS, whose CSCA is committed as tests/fuzz/data/masterlist_root.der; CRLs of every
  algorithm; secure-messaging responses for the fixed session of targets.SM_KEYS.
- fictional QR payloads and MRZ lines (icao.mrz.format_td1 / format_td3); DG2s holding a
  24x30 version of the emulated chip's demo portrait (JPEG and JPEG 2000).

Generated files change on every rebuild (ECDSA signatures are randomised, certificates carry
the current date); rebuild only when a parser learns a new structure, and commit the result.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.fuzz.targets import (
    CORPUS,
    DATA,
    ML_MODE_CONTENT,
    SM_KEYS,
    SM_MODE_3DES,
    SM_MODE_FIX_MAC,
    SM_MODE_PROTECT,
    SM_SSC,
)

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 1, 15, tzinfo=UTC)

VECTOR_FILES: dict[str, list[str]] = {
    "com": ["lds/gmrtd_GB_expired_passport_consistent/EF.COM.bin",
            "lds/icao9303_p10_and_misc_examples/EF.COM_9303p10_A1_case1.bin",
            "lds/icao9303_p10_and_misc_examples/EF.COM_9303p11_D4.bin"],
    "dg1": ["lds/bsi_tr03105_5_reference_dataset/DG1.bin", "lds/etsi_tr103200_eacaa/DG1.bin",
            "lds/icao9303_p10_and_misc_examples/DG1_TD1_9303p10_A2-1_corrected.bin",
            "lds/icao9303_p10_and_misc_examples/DG1_TD2_9303p10_A2-2_corrected.bin",
            "lds/icao9303_p10_and_misc_examples/DG1_TD2_UTO_ERIKSSON.bin",
            "lds/icao9303_p10_and_misc_examples/DG1_TD3_9303p4_UTO_ERIKSSON.bin"],
    "dg2": ["lds/icao9303_p10_and_misc_examples/DG2_ISO39794-5_AllFields.bin",
            "lds/icao9303_p10_and_misc_examples/DG2_ISO39794-5_MandatoryFields.bin"],
    "dg11": ["lds/icao9303_p10_and_misc_examples/DG11_9303p10_A5.bin"],
    "dg12": ["lds/gmrtd_real_documents_sod/FR/DG12.bin",
             "lds/icao9303_p10_and_misc_examples/DG12_adapted_from_NZ.bin"],
    "dg14": ["lds/bsi_tr03105_5_reference_dataset/DG14.bin", "lds/etsi_tr103200_eacaa/DG14.bin",
             *(f"lds/gmrtd_real_documents_sod/{c}/DG14.bin"
               for c in ("AT", "DE", "FI", "FR", "ID", "MY", "SG")),
             "lds/gmrtd_real_documents_sod/AT/EF.CardAccess.bin",
             "lds/gmrtd_real_documents_sod/DE/EF.CardAccess.bin",
             "lds/gmrtd_real_documents_sod/DE/EF.CardSecurity.bin",
             "lds/gmrtd_real_documents_sod/FI/EF.CardSecurity.bin"],
    "dg15": ["lds/etsi_tr103200_eacaa/DG15.bin", "lds/gmrtd_real_documents_sod/NZ/DG15.bin"],
    "dg16": ["lds/icao9303_p10_and_misc_examples/DG16_9303p10_A6.bin"],
    "sod": ["lds/bsi_tr03105_5_reference_dataset/EF.SOD.bin",
            "lds/bsi_tr03105_5_reference_dataset/EF.SOD_variant_econtent_id-data_nonconformant.bin",
            "lds/etsi_tr103200_eacaa/EF.SOD.bin",
            "lds/gmrtd_GB_expired_passport_consistent/EF.SOD.bin",
            *(f"lds/gmrtd_real_documents_sod/{c}/EF.SOD.bin"
              for c in ("AT", "DE", "FI", "FR", "GB", "ID", "MY", "NZ", "PH", "RU", "SG", "US"))],
    "crl": [],
}
#: Small vector files that also seed the TLV decoder.
TLV_FROM = ("com", "dg1", "dg11", "dg12", "dg16")


def _name_for(rel: str) -> str:
    parts = Path(rel).parts
    return "vec-" + "-".join(parts[1:]).replace(".bin", "").replace(".", "_")


def _put(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def vector_seeds(vectors: Path) -> None:
    for target, rels in VECTOR_FILES.items():
        for rel in rels:
            data = (vectors / rel).read_bytes()
            _put(target, _name_for(rel), data)
            if target in TLV_FROM:
                _put("tlv", _name_for(rel), data)
    specimens = json.loads((vectors / "mrz_check_digits.json").read_text(encoding="utf-8"))
    for i, sample in enumerate(specimens["mrz_samples"]):
        _put("mrz", f"vec-mrz_check_digits-{i}-{sample['format']}",
             "\n".join(sample["lines"]).encode("ascii"))


def chip_seeds() -> None:
    from icao.chip import ChipOptions, EmulatedChip

    variants = {"vn": ChipOptions(profile="vn-cccd"),
                "vn2024": ChipOptions(profile="vn-cccd-2024"),
                "td3": ChipOptions(profile="td3-passport")}
    for tag, options in variants.items():
        files = EmulatedChip(options).files
        emrtd, mf = files.emrtd, files.mf
        put = {"COM": "com", "DG1": "dg1", "DG13": "dg13", "DG14": "dg14", "DG15": "dg15",
               "SOD": "sod"}
        for fname, target in put.items():
            if fname in emrtd:
                _put(target, f"chip-{tag}-{fname}", emrtd[fname])
        if tag == "vn":   # one 19794-5 DG2 (21 kB) is enough; the other profiles repeat it
            _put("dg2", f"chip-{tag}-DG2", emrtd["DG2"])
        for fname, data in mf.items():
            _put("dg14", f"chip-{tag}-{fname}", data)
        for fname in ("COM", "DG1", "DG13", "DG14"):
            if fname in emrtd:
                _put("tlv", f"chip-{tag}-{fname}", emrtd[fname])
        _put("mrz", f"chip-{tag}-mrz", files.mrz.encode("ascii"))


def small_dg2_seeds() -> None:
    """DG2s with tiny portraits (the demo portrait scaled to 24x30, JPEG and JPEG 2000): the
    real ones are 15-21 kB, and the fuzzer mutates small inputs much faster."""
    import io

    from PIL import Image

    from icao.chip.lds_build import dg2
    from icao.chip.person import DEFAULT_RECORD, Person, demo_portrait

    with Image.open(io.BytesIO(demo_portrait())) as img:
        small = img.convert("RGB").resize((24, 30))
    for fmt, label in (("JPEG", "jpeg"), ("JPEG2000", "jp2")):
        buf = io.BytesIO()
        small.save(buf, fmt, **({"quality": 30} if fmt == "JPEG" else {}))
        _put("dg2", f"gen-dg2-19794-tiny-{label}", dg2(Person(dict(DEFAULT_RECORD),
                                                                buf.getvalue())))


def _fictional_dgs() -> None:
    """Hand-built fictional DG11/DG12/DG13 shapes the vectors lack (nothing real)."""
    from icao import tlv

    dg11 = tlv.encode(0x6B, tlv.encode(0x5C, bytes.fromhex("5F0E5F115F42A0"))
                      + tlv.encode(0x5F0E, "TRẦN<<VĂN<THỬ".encode())
                      + tlv.encode(0x5F11, "Thành phố Ví Dụ".encode())
                      + tlv.encode(0x5F42, "Số 1 Đường Giả Định".encode())
                      + tlv.encode(0xA0, tlv.encode(0x02, b"\x01")
                                   + tlv.encode(0x5F0F, b"TRAN<<VAN<THU")))
    _put("dg11", "gen-dg11-vn-fictional", dg11)
    dg12 = tlv.encode(0x6C, tlv.encode(0x5C, bytes.fromhex("5F195F265F55"))
                      + tlv.encode(0x5F19, "Cục Cảnh sát QLHC về TTXH".encode())
                      + tlv.encode(0x5F26, b"20210510")
                      + tlv.encode(0x5F55, b"20210510093000"))
    _put("dg12", "gen-dg12-vn-fictional", dg12)
    # DG13, the flat form some readers describe (fields directly under 6D).
    fields = b"".join(tlv.encode(0x30, tlv.encode(0x02, bytes([n])) + tlv.encode(tag, value))
                      for n, tag, value in ((1, 0x13, b"001099000001"),
                                            (2, 0x0C, "Lê Thị Giả Định".encode()),
                                            (3, 0x13, b"01/01/1999")))
    _put("dg13", "gen-dg13-flat-fictional", tlv.encode(0x6D, fields))
    for name in ("gen-dg11-vn-fictional", "gen-dg13-flat-fictional"):
        src = CORPUS / ("dg11" if "dg11" in name else "dg13") / name
        _put("tlv", name, src.read_bytes())
    nested = b"\x01"
    for _ in range(40):   # deeper than tlv.MAX_DEPTH
        nested = tlv.encode(0x30, nested)
    _put("tlv", "gen-nested-40", nested)
    _put("tlv", "gen-long-length", bytes.fromhex("5F1F84000000FF") + b"A" * 8)


def pki_seeds(vectors: Path) -> None:
    from icao.chip.sod import sign_cms
    from icao.chip.testpki import ALGORITHMS, generate_test_pki
    from icao.pki.masterlist import ID_CSCA_MASTER_LIST, CscaMasterList

    pkis = {a: generate_test_pki(algorithm=a, now=NOW) for a in ALGORITHMS}
    for algorithm, pki in pkis.items():
        _put("crl", f"gen-crl-{algorithm}", pki.crl_der)
    _put("crl", "gen-crl-ec-p256-revoked",
         generate_test_pki(algorithm="ec-p256", now=NOW, ds_revoked=True).crl_der)
    # The master list: the four test CSCAs, signed by the ec-p256 DS, root = its CSCA.
    signer = pkis["ec-p256"]
    content = CscaMasterList({"version": 0, "cert_list": [
        _any(p.csca_der) for p in pkis.values()]}).dump()
    ml = sign_cms(ID_CSCA_MASTER_LIST, content, signer)
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "masterlist_root.der").write_bytes(signer.csca_der)
    _put("masterlist", "gen-ml-file", bytes([0]) + ml)
    _put("masterlist", "gen-ml-content", bytes([ML_MODE_CONTENT]) + content)
    # The real Vietnamese CSCA (extracted from the DE master list) as a one-entry list.
    vn_csca = (vectors / "pki/VN_CSCA_ePassport_Vietnam_2022-2037.der").read_bytes()
    _put("masterlist", "gen-ml-content-vn-csca", bytes([ML_MODE_CONTENT]) + CscaMasterList(
        {"version": 0, "cert_list": [_any(vn_csca)]}).dump())


def _any(der: bytes):  # type: ignore[no-untyped-def]
    from asn1crypto import core

    return core.Any.load(der)


def sm_seeds() -> None:
    from icao.chip.smcard import CardSecureMessaging

    answers = [
        ("read", 0xB0, bytes(range(32)), 0x9000),
        ("read-odd", 0xB1, b"\x53\x10" + bytes(16), 0x9000),
        ("status-only", 0xA4, b"", 0x9000),
        ("eof", 0xB0, bytes(7), 0x6282),
        ("long", 0xB0, bytes(range(256)) * 1 + bytes(200), 0x9000),
    ]
    for cipher, (spec, k_enc, k_mac) in SM_KEYS.items():
        base = SM_MODE_3DES if cipher == "3des" else 0
        for label, ins, data, sw in answers:
            card = CardSecureMessaging(spec, k_enc, k_mac, SM_SSC)
            response = card.wrap(ins, data, sw)
            _put("sm", f"gen-{cipher}-{label}", bytes([base]) + response)
            _put("sm", f"gen-{cipher}-{label}-fixmac", bytes([base | SM_MODE_FIX_MAC]) + response)
        _put("sm", f"gen-{cipher}-bare-6700", bytes([base | SM_MODE_PROTECT]) + b"\x67\x00")
        _put("sm", f"gen-{cipher}-bare-9000", bytes([base]) + b"\x90\x00")


def qr_seeds() -> None:
    """Fictional payloads of every form (invented ID numbers, names and addresses)."""
    payloads = {
        "cccd-7": "001099000001|123456789|Lê Thị Giả Định|01011999|Nữ|Số 2 Phố Mẫu, Phường Ví Dụ, "
                  "Quận Thử, Hà Nội|10052021",
        "cccd-7-no-old": "079203012345||Nguyễn Thị Thử Nghiệm|15082003|Nữ|Số 1 Đường Giả Định, "
                         "Thành phố Ví Dụ|10052021",
        "no-old-id": "038080000002|Phạm Văn Mẫu|02021980|Nam|Xã Thử, Tỉnh Ví Dụ|20062022",
        "extended-2024": "052300000003||Đỗ Minh Giả|03032000|Nam|Thôn Mẫu, Tỉnh Ví Dụ|04102024||||",
        "not-cccd": "https://example.invalid/pay?amount=1000",
    }
    for label, text in payloads.items():
        _put("qr", f"gen-qr-{label}", text.encode("utf-8"))


def mrz_seeds() -> None:
    from icao import mrz

    td1 = mrz.format_td1(id_number="001099000001", birth_date="990101", expiry_date="390101",
                         sex="F", surname="LE", given_names="THI GIA DINH")
    _put("mrz", "gen-td1-vn-fictional", td1.encode("ascii"))
    td1_long = mrz.format_td1(document_number="AB12345678901", birth_date="800202",
                              expiry_date="300202", sex="M", surname="MAU", given_names="VAN",
                              issuing_state="UTO", nationality="UTO")
    _put("mrz", "gen-td1-long-number", td1_long.encode("ascii"))
    td3 = mrz.format_td3(document_number="C0000001", birth_date="000303", expiry_date="350303",
                         sex="M", surname="DO", given_names="MINH GIA", personal_number="X1")
    _put("mrz", "gen-td3-fictional", td3.encode("ascii"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Rebuild tests/fuzz/corpus")
    p.add_argument("--data", type=Path, default=REPO / "tests" / "data",
                   help="the test data folder holding vectors/ (default tests/data)")
    args = p.parse_args(argv)
    vectors = args.data / "vectors"
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    vector_seeds(vectors)
    chip_seeds()
    small_dg2_seeds()
    _fictional_dgs()
    pki_seeds(vectors)
    sm_seeds()
    qr_seeds()
    mrz_seeds()
    total = 0
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        size = sum(f.stat().st_size for f in files)
        total += size
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in sorted(files))).hexdigest()[:8]
        print(f"{folder.name:<11} {len(files):3d} files {size:8d} bytes  {digest}")
    print(f"total {total} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
