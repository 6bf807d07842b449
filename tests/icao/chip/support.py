"""Helpers shared by the chip and reader tests: build chips fast, read them in process."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from icao.chip import ChipOptions, ChipTransport, EmulatedChip, Faults
from icao.chip.lds_build import ChipFiles, build_files
from icao.chip.person import Person
from icao.chip.quirks import FILE_QUIRKS
from icao.keys import AccessKey


@lru_cache(maxsize=128)
def _files(options: ChipOptions) -> ChipFiles:
    return build_files(Person.default(), options)


def make_chip(**kw) -> EmulatedChip:
    """A chip; options that do not change the files share one (signed) file set."""
    options = ChipOptions(**kw).resolved()
    neutral = replace(options, faults=Faults(), link=None, max_le=None, ext_length=True,
                      password_tries=3, quirks=options.quirks & FILE_QUIRKS)
    return EmulatedChip(options, files=_files(neutral))


def transport(chip: EmulatedChip, **kw) -> ChipTransport:
    return ChipTransport(chip, log=[], **kw)


def can_key(chip: EmulatedChip) -> AccessKey:
    return AccessKey.from_can(chip.access_data.can)


def mrz_key(chip: EmulatedChip) -> AccessKey:
    return AccessKey.from_mrz_text(chip.access_data.mrz)


def chip_file(chip: EmulatedChip, name: str) -> bytes:
    return chip.files.emrtd.get(name) or chip.files.mf[name]


def read_binaries(log) -> list[bytes]:
    """The READ BINARY commands (B0/B1) of a transport log."""
    return [cmd for cmd, _ in log if len(cmd) > 1 and cmd[1] in (0xB0, 0xB1)]
