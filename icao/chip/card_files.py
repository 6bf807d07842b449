"""The emulated chip's file commands: SELECT and READ BINARY (ISO/IEC 7816-4 11.2, 11.2.3;
ICAO 9303-10 3.6, 4.6), with the access rules of 9303-11 and the file quirks of the catalogue.

A mixin of `icao.chip.card.EmulatedChip`: it reads the chip's state (current DF and EF,
authentication) and never changes the security state.
"""

from __future__ import annotations

from collections.abc import Mapping

from icao import iso7816, tlv
from icao.apdu import Command
from icao.chip.lds_build import EMRTD_FIDS, EMRTD_SFIS, MF_FIDS, MF_SFIS, ChipFiles
from icao.chip.options import ChipOptions
from icao.chip.quirks import Quirks
from icao.errors import ParseError

SW_OK = 0x9000
SW_EOF = 0x6282
SW_WRONG_LENGTH = 0x6700
SW_SECURITY = 0x6982
SW_CONDITIONS = 0x6985
SW_WRONG_DATA = 0x6A80
SW_FUNCTION = 0x6A81  # ISO/IEC 7816-4 5.6: function not supported
SW_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00
SW_INS = 0x6D00

_PROTECTED_FILES = {"DG3", "DG4"}  # 9303-11 7.1: extended access control only


class FileCommands:
    """SELECT and READ BINARY of the emulated chip."""

    files: ChipFiles
    options: ChipOptions
    quirk: Quirks
    reads_per_file: dict[str, int]
    _df: str
    _ef: str | None
    _auth: str | None

    @property
    def _secure(self) -> bool:  # pragma: no cover - provided by EmulatedChip
        raise NotImplementedError

    def _select(self, cmd: Command) -> int:
        if cmd.p1 == 0x04:
            if cmd.data == iso7816.AID_EMRTD:
                self._df, self._ef = "EMRTD", None
                return SW_OK
            return SW_NOT_FOUND
        if cmd.p1 == 0x00 and (not cmd.data or cmd.data == b"\x3f\x00"):
            if self.options.profile.startswith("vn-cccd") and \
                    not self.quirk.card_access_after_select_mf:
                return SW_INS  # CCCD chips refuse SELECT MF; readers must not depend on it
            self._df, self._ef = "MF", None
            return SW_OK
        if cmd.p1 not in (0x00, 0x02) or len(cmd.data) != 2:
            return SW_WRONG_P1P2
        fid = int.from_bytes(cmd.data, "big")
        table = EMRTD_FIDS if self._df == "EMRTD" else MF_FIDS
        for name, file_id in table.items():
            if file_id == fid and name in self._files_here():
                self._ef = name
                return SW_OK
        return SW_NOT_FOUND

    def _files_here(self) -> Mapping[str, bytes]:
        return self.files.emrtd if self._df == "EMRTD" else self.files.mf

    def _readable(self, name: str) -> bool:
        if self._df == "MF":
            return name == "CardAccess" or self._auth == "PACE"
        return self._secure and name not in _PROTECTED_FILES

    def _read(self, cmd: Command) -> tuple[bytes, int]:
        q = self.quirk
        if cmd.ins == iso7816.INS_READ_BINARY and cmd.p1 & 0x80:
            if q.no_sfi:
                return b"", SW_FUNCTION
            sfi = cmd.p1 & 0x1F
            table = EMRTD_SFIS if self._df == "EMRTD" else MF_SFIS
            name = table.get(sfi)
            if name is None or name not in self._files_here():
                return b"", SW_NOT_FOUND
            self._ef, offset = name, cmd.p2
        elif cmd.ins == iso7816.INS_READ_BINARY:
            offset = (cmd.p1 << 8) | cmd.p2
        else:
            try:
                do54 = tlv.decode(cmd.data)
            except ParseError:
                return b"", SW_WRONG_DATA
            if do54.tag != 0x54 or not 1 <= len(do54.value) <= 3:
                return b"", SW_WRONG_DATA
            offset = int.from_bytes(do54.value, "big")
        if self._ef is None:
            return b"", SW_CONDITIONS
        if not self._readable(self._ef):
            return b"", SW_SECURITY
        self.reads_per_file[self._ef] = self.reads_per_file.get(self._ef, 0) + 1
        content = self._files_here()[self._ef]
        le = cmd.le if cmd.le is not None else 256
        refused = self._le_refused(cmd, le)
        if refused is not None:
            return b"", refused
        if offset > len(content):
            return b"", SW_WRONG_P1P2
        remaining = len(content) - offset
        if le > remaining and remaining > 0 and cmd.ins == iso7816.INS_READ_BINARY:
            if q.eof_6b00:
                return b"", SW_WRONG_P1P2  # the Russian passport of flipperzero PR 1866
            if q.le_6cxx and remaining < 256:
                return b"", 0x6C00 | remaining  # ISO/IEC 7816-4 5.1.3: the exact Le
        chunk = content[offset:offset + le]
        if cmd.ins == iso7816.INS_READ_BINARY_ODD:
            room = max(0, le - 4)  # leave room for the DO53 header within Le
            chunk = tlv.encode(0x53, content[offset:offset + room])
        sw = SW_EOF if remaining < le and cmd.ins == iso7816.INS_READ_BINARY else SW_OK
        return chunk, sw

    def _le_refused(self, cmd: Command, le: int) -> int | None:
        """The status word refusing this Le, or None when the chip honours it."""
        cap = None if cmd.extended else self.quirk.le_cap
        if cap is not None and le > cap:
            return 0x6C00 | cap if self.quirk.le_6cxx else SW_WRONG_LENGTH
        max_le = self.options.max_le
        if max_le is not None and le > max_le:
            if max_le < 256:
                return 0x6C00 | max_le  # ISO 7816-4 5.1.3: the exact Le in SW2
            return SW_WRONG_LENGTH  # SW2 cannot carry Le > 255: plain "wrong length"
        if not cmd.extended and le > 256:
            return SW_WRONG_LENGTH
        return None
