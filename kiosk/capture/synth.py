"""Generated test images: fictional citizens, CCCD QR codes, OCR-B card backs, camera damage.

Shared by the tests and `kiosk bench capture`, so both measure the same thing. Everything is
drawn from a seeded numpy Generator: the same seed gives the same images byte for byte. The
citizens are fictional (random ID numbers, names built from common Vietnamese name parts).

Levels model a webcam at the counter:
  clean: card square to the camera, sharp, no noise;
  mild:  slight tilt and perspective, light blur, sensor noise, JPEG quality 70;
  hard:  strong perspective and rotation, blur, heavy noise, uneven light, JPEG quality 40.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from icao.mrz import format_td1

Level = Literal["clean", "mild", "hard"]
LEVELS: tuple[Level, ...] = ("clean", "mild", "hard")

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hương",
          "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo",
          "Trang", "Tuấn", "Việt", "Yến", "Đạt", "Ánh", "Ưng")
_PLACES = ("Thôn Đông, Xã Hòa Bình, Huyện Kiến Xương, Thái Bình",
           "Số 12 Ngõ 34 Phố Huế, Phường Ngô Thì Nhậm, Quận Hai Bà Trưng, Hà Nội",
           "Tổ 5, Khu phố 3, Phường Bình Thọ, Thành phố Thủ Đức, TP. Hồ Chí Minh",
           "Ấp Mỹ Hòa, Xã Mỹ Đức Tây, Huyện Cái Bè, Tiền Giang",
           "Bản Nà Ngần, Xã Quảng Lâm, Huyện Bảo Lâm, Cao Bằng")


@dataclass(frozen=True)
class Citizen:
    """A fictional card holder. The ID number follows the real structure (province, sex and
    century digit, year of birth, serial) so consistency checks see realistic values."""

    id_number: str
    old_id_number: str | None
    surname: str
    given_names: str
    sex: str  # "Nam" / "Nữ"
    birth: date
    issue: date
    expiry: date
    address: str

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.given_names}"

    @property
    def mrz(self) -> str:
        return format_td1(id_number=self.id_number, birth_date=self.birth.strftime("%y%m%d"),
                          expiry_date=self.expiry.strftime("%y%m%d"),
                          sex="F" if self.sex == "Nữ" else "M", surname=self.surname,
                          given_names=self.given_names)

    @property
    def document_number(self) -> str:
        return self.id_number[-9:]


def citizen(rng: np.random.Generator) -> Citizen:
    birth = date(1950, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 56)))
    female = bool(rng.integers(0, 2))
    century_digit = (0 if birth.year < 2000 else 2) + (1 if female else 0)
    province = int(rng.choice([1, 22, 26, 31, 34, 38, 48, 52, 79, 92]))
    serial = int(rng.integers(0, 1_000_000))
    id_number = f"{province:03d}{century_digit}{birth.year % 100:02d}{serial:06d}"
    issue = date(2021, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 4)))
    # Cards expire at ages 25, 40 and 60 (Luat Can cuoc 2023 art. 21); the emulated profile
    # only needs a plausible future date.
    age_at_issue = (issue - birth).days // 365
    expiry_age = next(a for a in (25, 40, 60, 100) if a > age_at_issue + 2)
    expiry = date(birth.year + expiry_age, birth.month, min(birth.day, 28))
    old_id = None if rng.integers(0, 3) == 0 else f"{int(rng.integers(0, 10**9)):09d}"
    middle = str(rng.choice(_MIDDLE))
    return Citizen(
        id_number=id_number, old_id_number=old_id, surname=str(rng.choice(_SURNAMES)),
        given_names=f"{middle} {rng.choice(_GIVEN)}", sex="Nữ" if female else "Nam",
        birth=birth, issue=issue, expiry=expiry, address=str(rng.choice(_PLACES)),
    )


def qr_payload(c: Citizen, variant: str = "cccd-7") -> str:
    """The card's QR text in one of the forms of VN_SERVICES.md 2.2."""
    old = c.old_id_number or ""
    core = [c.full_name, c.birth.strftime("%d%m%Y"), c.sex, c.address, c.issue.strftime("%d%m%Y")]
    if variant == "cccd-7":
        return "|".join([c.id_number, old, *core])
    if variant == "no-old-id":
        return "|".join([c.id_number, *core])
    if variant == "extended-2024":
        return "|".join([c.id_number, old, *core, "", "", "", ""])
    raise ValueError(f"unknown QR variant {variant}")


