"""A verified person, with normalised Vietnamese fields and where each came from.

Public API (the UI and the store call these)::

    build_identity(dg13=, dg1=, pa_passed=, qr=None, today=None) -> Identity
        (DG13 and DG1 as parsed by icao.lds; kiosk.reading calls it after the read)
    identity_from_json(doc) -> Identity / identity_to_json(identity) -> dict
    identity.with_residence_choice(ward_code) -> Identity
    convert_address(text) -> AddressConversion
    lookup_ethnicity(text) -> EthnicGroup | None
    parse_qr(payload) -> QrData
    parse_id_number(text) -> IdNumber / id_number_problems(text, sex=, birth_year=, today=)
        (a typed 12-digit personal ID number: province, sex and birth year it encodes)
"""

from kiosk.identity.address import AddressConversion, WardChoice, convert_address
from kiosk.identity.build import IdentityError, QrInput, build_identity
from kiosk.identity.dates import NO_EXPIRY_VI, PartialDate, parse_date
from kiosk.identity.ethnicity import EthnicGroup, ethnic_groups, lookup_ethnicity
from kiosk.identity.id_number import (
    IdNumber,
    IdNumberFormatError,
    id_number_problems,
    parse_id_number,
)
from kiosk.identity.model import Identity, Source
from kiosk.identity.names import PersonName, split_name
from kiosk.identity.qr import QrData, QrFormatError, parse_qr
from kiosk.identity.serial import IdentityJsonError, identity_from_json, identity_to_json

__all__ = [
    "NO_EXPIRY_VI", "AddressConversion", "EthnicGroup", "IdNumber", "IdNumberFormatError",
    "Identity", "IdentityError", "IdentityJsonError", "PartialDate", "PersonName", "QrData",
    "QrFormatError", "QrInput", "Source", "WardChoice", "build_identity", "convert_address",
    "ethnic_groups", "id_number_problems", "identity_from_json", "identity_to_json",
    "lookup_ethnicity", "parse_date", "parse_id_number", "parse_qr", "split_name",
]
