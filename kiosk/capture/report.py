"""What the capture commands print: JSON payloads (complete, for scripts) and human lines
(personal values masked unless asked for). Kept here so the CLI and the UI agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.capture.errors import CaptureError
from kiosk.capture.qr_payload import QrCapture


def mask(value: str | None, keep: int = 2) -> str:
    """All but the last `keep` characters hidden: enough for staff to compare with the card."""
    if not value:
        return "-"
    return "*" * max(len(value) - keep, 0) + value[-keep:]


def load_image(path: str | Path):
    """A BGR frame from an image file; ValueError with the path (not personal) if unreadable."""
    # OpenCV loads when an image is read, not for `kiosk capture --help`
    import cv2
    import numpy as np

    p = Path(path)
    data = np.fromfile(str(p), dtype=np.uint8) if p.is_file() else None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data is not None and data.size else None
    if image is None:
        raise ValueError(f"cannot read an image from {p} (use a PNG or JPEG file)")
    return image


def qr_json(c: QrCapture) -> dict[str, Any]:
    f = c.fields
    return {
        "ok": True, "source": "qr", "verified": c.verified, "note": c.note,
        "variant": f.variant, "can": c.can, "id_number": c.id_number,
        "fields": {
            "id_number": f.id_number, "old_id_number": f.old_id_number,
            "full_name": f.full_name, "birth_date": f.birth_date.isoformat(), "sex": f.sex,
            "address": f.address, "issue_date": f.issue_date.isoformat(), "extra": list(f.extra),
        },
        "warnings": list(c.warnings),
    }


def qr_lines(c: QrCapture, *, show_personal: bool) -> list[str]:
    f = c.fields
    show = (lambda v: v or "-") if show_personal else mask  # noqa: E731
    hidden = "(hidden; --show-personal)"
    lines = [
        f"QR code:      CCCD, form {f.variant} [{c.note}]",
        f"CAN:          {show(c.can)}",
        f"ID number:    {show(c.id_number)}",
        f"Old ID:       {show(f.old_id_number) if f.old_id_number else 'none'}",
        f"Name:         {f.full_name if show_personal else hidden}",
        f"Birth date:   {f.birth_date.strftime('%d/%m/%Y') if show_personal else hidden}",
        f"Sex:          {f.sex if show_personal else hidden}",
        f"Address:      {f.address if show_personal else hidden}",
        f"Issue date:   {f.issue_date.strftime('%d/%m/%Y') if show_personal else hidden}",
    ]
    if f.extra:
        lines.append(f"Extra fields: {len(f.extra)} (2024 card; kept raw)")
    lines += [f"Warning:      {w}" for w in c.warnings]
    return lines


def mrz_json(c) -> dict[str, Any]:
    return {
        "ok": True, "source": "mrz", "format": c.format,
        "document_number": c.document_number, "birth_date": c.birth_date,
        "expiry_date": c.expiry_date, "id_number": c.id_number, "can": c.can,
        "checks": dict(c.checks),
    }


def mrz_lines(c, *, show_personal: bool) -> list[str]:
    show = (lambda v: v or "-") if show_personal else mask  # noqa: E731
    checks = ", ".join(c.checks)
    return [
        f"MRZ:              {c.format}, every check digit passed ({checks})",
        f"Document number:  {show(c.document_number)}",
        f"Birth (YYMMDD):   {show(c.birth_date)}",
        f"Expiry (YYMMDD):  {show(c.expiry_date)}",
        f"ID number:        {show(c.id_number) if c.id_number else 'not a Vietnamese ID card'}",
        f"CAN:              {show(c.can) if c.can else '-'}",
        "Name:             not read from the MRZ (the chip gives it)",
    ]


def error_json(exc: CaptureError) -> dict[str, Any]:
    out: dict[str, Any] = {"ok": False, "error": type(exc).__name__, "message": exc.message,
                           "advice": exc.advice}
    if getattr(exc, "field", None):
        out["field"] = exc.field  # type: ignore[attr-defined]
    return out