# --- drawing ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def ocr_b_font_path() -> Path:
    """The OCR-B font of Debian fonts-ocr-b (9303-3 4.1.1 prints the MRZ in OCR-B)."""
    default = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
    if default.exists():
        return default
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "OCR B"], capture_output=True,
                               text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found and "ocr" in found.lower():
        return Path(found)
    raise FileNotFoundError("OCR-B font not found: install the Debian package fonts-ocr-b")


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(ocr_b_font_path()), size)


#: Card size in pixels at the rendering resolution (ID-1: 85.60 x 53.98 mm, 12 px/mm).
CARD_W, CARD_H = 1027, 648
_PX_PER_MM = CARD_W / 85.6


def _card_base(rng: np.random.Generator) -> Image.Image:
    tint = tuple(int(v) for v in rng.integers(215, 245, size=3))
    card = Image.new("RGB", (CARD_W, CARD_H), tint)
    draw = ImageDraw.Draw(card)
    # Background guilloche-like waves, printed lighter than the text.
    xs = np.arange(0, CARD_W, 4)
    for k in range(12):
        phase = rng.uniform(0, 6.28)
        ys = CARD_H * (k + 0.5) / 12 + 10 * np.sin(xs / 37.0 + phase)
        draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=tuple(c - 25 for c in tint),
                  width=1)
    return card


def render_card_back(mrz_text: str, rng: np.random.Generator) -> np.ndarray:
    """A TD1 card back (BGR): fingerprint boxes and text blocks above an OCR-B MRZ.

    9303-3 4.1: OCR-B size 1, 2.54 mm pitch; 9303-5: the MRZ zone is the bottom 17.9 mm.
    """
    card = _card_base(rng)
    draw = ImageDraw.Draw(card)
    # Two fingerprint boxes and the chip-side text blocks of the 2021 card back.
    for x0 in (40, 250):
        draw.rectangle((x0, 60, x0 + 180, 290), outline=(90, 90, 90), width=2)
        for r in range(10, 80, 9):
            draw.ellipse((x0 + 90 - r, 175 - r * 1.3, x0 + 90 + r, 175 + r * 1.3),
                         outline=(120, 120, 120))
    small = _font(22)
    for i in range(5):
        words = "".join(str(rng.choice(list("ABCDEGHKLMNPRSTUVXY0123456789 "))) for _ in range(24))
        draw.text((480, 70 + i * 40), words, font=small, fill=(60, 60, 60))
    pitch = 2.54 * _PX_PER_MM
    size = int(round(pitch * 1.47))
    font = _font(size)
    lines = mrz_text.splitlines()
    x0 = int(round(6.0 * _PX_PER_MM))
    y0 = CARD_H - int(round(17.0 * _PX_PER_MM))
    line_h = 4.9 * _PX_PER_MM
    for i, line in enumerate(lines):
        for j, ch in enumerate(line):
            draw.text((x0 + j * pitch, y0 + i * line_h), ch, font=font, fill=(25, 25, 25))
    return cv2.cvtColor(np.asarray(card), cv2.COLOR_RGB2BGR)


def render_qr(payload: str, *, module_px: int = 6) -> np.ndarray:
    """A QR code (grayscale, white quiet zone) holding the UTF-8 payload, drawn by `qrcode`."""
    # qrcode is a dev extra (pyproject.toml): only the bench and tests draw codes
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=module_px, border=4)
    qr.add_data(payload.encode("utf-8"))
    qr.make(fit=True)
    img = qr.make_image(fill_color="black", back_color="white").convert("L")
    return np.asarray(img).copy()


def render_qr_card(payload: str, rng: np.random.Generator) -> np.ndarray:
    """A card face (BGR) with the QR top right, as on the 2021 CCCD front."""
    card = np.asarray(_card_base(rng)).copy()
    qr = render_qr(payload)
    side = int(CARD_H * 0.55)
    qr = cv2.resize(qr, (side, side), interpolation=cv2.INTER_NEAREST)
    x, y = CARD_W - side - 30, 30
    card[y:y + side, x:x + side] = qr[:, :, None]
    return cv2.cvtColor(card, cv2.COLOR_RGB2BGR)


