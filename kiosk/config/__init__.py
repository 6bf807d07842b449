"""Settings: one TOML file, typed frozen dataclasses, validated on load (see docs/config.md).

    from kiosk.config import load_config
    cfg = load_config()            # --config path, $KIOSK_CONFIG, or the per-user file
    cfg.reader.apdu_timeout_s      # 5.0
"""

from kiosk.config.files import (
    ENV_VAR,
    add_config_argument,
    config_path,
    default_config_path,
    load_config,
    save_reader_profile,
    set_value,
    to_document,
    user_data_dir,
)
from kiosk.config.pins import DEFAULT_KDF, KdfParams, PinError, hash_pin, verify_pin
from kiosk.config.schema import (
    BackofficeSettings,
    CameraSettings,
    Config,
    FaceSettings,
    KioskSettings,
    PrintingSettings,
    ReaderProfile,
    ReaderSettings,
    StaffSettings,
    StoreSettings,
    TechnicianSettings,
    TrustSettings,
)
from kiosk.config.security import Weakening, weakened_settings
from kiosk.config.urls import url_problem
from kiosk.config.validate import ConfigError, ConfigProblem, validate

__all__ = [
    "DEFAULT_KDF", "ENV_VAR", "BackofficeSettings", "CameraSettings", "Config", "ConfigError",
    "ConfigProblem", "FaceSettings", "KdfParams", "KioskSettings", "PinError", "PrintingSettings", "ReaderProfile",
    "ReaderSettings", "StaffSettings", "StoreSettings", "TechnicianSettings", "TrustSettings",
    "add_config_argument", "config_path", "default_config_path", "hash_pin", "load_config",
    "save_reader_profile", "set_value", "to_document", "url_problem", "user_data_dir", "validate",
    "verify_pin", "Weakening", "weakened_settings",
]
