"""A verified person, with normalised Vietnamese fields and where each came from.

Public API (the UI and the store call these)::

    from_files(files, *, verification=None, qr=None, today=None) -> Identity
    from_document(document, *, verification=None, qr=None, today=None) -> Identity
    Identity.from_json(doc) / identity.to_json() -> dict
    identity.with_residence_choice(ward_code) -> Identity
    convert_address(text) -> AddressConversion
    lookup_ethnicity(text) -> EthnicGroup | None
    parse_qr(payload) -> QrData
"""

from kiosk.identity.address import AddressConversion, WardChoice, convert_address
from kiosk.identity.build import IdentityError, from_document, from_files, pa_passed_from
from kiosk.identity.dates import NO_EXPIRY_VI, PartialDate, parse_date
from kiosk.identity.ethnicity import EthnicGroup, ethnic_groups, lookup_ethnicity
from kiosk.identity.model import Identity, Source
from kiosk.identity.names import PersonName, split_name
from kiosk.identity.qr import QrData, QrFormatError, parse_qr
from kiosk.identity.serial import IdentityJsonError, identity_from_json, identity_to_json

__all__ = [
    "NO_EXPIRY_VI", "AddressConversion", "EthnicGroup", "Identity", "IdentityError",
    "IdentityJsonError", "PartialDate", "PersonName", "QrData", "QrFormatError", "Source",
    "WardChoice", "convert_address", "ethnic_groups", "from_files", "identity_from_json",
    "from_document", "identity_to_json", "lookup_ethnicity", "pa_passed_from", "parse_date", "parse_qr",
    "split_name",
]
