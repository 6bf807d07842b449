"""The chip's proofs during a read (ICAO 9303-11 6.1 AA, 6.2 CA, 4.4.3.5 PACE-CAM), and the
downgrade check: the reader decides *whether* and *when*; `icao.ca`, `icao.aa` and
`icao.pace.verify_cam` run the protocols. DG14 is parsed once (`ReadState.dg14`), DG15 by
`icao.lds.dg15`, EF.CardSecurity by `icao.lds.card_security`.

Whether a proof means "genuine" is `icao.genuine`'s call: it needs passive authentication to
say the key was signed by the state.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from icao import aa, ca
from icao.document import ActiveAuthOutcome, ChipAuthOutcome
from icao.errors import IcaoError, ParseError, SecureMessagingError
from icao.lds.card_security import parse_card_security
from icao.lds.dg15 import parse_dg15
from icao.pace import PACE_PROTOCOLS, verify_cam
from icao.reading.channel import Channel
from icao.reading.state import ReadState
from icao.sm import MAX_SHORT_PLAIN

Rng = Callable[[int], bytes]
Step = Callable[[str], AbstractContextManager[None]]
#: 9303-11 6.1 asks for one challenge; a session lost mid-AA is re-established and AA run
#: once more (issue 14), then the result is "not_possible", never "failed".
AA_ATTEMPTS = 2


class Proofs:
    def __init__(self, channel: Channel, state: ReadState, rng: Rng | None, step: Step, *,
                 chip_auth: bool, active_auth: bool):
        self.channel, self.state, self.rng, self.step = channel, state, rng, step
        self.want_ca, self.want_aa = chip_auth, active_auth
        self.aa_attempts = 0

    def run(self) -> None:
        s = self.state
        if s.chip_auth is None:
            if s.pace_result is not None and s.pace_result.cam is not None:
                s.chip_auth = self._check_cam()
            elif self.want_ca and (infos := s.dg14()) is not None:
                with self.step("chip-auth"):
                    s.chip_auth = ca.chip_authentication(self.channel, infos, rng=self.rng)
        if s.active_auth is None and self.want_aa and "DG15" in s.done:
            with self.step("active-auth"):
                s.active_auth = self._active_authentication()

    # -- PACE-CAM ---------------------------------------------------------------------------
    def _check_cam(self) -> ChipAuthOutcome:
        s = self.state
        result = s.pace_result
        oid = result.protocol_oid if result else None
        source, infos = None, None
        if "CardSecurity" in s.done:
            try:
                infos = parse_card_security(s.done["CardSecurity"]).infos
                source = "CardSecurity" if infos.ca_public_keys else None
            except IcaoError:
                infos = None
        dg14 = s.dg14()
        if source is None and dg14 is not None and dg14.ca_public_keys:
            infos, source = dg14, "DG14"
        if result is None or infos is None or source is None:
            return ChipAuthOutcome("PACE-CAM", "not_performed",
                                   "no chip public key found in EF.CardSecurity or DG14", oid)
        ok = verify_cam(result, infos.ca_public_keys[0].spki)
        return ChipAuthOutcome("PACE-CAM", "passed" if ok else "failed",
                               "the chip proved its static key during PACE" if ok else
                               "the chip's CAM data does not match its public key", oid,
                               source)

    # -- active authentication --------------------------------------------------------------
    def _active_authentication(self) -> ActiveAuthOutcome:
        """Raises the lost session the first time, for the read loop to restart and retry."""
        s = self.state
        if self.channel.sm is None:
            return ActiveAuthOutcome("not_performed", "no secure session after a failed "
                                     "chip authentication")
        try:
            dg15 = parse_dg15(s.done["DG15"])
        except ParseError as exc:
            # Not "failed": a key this kiosk cannot use proves nothing either way.
            return ActiveAuthOutcome("not_possible", f"the DG15 key cannot be used "
                                     f"({exc.message})")
        infos = s.dg14()
        hash_oid = infos.aa_infos[0].signature_algorithm_oid if infos and infos.aa_infos \
            else None
        kind = self.channel.sm.spec.kind
        self.aa_attempts += 1
        try:
            attempt = aa.authenticate(self.channel, dg15, hash_oid=hash_oid,
                                      extended=s.sizes.ext_ok,
                                      short_max=MAX_SHORT_PLAIN[kind], rng=self.rng)
        except (SecureMessagingError, OSError) as exc:
            if self.aa_attempts >= AA_ATTEMPTS:
                return ActiveAuthOutcome("not_possible", "the secure session was lost during "
                                         f"active authentication twice ({type(exc).__name__}); "
                                         "nothing was proven, read the card again")
            raise  # the read loop re-establishes the session; AA runs again
        if attempt.extended_refused:
            s.sizes.ext_ok = False
        return attempt.outcome


def check_downgrade(state: ReadState, prefer: str) -> bool:
    """Read with BAC although the chip's signed DG14 announces PACE (9303-11 9.2: PACEInfo
    in EF.CardAccess and DG14): EF.CardAccess was unreadable, altered or hostile, so the
    session was downgraded (issue 10). Staff see it; passive authentication cannot, since
    EF.CardAccess is not signed."""
    if state.access is None or state.access.protocol != "BAC" or prefer == "bac":
        return False
    infos = state.dg14()
    if infos is None:
        return False
    if any(i.protocol_oid in PACE_PROTOCOLS for i in infos.pace_infos):
        state.warnings.append("DG14 announces PACE but EF.CardAccess offered no usable PACE, "
                              "so the chip was read with BAC: EF.CardAccess may have been "
                              "altered (downgrade)")
        return True
    return False


