"""Reader profiles -> the settings a read actually runs with.

`kiosk diag calibrate --apply` stores a `ReaderProfile` per reader model in the config
(kiosk.config save_reader_profile). `icao.reader.ReadOptions` knows nothing of profiles and
`nfc.PcscTransport` takes the per-APDU timeout separately, so this module is the one mapping
from config to both; the kiosk core and every diag command take their settings from here:

    setup = reader_setup(config, transport.reader)
    PcscTransport(reader, timeout=setup.apdu_timeout_s)
    read(transport, key, options=setup.read_options())

Mapping (one place, so the profile means the same thing everywhere):
- extended_length False -> ReadOptions(extended=False): never send an extended APDU;
  True -> extended=None: try it, step down on failure ([reader] "on" and "auto" both map to
  None, since a read that cannot fall back would fail on the next card that lacks it).
- max_read -> ReadOptions.max_read, the first READ BINARY size tried.
- retries -> ReadOptions.max_reconnects: how often a read that lost the card (or its secure
  session, or timed out) reconnects and resumes before giving up. PcscTransport has no
  per-APDU retry; resuming the read is the retry that is safe under secure messaging.
- apdu_timeout_s -> PcscTransport(timeout=...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.diag.common import reader_model


@dataclass(frozen=True)
class ReaderSetup:
    """The read settings for one reader, and where they came from."""

    reader: str
    extended: bool | None  # None: try extended length; False: never
    max_read: int
    apdu_timeout_s: float
    retries: int
    source: str  # 'profile "MODEL"' or "[reader] defaults"
    profile_model: str | None = None
    deadline_s: float = 8.0  # [reader] read_deadline_s: the whole read, recovery included
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def read_options(self, **overrides: Any):  # -> icao.reader.ReadOptions
        from icao.reader import ReadOptions

        values: dict[str, Any] = {"extended": self.extended, "max_read": self.max_read,
                                  "max_reconnects": self.retries,
                                  "deadline_s": self.deadline_s}
        values.update(overrides)
        return ReadOptions(**values)

    def describe(self) -> str:
        ext = "never" if self.extended is False else "try, step down on failure"
        return (f"extended length: {ext}; max read {self.max_read} B; APDU timeout "
                f"{self.apdu_timeout_s:g} s; retries {self.retries} ({self.source}); read "
                f"deadline {self.deadline_s:g} s")


def reader_setup(config: Any, reader_name: str) -> ReaderSetup:
    """The settings for `reader_name`: its model's calibrated profile, else [reader]."""
    reader_cfg = config.reader
    deadline = float(reader_cfg.read_deadline_s)
    profile = reader_cfg.profile_for(reader_name) if reader_name else None
    if profile is not None:
        model = _matching_model(reader_cfg.profiles, reader_name)
        return ReaderSetup(reader_name, None if profile.extended_length else False,
                           int(profile.max_read), float(profile.apdu_timeout_s),
                           int(profile.retries), f'profile "{model}"', model, deadline)
    ext = None if reader_cfg.extended_length in ("auto", "on") else False
    return ReaderSetup(reader_name, ext, int(reader_cfg.max_read),
                       float(reader_cfg.apdu_timeout_s), int(reader_cfg.retries),
                       "[reader] defaults", deadline_s=deadline)


def _matching_model(profiles: dict[str, Any], reader_name: str) -> str:
    name = reader_name.casefold()
    return max((k for k in profiles if k.casefold() in name), key=len)


def default_setup(reader_name: str = "") -> ReaderSetup:
    """The [reader] defaults without a config file (used when none can be loaded)."""
    from kiosk.config import Config

    return reader_setup(Config(), reader_name)


__all__ = ["ReaderSetup", "default_setup", "reader_model", "reader_setup"]
