"""Why the citizen flow stopped: one code per cause, the vocabulary shared by the reading
service (kiosk.reading), the session (kiosk.session) and the screens (ui/screens/error.py maps
each code to a sentence in both languages). A code never carries personal data."""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    # the read
    ACCESS_DENIED = "access_denied"    # wrong CAN / MRZ: back to the access key
    CARD_REMOVED = "card_removed"      # the card left the reader during the read
    CARD_SILENT = "card_silent"        # the card is there but does not answer (or the read's
    #                                    deadline passed): not "removed", not "read failed"
    SESSION_LOST = "session_lost"      # the chip kept ending its secure session (9303-11 9.8)
    UNSUPPORTED = "unsupported"        # a protocol the kiosk does not implement
    READ_FAILED = "read_failed"        # anything else the card or reader did
    NO_READER = "no_reader"
    VIRTUAL_READER = "virtual_reader"  # a vpcd reader outside training mode (RIG.md)
    # the chip verdict (issue 14): the citizen goes to a counter, no override
    NOT_GENUINE = "not_genuine"
    CLONED = "cloned"
    NOT_PROVABLE = "not_provable"      # only when trust.require_genuine is on
    NO_IDENTITY = "no_identity"        # the chip's personal data groups did not parse
    NO_PORTRAIT = "no_portrait"        # no usable photo on the chip: no face check possible
    # after the read
    FACE_FAILED = "face_failed"        # staff may accept with a reason
    NO_CAMERA = "no_camera"
    SUBMIT_FAILED = "submit_failed"


#: Problems with the card itself: staff may not override them and "try again" does not help.
CHIP_PROBLEMS = frozenset({Problem.NOT_GENUINE, Problem.CLONED, Problem.NOT_PROVABLE,
                           Problem.NO_IDENTITY, Problem.NO_PORTRAIT})