# --- the camera ---------------------------------------------------------------------------

_LEVEL = {
    #        card width / frame width, perspective jitter, rotation deg, blur sigma, noise, jpeg
    "clean": (0.78, 0.00, 0.0, 0.0, 0.0, 95),
    "mild": (0.68, 0.025, 3.0, 0.8, 4.0, 70),
    "hard": (0.60, 0.05, 7.0, 1.4, 9.0, 40),
}


def camera_view(card: np.ndarray, level: Level, rng: np.random.Generator, *,
                frame: tuple[int, int] = (1280, 720), fill: float | None = None) -> np.ndarray:
    """Place `card` in a webcam frame with the level's perspective, blur, noise and JPEG."""
    scale, persp, rot, blur, noise, quality = _LEVEL[level]
    if fill is not None:
        scale = fill
    fw, fh = frame
    h, w = card.shape[:2]
    tw = fw * scale * rng.uniform(0.93, 1.0)
    th = tw * h / w
    if th > fh * 0.92:
        th = fh * 0.92
        tw = th * w / h
    cx = fw / 2 + rng.uniform(-0.5, 0.5) * (fw - tw) * 0.5
    cy = fh / 2 + rng.uniform(-0.5, 0.5) * (fh - th) * 0.4
    corners = np.array([[-tw / 2, -th / 2], [tw / 2, -th / 2], [tw / 2, th / 2],
                        [-tw / 2, th / 2]])
    corners += rng.uniform(-persp, persp, size=(4, 2)) * [tw, th]
    a = np.deg2rad(rng.uniform(-rot, rot))
    rmat = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    dst = (corners @ rmat.T + [cx, cy]).astype(np.float32)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    bg = _background(rng, fw, fh)
    warped = cv2.warpPerspective(card, m, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, (fw, fh))
    out = np.where(mask[:, :, None] > 127, warped, bg).astype(np.float32)
    if level == "hard":
        # Uneven light: a brightness ramp across the frame, as from a window beside the counter.
        ramp = np.linspace(rng.uniform(0.65, 0.8), rng.uniform(1.0, 1.1), fw, dtype=np.float32)
        out *= ramp[None, :, None]
    if blur:
        out = np.asarray(cv2.GaussianBlur(out, (0, 0), blur), dtype=np.float32)
    if noise:
        out += rng.normal(0, noise, out.shape).astype(np.float32)
    final = np.clip(out, 0, 255).astype(np.uint8)
    ok, enc = cv2.imencode(".jpg", final, [cv2.IMWRITE_JPEG_QUALITY, quality])
    decoded = cv2.imdecode(enc, cv2.IMREAD_COLOR) if ok else None
    if decoded is None:
        raise RuntimeError("OpenCV could not round-trip a JPEG")  # a broken OpenCV build
    return decoded


def _background(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    base = rng.integers(60, 160, size=3).astype(np.float32)
    small = rng.normal(0, 18, size=(h // 40 + 1, w // 40 + 1, 3)).astype(np.float32)
    texture = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(base + texture, 0, 255)


# --- sample sets --------------------------------------------------------------------------

@dataclass(frozen=True)
class Sample:
    image: np.ndarray  # BGR camera frame
    citizen: Citizen
    payload: str  # QR text, or MRZ text for MRZ samples
    level: str
    variant: str = ""


def qr_sample(level: Level, seed: int, variant: str | None = None) -> Sample:
    rng = np.random.default_rng(seed)
    c = citizen(rng)
    variant = variant or ("cccd-7", "no-old-id", "extended-2024")[seed % 3]
    payload = qr_payload(c, variant)
    # The citizen holds the QR up to the camera: the card fills most of the frame.
    frame = camera_view(render_qr_card(payload, rng), level, rng, frame=(800, 600), fill=0.72)
    return Sample(frame, c, payload, level, variant)


def mrz_sample(level: Level, seed: int) -> Sample:
    rng = np.random.default_rng(10_000 + seed)
    c = citizen(rng)
    frame = camera_view(render_card_back(c.mrz, rng), level, rng)
    return Sample(frame, c, c.mrz, level, "td1-vnm")


def encode_png(image: np.ndarray) -> bytes:
    """PNG bytes of a BGR image (for the CLI tests and for saving a set to look at)."""
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG")
    return buf.getvalue()
