"""Typed store errors. Messages tell staff or a technician what to do and never carry
personal data (at most a reference number, which is printed on the citizen's receipt)."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the submission store cannot do what was asked."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened."""


class SchemaError(StoreError):
    """The database schema cannot be brought up to date (e.g. it is newer than this software)."""


class KeyFileError(StoreError):
    """The encryption key file is missing, unreadable, too open, or does not match the data."""


class NotFound(StoreError):
    """No submission with that reference number."""


class Purged(StoreError):
    """The submission's personal data was deleted under the retention policy."""


class AuditDetailsError(StoreError):
    """Audit details that look like personal data, or are not plain values."""


class StoreForbidden(StoreError):
    """The database role may not do this (e.g. a kiosk role changing an audit entry)."""


class KioskIdentityError(StoreError):
    """The kiosk id does not match the database role, or is not a valid id."""


class DeliveryConfigError(StoreError):
    """The back-office settings cannot be used to deliver (URL, TLS, credentials)."""
