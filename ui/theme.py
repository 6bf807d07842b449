"""Look and feel: large type, high contrast, touch-sized targets.

One stylesheet for the whole app, so every screen meets the same rules: body text 28 px,
buttons at least 96 px tall (a fingertip, with gloves), contrast above WCAG AA on every pair.
"""

from __future__ import annotations

BLUE = "#0b3d91"       # primary (Vietnamese public-service blue), white text on it: 10.6:1
RED = "#b00020"        # errors; white text on it: 6.9:1
GREEN = "#136f2f"      # success; white text on it: 6.3:1
INK = "#111111"
PAPER = "#ffffff"
MUTED = "#3b3b3b"      # secondary text on white: 11:1

BASE_PX = 28

STYLESHEET = f"""
* {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: {INK}; }}
QWidget#Screen {{ background: {PAPER}; }}
QLabel {{ font-size: {BASE_PX}px; }}
QLabel[role="title"] {{ font-size: {int(BASE_PX * 1.7)}px; font-weight: 700; color: {BLUE}; }}
QLabel[role="subtitle"] {{ font-size: {int(BASE_PX * 1.15)}px; color: {MUTED}; }}
QLabel[role="error"] {{ color: {RED}; font-weight: 700; }}
QLabel[role="ok"] {{ color: {GREEN}; font-weight: 700; }}
QPushButton {{
  font-size: {BASE_PX}px; min-height: 96px; padding: 8px 28px; border-radius: 14px;
  background: {BLUE}; color: white; border: 3px solid {BLUE};
}}
QPushButton:pressed {{ background: #072a63; }}
QPushButton:disabled {{ background: #9aa7bd; border-color: #9aa7bd; }}
QPushButton[role="secondary"] {{ background: white; color: {BLUE}; }}
QPushButton[role="danger"] {{ background: {RED}; border-color: {RED}; }}
QPushButton[role="danger"]:disabled, QPushButton[role="secondary"]:disabled {{
  background: #e4e7ee; color: #6b7280; border-color: #c3c8d2;
}}
QPushButton[role="key"] {{ min-height: 88px; min-width: 88px; font-size: {int(BASE_PX * 1.3)}px; padding: 0; }}
QPushButton[role="kbkey"] {{ min-height: 68px; min-width: 72px; font-size: {int(BASE_PX * 1.1)}px; padding: 0; border-radius: 10px; }}
QLineEdit, QPlainTextEdit {{
  font-size: {BASE_PX}px; min-height: 64px; padding: 4px 12px;
  border: 2px solid {MUTED}; border-radius: 8px; background: white;
}}
QLineEdit[locked="true"] {{ background: #eef1f6; border-style: dashed; }}
QLineEdit[invalid="true"] {{ border: 3px solid {RED}; }}
QProgressBar {{ min-height: 44px; font-size: {BASE_PX}px; border: 2px solid {BLUE}; border-radius: 10px; text-align: center; }}
QProgressBar::chunk {{ background: {BLUE}; border-radius: 8px; }}
QListWidget {{ font-size: {BASE_PX}px; }}
QListWidget::item {{ min-height: 88px; border-bottom: 1px solid #cccccc; padding: 8px; }}
QListWidget::item:selected {{ background: {BLUE}; color: white; }}
QScrollBar:vertical {{ width: 36px; }}
QTableWidget {{ font-size: {int(BASE_PX * 0.8)}px; }}
"""
