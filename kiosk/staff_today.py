"""Today's submissions for the staff panel, in words: the service's name, who confirmed it
(the staff member by name), and the delivery state. Pure functions (no Qt); shown by
ui/screens/staff.py through kiosk.staff_panel."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kiosk.forms import list_services
from kiosk.staff_words import Words, language_index

if TYPE_CHECKING:
    from kiosk.store import Submission


_STATES: dict[str, Words] = {
    "pending": ("Đang chờ gửi", "Pending"),
    "retrying": ("Gửi lỗi, đang thử lại", "Failed, retrying"),
    "delivered": ("Đã gửi", "Sent"),
    "failed": ("Bị từ chối, cần kiểm tra", "Failed: rejected by the office"),
    "training": ("Đào tạo, không gửi", "Training: never sent"),
    "purged": ("Đã xóa theo thời hạn lưu", "Deleted (retention)"),
}


@dataclass(frozen=True)
class TodayRow:
    time: str
    reference: str
    service: str
    staff: str
    state: str


@lru_cache(maxsize=1)
def _service_names() -> dict[str, Words]:
    return {s.code: (s.name_vi, s.name_en) for s in list_services()}


def service_name(code: str, language: str) -> str:
    names = _service_names().get(code)
    return names[language_index(language)] if names else code


def delivery_state(sub: Submission) -> str:
    """pending, retrying (an attempt failed, another is due), delivered, failed, training,
    purged."""
    if sub.status == "pending" and sub.attempts:
        return "retrying"
    return sub.status if sub.status in _STATES else "pending"


def staff_words(actor: str | None, language: str) -> str:
    if not actor or actor == "citizen":
        return "Công dân tự nộp" if language == "vi" else "The citizen"
    role, _, who = actor.partition(":")
    if role == "technician":
        return f"{who} (kỹ thuật)" if language == "vi" else f"{who} (technician)"
    return who or actor


def today_rows(subs: list[Submission], language: str) -> list[TodayRow]:
    i = language_index(language)
    return [TodayRow(s.created_at.astimezone().strftime("%H:%M"), s.reference,
                     service_name(s.service_code, language), staff_words(s.created_by, language),
                     _STATES[delivery_state(s)][i]) for s in subs]
