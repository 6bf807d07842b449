"""The settings, as typed frozen dataclasses: one class per TOML table.

Each field is declared with `setting(...)`, which records its documentation and bounds next to
the default, so validation (`validate.py`), `kiosk config show --defaults` and docs/config.md are
all generated from this one place and cannot drift apart.

Paths default to "" meaning "the per-user location chosen by platformdirs", so the documented
defaults are the same on every machine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

#: Meta keys used in dataclass field metadata.
DOC = "doc"
MIN = "min"
MAX = "max"
CHOICES = "choices"
SECRET = "secret"
#: security-relevant: changed only by a technician account, audited with old and new value
SECURITY = "security"
#: a URL checked by kiosk.config.urls
URL = "url"
#: (regular expression, what it means) a text setting must match
PATTERN = "pattern"


def setting(default: Any, doc: str, *, min: float | None = None, max: float | None = None,
            choices: tuple[str, ...] | None = None, secret: bool = False,
            security: bool = False, url: bool = False,
            pattern: tuple[str, str] | None = None) -> Any:
    """A documented, bounded setting with its default."""
    meta = {DOC: doc, MIN: min, MAX: max, CHOICES: choices, SECRET: secret,
            SECURITY: security, URL: url, PATTERN: pattern}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class KioskSettings:
    """[kiosk]: how the kiosk app presents itself."""

    language: str = setting("vi", "First language of the citizen screens.", choices=("vi", "en"))
    idle_timeout_s: int = setting(
        60, "Seconds without touch or card before the citizen's data is wiped and the screen "
        "returns to the start.", min=10, max=3600)
    training_mode: bool = setting(
        False, "Training mode: virtual readers and the emulated chip are allowed, and every "
        "screen shows a TRAINING banner; submissions are marked training and never "
        "delivered, even after training mode is turned off.", security=True)
    id: str = setting(
        "", "This kiosk's id in the store and its audit log (1 to 40 lower-case letters, "
        "digits, '.', '-', '_'); empty: `local` on SQLite, the database role on a central "
        "PostgreSQL store (where the role is the id). Set it once: a SQLite store refuses "
        "another id than the one its rows carry.", security=True,
        pattern=(r"^([a-z0-9][a-z0-9_.-]{0,39})?$",
                 "1 to 40 lower-case letters, digits, '.', '-' or '_'"))
    fullscreen: bool = setting(True, "Run full screen (kiosk mode).")


@dataclass(frozen=True)
class ReaderProfile:
    """[reader.profiles."MODEL"]: settings calibrated for one reader model
    (written by `kiosk diag calibrate --apply`); they override the [reader] values."""

    extended_length: bool = setting(
        False, "Whether this reader model carries extended-length APDUs reliably.")
    max_read: int = setting(
        224, "Largest READ BINARY length (Le) that worked reliably.", min=1, max=65536)
    apdu_timeout_s: float = setting(
        5.0, "Per-APDU timeout in seconds.", min=0.1, max=60)
    retries: int = setting(2, "Retries of a failed APDU before giving up.", min=0, max=10)


@dataclass(frozen=True)
class ReaderSettings:
    """[reader]: the PC/SC contactless reader."""

    name_pattern: str = setting(
        "", "Use the first reader whose PC/SC name contains this text (case-insensitive); "
        "empty: the first contactless reader found.")
    extended_length: str = setting(
        "auto", "Extended-length APDUs: auto (probe, step down on failure), on, or off.",
        choices=("auto", "on", "off"))
    max_read: int = setting(
        65536, "Largest READ BINARY length to try first (steps down on failure).",
        min=1, max=65536)
    apdu_timeout_s: float = setting(5.0, "Per-APDU timeout in seconds.", min=0.1, max=60)
    retries: int = setting(2, "Retries of a failed APDU before giving up.", min=0, max=10)
    read_deadline_s: float = setting(
        8.0, "The whole read's deadline in seconds (PACE or BAC, every file, chip "
        "authentication and any recovery): a card that has not been read by then ends as "
        "\"the card does not answer\". Raise it only for a slow reader (kiosk diag calibrate "
        "shows a read's time).", min=2, max=60)
    profiles: dict[str, ReaderProfile] = field(
        default_factory=dict,
        metadata={DOC: "Calibrated profiles keyed by reader model name (a text contained in "
                  "the PC/SC reader name); see ReaderProfile below.", MIN: None, MAX: None,
                  CHOICES: None, SECRET: False, SECURITY: False, URL: False})

    def profile_for(self, reader_name: str) -> ReaderProfile | None:
        """The profile whose model name occurs in `reader_name` (longest match wins)."""
        name = reader_name.casefold()
        matches = [k for k in self.profiles if k.casefold() in name]
        if not matches:
            return None
        return self.profiles[max(matches, key=len)]


@dataclass(frozen=True)
class CameraSettings:
    """[camera]: the webcam used for the face check."""

    source: str = setting(
        "", "Empty: the camera device `index`; otherwise a video file or stream URL "
        "(training and tests).")
    index: int = setting(0, "OpenCV camera index.", min=0, max=63)
    width: int = setting(1280, "Requested frame width in pixels.", min=160, max=7680)
    height: int = setting(720, "Requested frame height in pixels.", min=120, max=4320)
    fps: int = setting(30, "Requested frames per second.", min=1, max=240)


@dataclass(frozen=True)
class FaceSettings:
    """[face]: matching the person at the counter with the chip portrait."""

    target_fmr: float = setting(
        0.001, "Target false match rate: when `face.threshold` is 0, the threshold is the "
        "calibrated operating point for it (the strictest point in kiosk/face/calibration.json "
        "within the target; see docs/face.md for what was measured). `kiosk face threshold` "
        "shows the value in force and where it came from.",
        min=1e-6, max=0.1, security=True)
    threshold: float = setting(
        0.0, "Explicit decision threshold (embedding distance; a match when the distance is "
        "at most this); it takes precedence over `face.target_fmr` and is not a calibrated "
        "point. 0: use `face.target_fmr`. `kiosk face verify --threshold` / `--target-fmr` "
        "take precedence over both for one run.", min=0, max=10, security=True)
    liveness: bool = setting(True, "Require the liveness check before matching.",
                             security=True)


@dataclass(frozen=True)
class TrustSettings:
    """[trust]: the trust store (CSCA certificates, master lists, CRLs)."""

    dir: str = setting("", "Trust store folder; empty: `<user data dir>/trust`.",
                       security=True)
    require_genuine: bool = setting(
        True, "A card whose genuineness cannot be proven (no CSCA of its state, no chip "
        "proof) stops the citizen before the face check and sends them to a counter; off: "
        "such a card goes on and staff see why it is not proven. Ignored in training mode "
        "(off there). A card that is not genuine or cloned always stops the citizen.",
        security=True)
    require_crl: bool = setting(
        False, "A missing or out-of-date CRL fails passive authentication (revocation must be "
        "checked); false: revocation not checked is reported but does not block.",
        security=True)


@dataclass(frozen=True)
class StoreSettings:
    """[store]: where submissions are kept, and for how long."""

    url: str = setting(
        "", "SQLAlchemy URL of the store; empty: SQLite file `<user data dir>/kiosk.sqlite3`. "
        "A central store: `postgresql+psycopg://user@host/db` (keep the password in ~/.pgpass, "
        "not here).")
    key_file: str = setting(
        "", "This kiosk's key file (0600, created on first use): the AES-256 keys that encrypt "
        "personal data at rest, with their ids, and the secret of the audit MAC and of "
        "pseudonyms; empty: `<user data dir>/store.key`. Never shared: on a central store "
        "each kiosk has its own. Back it up apart from the database.")
    retention_days_after_delivery: int = setting(
        30, "Days after delivery to the back office before a submission's personal data is "
        "deleted (training submissions: days after creation).", min=0, max=3650,
        security=True)
    retention_days_undelivered: int = setting(
        90, "Days after creation before an undelivered submission's personal data is deleted "
        "(with an audit entry).", min=1, max=3650, security=True)
    audit_pseudonym_days: int = setting(
        180, "Days an audit entry keeps the pseudonym (keyed HMAC of the ID number) that "
        "links it to a citizen; the entry itself and the chain's anchors stay.",
        min=1, max=3650, security=True)


@dataclass(frozen=True)
class BackofficeSettings:
    """[backoffice]: the HTTP endpoint that receives submissions."""

    url: str = setting(
        "", "https:// URL that submissions are POSTed to as JSON (http:// only in training "
        "mode, where nothing is delivered); empty: submissions stay in the outbox.",
        security=True, url=True)
    ca_file: str = setting(
        "", "PEM file of the CA(s) that issued the back office's TLS certificate; empty: the "
        "system's trust store.", security=True)
    client_cert_file: str = setting(
        "", "PEM client certificate that identifies this kiosk to the back office (mutual "
        "TLS); with client_key_file.", security=True)
    client_key_file: str = setting(
        "", "PEM private key of client_cert_file (0600).", security=True)
    token_file: str = setting(
        "", "File (0600) holding the bearer token sent as `Authorization: Bearer` (instead "
        "of, or with, a client certificate).", security=True)
    anchor_url: str = setting(
        "", "https:// URL that audit chain anchors are POSTed to; empty: `audit-anchors` "
        "beside `url`.", security=True, url=True)
    anchor_interval_s: int = setting(
        900, "Seconds between audit anchors sent by the delivery worker (each delivery "
        "carries one too); entries after the newest anchor are what verify-audit cannot "
        "prove.", min=60, max=86400, security=True)
    timeout_s: float = setting(
        10.0, "Deadline of one delivery attempt: connect, TLS, send and the whole answer.",
        min=0.5, max=300)
    retry_base_s: float = setting(
        2.0, "First retry delay; doubles on each failure (with jitter).", min=0.01, max=3600)
    retry_max_s: float = setting(600.0, "Longest delay between retries.", min=0.01, max=86400)


@dataclass(frozen=True)
class PrintingSettings:
    """[printing]: where printed forms go."""

    printer: str = setting(
        "", "Printer name as the system knows it; empty: the default printer; \"pdf\": write "
        "each submitted form as a private PDF file (0600, in a 0700 folder) in pdf_dir instead "
        "of printing, deleted with the submission's personal data.")
    pdf_dir: str = setting("", "Folder for PDF output; empty: `<user documents dir>/chip-id-kiosk`.")


@dataclass(frozen=True)
class StaffSettings:
    """[staff]: counter staff login."""

    pin_hash: str = setting(
        "", "Obsolete: hash of one PIN shared by all staff, which names nobody in the audit "
        "log; the app opens the staff panel only to named accounts (`kiosk staff add`), so "
        "clear it.",
        secret=True, security=True)
    kdf_memory_mib: int = setting(
        128, "Argon2id memory per PIN check, MiB (with kdf_iterations: >= 250 ms on the "
        "kiosk; measure with `kiosk staff kdf`).", min=64, max=2048, security=True)
    kdf_iterations: int = setting(
        4, "Argon2id passes per PIN check.", min=3, max=64, security=True)


@dataclass(frozen=True)
class TechnicianSettings:
    """[technician]: technician login."""

    pin_hash: str = setting(
        "", "Obsolete: hash of one PIN shared by all technicians; the app opens the "
        "technician area only to technician accounts (`kiosk staff add --role technician`), "
        "so clear it.",
        secret=True, security=True)


@dataclass(frozen=True)
class Config:
    """The whole settings file."""

    kiosk: KioskSettings = field(default_factory=KioskSettings)
    reader: ReaderSettings = field(default_factory=ReaderSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    face: FaceSettings = field(default_factory=FaceSettings)
    trust: TrustSettings = field(default_factory=TrustSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    backoffice: BackofficeSettings = field(default_factory=BackofficeSettings)
    printing: PrintingSettings = field(default_factory=PrintingSettings)
    staff: StaffSettings = field(default_factory=StaffSettings)
    technician: TechnicianSettings = field(default_factory=TechnicianSettings)


def sections() -> dict[str, type]:
    """Table name -> settings class, in file order."""
    hints = {f.name: f.default_factory for f in dataclasses.fields(Config)}
    return {name: factory for name, factory in hints.items()}  # type: ignore[misc]


def field_type(cls: type, name: str) -> type:
    """The Python type of a scalar setting (from its default; annotations are strings)."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            return type(f.default) if f.default is not dataclasses.MISSING else dict
    raise KeyError(name)


def security_keys() -> tuple[str, ...]:
    """Dotted names of the security-relevant settings (changed only by a technician)."""
    return tuple(f"{name}.{f.name}" for name, cls in sections().items()
                 for f in dataclasses.fields(cls) if f.metadata.get(SECURITY))
