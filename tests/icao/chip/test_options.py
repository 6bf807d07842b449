"""The chip's `--curve` names: every standardised parameter ID of 9303-11 9.5.1 (Table 6),
taken from icao.ecparams (no second table to drift), and nothing else."""

from __future__ import annotations

import pytest

from icao.chip.options import PARAMETER_IDS, is_dh, parameter_id
from icao.ecparams import STANDARD_DOMAIN_PARAMETERS, parameter_name


def test_every_standardised_parameter_id_has_one_name():
    assert sorted(PARAMETER_IDS.values()) == sorted(STANDARD_DOMAIN_PARAMETERS)
    assert [pid for pid in range(19) if is_dh(pid)] == [0, 1, 2]


@pytest.mark.parametrize("name, pid", [
    ("brainpoolP256r1", 13), ("BRAINPOOLP256R1", 13), ("p-256", 12), ("prime256v1", 12),
    ("secp521r1", 18), ("modp2048-256", 2), ("dh1024", 0), ("17", 17),
])
def test_names_aliases_and_numbers(name, pid):
    assert parameter_id(name) == pid


def test_curve_names_are_those_reports_print():
    for name, pid in PARAMETER_IDS.items():
        if not is_dh(pid):
            assert parameter_name(pid) == name


@pytest.mark.parametrize("bad", ["5", "19", "curve25519", ""])
def test_unknown_names_are_refused_by_name(bad):
    with pytest.raises(ValueError, match="unknown"):
        parameter_id(bad)
