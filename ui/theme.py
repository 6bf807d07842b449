"""Look and feel: large type, high contrast, touch-sized targets, in two themes and two sizes.

One stylesheet for the whole app, built from a `Palette` and a text scale, so every screen
meets the same rules: body text 28 px (36 px in large-text mode), buttons at least 96 px tall,
every text/background pair at least 4.5:1 and every control boundary at least 3:1 (WCAG 2.2
1.4.3 and 1.4.11; tests/ui/test_accessibility.py computes the ratios from this stylesheet).
The citizen switches large text and high contrast on any screen (ui/widgets/appearance.py);
the choice lasts for the session and is reset when it is wiped.

Colours live here only: widgets take a `role` property or an object name, never a colour.
Qt-free, so the figures below can be checked without a display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    name: str
    paper: str            # the screens' background
    ink: str              # body text
    muted: str            # secondary text (subtitles, captions)
    title: str            # titles
    primary: str          # primary buttons' background, selected items
    on_primary: str       # text on primary
    pressed: str          # a primary button while pressed
    secondary_bg: str     # secondary buttons: outline buttons
    secondary_fg: str
    error: str            # error text on paper
    ok: str               # success text on paper
    danger: str           # danger buttons' background (text: on_primary)
    field_bg: str         # text fields
    field_border: str
    locked_bg: str        # fields filled from the chip (read-only)
    disabled_bg: str
    disabled_fg: str
    disabled_border: str
    separator: str        # list item separators (decoration, not a control boundary)


#: The everyday theme: public-service blue on white. Ratios against white (WCAG 2.2): ink
#: 18.9:1, blue 10.0:1 (white on blue the same), red 7.3:1, green 6.3:1, muted 11.2:1; disabled
#: text 6.1:1 on its grey, the disabled outline 4.8:1 on white.
NORMAL = Palette(
    name="normal", paper="#ffffff", ink="#111111", muted="#3b3b3b", title="#0b3d91",
    primary="#0b3d91", on_primary="#ffffff", pressed="#072a63", secondary_bg="#ffffff",
    secondary_fg="#0b3d91", error="#b00020", ok="#136f2f", danger="#b00020",
    field_bg="#ffffff", field_border="#3b3b3b", locked_bg="#eef1f6", disabled_bg="#e4e7ee",
    disabled_fg="#4b5563", disabled_border="#6b7280", separator="#cccccc")

#: High contrast: white and yellow on black (every text pair above 10:1, beyond WCAG AAA's
#: 7:1), controls outlined in yellow or white.
HIGH_CONTRAST = Palette(
    name="high-contrast", paper="#000000", ink="#ffffff", muted="#e6e6e6", title="#ffe14d",
    primary="#ffe14d", on_primary="#000000", pressed="#ffffff", secondary_bg="#000000",
    secondary_fg="#ffe14d", error="#ff9e9e", ok="#8ef5a8", danger="#ff9e9e",
    field_bg="#000000", field_border="#ffffff", locked_bg="#262626", disabled_bg="#000000",
    disabled_fg="#bdbdbd", disabled_border="#9e9e9e", separator="#8a8a8a")

BASE_PX = 28
LARGE_SCALE = 1.3  # large-text mode: 28 px body text becomes 36 px
KEY_SCALE_MAX = 1.15  # the on-screen keyboard's letters grow less (10 keys a row, portrait)

#: Touch targets: at least 9 mm a side (the kiosk standard we hold to; WCAG 2.2 2.5.8 asks
#: for 24 CSS px, 2.5.5 for 44). Pixels per mm depend on the screen: the kiosk's 21.5"
#: 1080x1920 totem has 2203 px on its 21.5" diagonal, 102 DPI, so 9 mm is 37 px; a 15.6"
#: 1920x1080 counter screen has 141 DPI, 50 px. The targets are checked at both.
MIN_TARGET_MM = 9.0
KIOSK_DPI = 102.0     # 21.5" 1080x1920 portrait totem (the kiosk this is built for)
DENSE_DPI = 141.0     # 15.6" 1920x1080: the densest screen the kiosk is expected on


def target_px(dpi: float, mm: float = MIN_TARGET_MM) -> int:
    """`mm` millimetres in pixels at `dpi`, rounded up."""
    return math.ceil(mm / 25.4 * dpi)


@dataclass(frozen=True)
class Appearance:
    """What the citizen chose: large text, high contrast (both off by default)."""

    large: bool = False
    contrast: bool = False

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.contrast else NORMAL

    @property
    def scale(self) -> float:
        return LARGE_SCALE if self.large else 1.0


def stylesheet(appearance: Appearance = Appearance()) -> str:  # noqa: B008 - frozen, shared
    """The application stylesheet for `appearance`."""
    c = appearance.palette
    s = appearance.scale

    def px(value: float) -> str:
        return f"{round(value * s)}px"

    def key_px(value: float) -> str:  # 10 keys a row must fit a 1080 px portrait screen
        return f"{round(value * min(s, KEY_SCALE_MAX))}px"

    return f"""
