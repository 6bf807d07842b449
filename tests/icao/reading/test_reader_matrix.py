"""Every PACE mapping x domain parameters x cipher x password, reader against chip in process.

9303-11 9.5.1 Table 6 lists the standardised groups (ids 0-2 DH, 8-18 ECDH); 9.2.3 the
mapping/cipher OIDs (CAM only with ECDH and AES). Integrated Mapping over ECDH is not defined on
NIST P-224 (p = 1 mod 4; 9303-11 4.4.3.4.2 needs p = 3 mod 4), so that combination must end in
UnsupportedProtocol, cleanly.
"""

from __future__ import annotations

import pytest

from icao.chip.options import PARAMETER_IDS
from icao.errors import UnsupportedProtocol
from icao.reader import ReadOptions, read
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key, transport

CIPHERS = ("3des", "aes128", "aes192", "aes256")
CIPHER_NAMES = {"3des": "3DES", "aes128": "AES-128", "aes192": "AES-192", "aes256": "AES-256"}


def _combinations():
    for curve, pid in PARAMETER_IDS.items():
        for mapping in ("gm", "im", "cam"):
            if mapping == "cam" and pid <= 2:
                continue  # CAM is ECDH only
            for cipher in CIPHERS:
                if mapping == "cam" and cipher == "3des":
                    continue
                for password in ("can", "mrz"):
                    yield pytest.param(mapping, curve, cipher, password,
                                       id=f"{mapping}-{curve}-{cipher}-{password}")


@pytest.mark.parametrize("mapping,curve,cipher,password", list(_combinations()))
def test_pace_combination(mapping, curve, cipher, password):
    chip = make_chip(access="pace", mapping=mapping, curve=curve, cipher=cipher,
                     active_auth=False, chip_auth=mapping == "cam")
    key = can_key(chip) if password == "can" else mrz_key(chip)
    options = ReadOptions(chip_auth=False, active_auth=False)
    if mapping == "im" and curve == "secp224r1":
        with pytest.raises(UnsupportedProtocol):
            read(transport(chip), key, files=("COM", "DG1"), options=options)
        return
    doc = read(transport(chip), key, files=("COM", "DG1"), options=options)
    assert doc.access.protocol == "PACE"
    assert doc.access.mapping == mapping.upper()
    assert doc.access.parameter_id == PARAMETER_IDS[curve]
    assert doc.access.cipher == CIPHER_NAMES[cipher]
    assert doc.access.password == password
    assert doc.files["DG1"] == chip_file(chip, "DG1")
    if mapping == "cam":
        assert doc.chip_auth is not None and doc.chip_auth.status == "passed"
