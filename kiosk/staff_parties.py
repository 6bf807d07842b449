"""The staff panel for every person of the form, not only the one in front of the kiosk.

A two-person service (marriage, birth, death, residence with the household head) reads or
types a second person; staff must see each one's verdict, checks and face result, under the
role's name in Vietnamese and English ("Vợ/chồng" / "The spouse"), and know whose face a
failed-match override accepts: the override acts on the party whose face check failed (the
session's `personal.current`, kiosk.session.Session.staff_override_face). When the session
stopped at an error, the technical detail the citizen screen no longer shows
(kiosk.problems.staff_detail) goes to the "Details" area. Pure functions of the session's
state (no Qt), so the wording is tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.problems import Problem, staff_detail
from kiosk.session.state import PartyData, PartyState, Personal, SessionError
from kiosk.staff_panel import Headline, PanelVerdict, headline, panel_verdict
from kiosk.staff_words import Words, language_index

if TYPE_CHECKING:
    from kiosk.face.station import FaceOutcome
    from kiosk.forms.model import PartySpec, Service
    from kiosk.identity import Identity
    from kiosk.reading import ChipRead

_DECLARANT: Words = ("Người kê khai", "The declarant")


@dataclass(frozen=True)
class PartyPanel:
    """One person of the form as the staff panel shows them."""

    role: str            # "declarant", "spouse", "mother", ...
    label: Words         # the role's name (the service's party label)
    current: bool        # in front of the kiosk now: an override acts on them
    verdict: PanelVerdict
    read: ChipRead | None
    face: FaceOutcome | None
    override_by: str | None
    typed_id: str | None  # their ID number, when it was typed instead of read

    @property
    def identity(self) -> Identity | None:
        return self.read.identity if self.read is not None else None

    def tab(self, language: str) -> str:
        """The person's tab: the verdict's icon and the role's name."""
        return f"{self.verdict.icon} {self.label[0 if language == 'vi' else 1]}"


def _label(spec: PartySpec | None, role: str) -> Words:
    if spec is None:
        return _DECLARANT if role == "declarant" else (role, role)
    return spec.label_vi, spec.label_en


def _verdict(data: PartyData, spec: PartySpec | None, *, current: bool,
             error: Problem | None, require_genuine: bool) -> PanelVerdict:
    if data.state is PartyState.TYPED:
        cardless = spec is not None and spec.card == "none"
        return headline(Headline.NUMBER_TYPED, (
            "Người này không có thẻ để đọc: số định danh được nhập tay" if cardless else
            "Số định danh được nhập tay: không có chip chứng minh, hãy đối chiếu giấy tờ",
            "No card can be read for this person: the ID number was typed" if cardless else
            "The ID number was typed: no chip proves it, check the papers"))
    if data.state is PartyState.DECLARANT:
        return headline(Headline.IS_DECLARANT, (
            "Người kê khai cho biết đây chính là mình: xem thẻ của người kê khai",
            "The declarant said this is themselves: see the declarant's card"))
    if data.state is PartyState.SKIPPED:
        return headline(Headline.NOT_GIVEN, (
            "Không đọc thẻ, không nhập số: thông tin điền tay khi xem lại hoặc để trống",
            "No card read, no number typed: typed at review or left blank"))
    if data.read is None and not current:
        return headline(Headline.NO_CARD, ("Chưa đọc thẻ của người này",
                                           "This person's card has not been read yet"))
    verdict = panel_verdict(data.read, data.face, error=error if current else None,
                            require_genuine=require_genuine, override_by=data.override_by)
    if verdict.kind is Headline.FACE_PENDING and data.state is PartyState.READ:
        return headline(Headline.GENUINE_NO_FACE, (
            "Không cần đối chiếu khuôn mặt với người này", "No face check for this person"))
    return verdict


def party_panels(service: Service | None, personal: Personal, *,
                 error: SessionError | None = None,
                 require_genuine: bool = True) -> list[PartyPanel]:
    """Every person of the form the session holds, in the service's order (the declarant
    first); `error`: the session's error, if it stopped (it concerns the current party)."""
    specs = {p.role: p for p in service.parties} if service is not None else {}
    order = [p.role for p in service.parties] if service is not None else ["declarant"]
    order += [r for r in personal.parties if r not in order]
    code = error.code if error is not None else None
    out = []
    for role in order:
        data = personal.parties.get(role)
        if data is None:
            continue
        current = role == personal.current
        out.append(PartyPanel(
            role, _label(specs.get(role), role), current,
            _verdict(data, specs.get(role), current=current, error=code,
                     require_genuine=require_genuine),
            data.read, data.face, data.override_by, data.typed_id))
    return out


def override_caption(panel: PartyPanel | None, language: str) -> str:
    """Whose face a failed-match override accepts (the party in front of the kiosk)."""
    if panel is None:
        return ""
    name = panel.label[language_index(language)]
    return (f"Chấp nhận khuôn mặt của: {name}" if language == "vi" else
            f"Accept the face of: {name}")


def error_detail(error: SessionError | None, panel: PartyPanel | None) -> str:
    """The session's error as staff and technicians read it: the problem code, its
    technical detail (step, status word, a refused reader's driver evidence), the tries
    left, and whose it is on a two-person form. Empty without an error."""
    if error is None:
        return ""
    whose = f" ({panel.label[1]})" if panel is not None and panel.role != "declarant" else ""
    return f"error{whose}: {staff_detail(error.code, error.detail, error.tries_left)}"