* {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: {c.ink}; }}
QWidget#Screen {{ background: {c.paper}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {c.paper}; }}
QLabel {{ font-size: {px(BASE_PX)}; }}
QLabel[role="title"] {{ font-size: {px(BASE_PX * 1.7)}; font-weight: 700; color: {c.title}; }}
QLabel[role="subtitle"] {{ font-size: {px(BASE_PX * 1.15)}; color: {c.muted}; }}
QLabel[role="error"] {{ color: {c.error}; font-weight: 700; }}
QLabel[role="ok"] {{ color: {c.ok}; font-weight: 700; }}
QLabel[role="message"] {{ font-size: {px(36)}; }}
QLabel[role="hint"] {{ font-size: {px(40)}; font-weight: 700; }}
QLabel[role="reference"] {{ font-size: {px(72)}; font-weight: 800; letter-spacing: 6px; }}
QLabel#keypadDisplay {{ font-size: {px(48)}; letter-spacing: 6px; font-family: monospace;
  padding-bottom: 12px; }}
QPushButton {{
  font-size: {px(BASE_PX)}; min-height: 96px; padding: 8px 28px; border-radius: 14px;
  background: {c.primary}; color: {c.on_primary}; border: 3px solid {c.primary};
}}
QPushButton:pressed {{ background: {c.pressed}; border-color: {c.pressed}; }}
QPushButton:disabled {{
  background: {c.disabled_bg}; color: {c.disabled_fg}; border-color: {c.disabled_border};
}}
QPushButton[role="secondary"] {{ background: {c.secondary_bg}; color: {c.secondary_fg};
  border-color: {c.secondary_fg}; }}
QPushButton[role="danger"] {{ background: {c.danger}; border-color: {c.danger};
  color: {c.on_primary}; }}
QPushButton[role="danger"]:disabled, QPushButton[role="secondary"]:disabled {{
  background: {c.disabled_bg}; color: {c.disabled_fg}; border-color: {c.disabled_border};
}}
QPushButton[role="key"] {{ min-height: {76 if appearance.large else 88}px; min-width: 88px;
  font-size: {px(BASE_PX * 1.3)}; padding: 0; }}
QPushButton[role="kbkey"] {{ min-height: 68px; min-width: 72px; font-size: {key_px(BASE_PX * 1.1)};
  padding: 0; border-radius: 10px; }}
QPushButton[role="kbmark"] {{ min-height: 68px; min-width: 72px;
  font-size: {key_px(BASE_PX * 1.1)}; padding: 0; border-radius: 10px;
  background: {c.secondary_bg}; color: {c.secondary_fg}; border-color: {c.secondary_fg}; }}
QPushButton[role="toggle"] {{ min-height: 72px; min-width: 72px; padding: 4px 16px;
  font-size: {px(22)}; border-radius: 12px;
  background: {c.secondary_bg}; color: {c.secondary_fg}; border-color: {c.secondary_fg}; }}
QPushButton[role="toggle"]:checked {{ background: {c.primary}; color: {c.on_primary};
  border-color: {c.primary}; }}
QCheckBox {{ font-size: {px(BASE_PX)}; min-height: 72px; spacing: 16px; }}
QCheckBox::indicator {{ width: 44px; height: 44px; border: 3px solid {c.field_border};
  border-radius: 6px; background: {c.field_bg}; }}
QCheckBox::indicator:checked {{ background: {c.primary}; border-color: {c.primary}; }}
QLineEdit, QPlainTextEdit {{
  font-size: {px(BASE_PX)}; min-height: 64px; padding: 4px 12px; color: {c.ink};
  border: 2px solid {c.field_border}; border-radius: 8px; background: {c.field_bg};
}}
QLineEdit[locked="true"] {{ background: {c.locked_bg}; border-style: dashed; }}
QLineEdit[invalid="true"] {{ border: 3px solid {c.error}; }}
QProgressBar {{ min-height: 44px; font-size: {px(BASE_PX)}; color: {c.ink};
  background: {c.paper}; border: 2px solid {c.primary}; border-radius: 10px;
  text-align: center; }}
QProgressBar::chunk {{ background: {c.primary}; border-radius: 8px; }}
QListWidget {{ font-size: {px(BASE_PX)}; background: {c.paper}; color: {c.ink};
  border: 2px solid {c.field_border}; }}
QListWidget::item {{ min-height: 88px; border-bottom: 1px solid {c.separator}; padding: 8px;
  color: {c.ink}; }}
QListWidget::item:selected {{ background: {c.primary}; color: {c.on_primary}; }}
QScrollBar:vertical {{ width: 36px; }}
QTableWidget {{ font-size: {px(BASE_PX * 0.8)}; background: {c.paper}; color: {c.ink};
  gridline-color: {c.separator}; }}
QHeaderView::section {{ background: {c.locked_bg}; color: {c.ink}; padding: 4px;
  border: 1px solid {c.separator}; }}
QTabBar::tab {{ background: {c.secondary_bg}; color: {c.secondary_fg};
  border: 2px solid {c.secondary_fg}; padding: 8px 16px; }}
QTabBar::tab:selected {{ background: {c.primary}; color: {c.on_primary}; }}
"""


#: The default stylesheet (normal theme, normal size), as ui/app.py and ui/bench.py set it.
STYLESHEET = stylesheet()

#: Guide colours painted over the camera (ui/widgets/camera_view.py): good, adjust, neutral.
GUIDE_GOOD = "#1fbf4a"
GUIDE_ADJUST = "#ffcc00"
GUIDE_NEUTRAL = "#ffffff"
