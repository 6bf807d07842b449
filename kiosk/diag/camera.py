"""`diag camera`: is the camera good enough for the face check, measured on its own frames?

Grabs frames for a short while and reports what the face module will see: resolution, the
frame rate actually delivered (wall clock, not the driver's nominal figure, which USB cameras
overstate in low light when they lengthen exposure), the exposure the driver reports,
brightness and sharpness, the face's size relative to the frame at the working distance
(the person stands where a citizen stands), and every quality gate of kiosk.face.quality on
the best frame. No image is kept unless a snapshot path is given: frames show a face.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.diag.common import Item

#: Frames grabbed for the frame-rate measurement and the gate checks.
DEFAULT_FRAMES = 30
#: Frames run through face analysis (HOG + landmarks cost ~50-100 ms each).
ANALYSED_FRAMES = 5


@dataclass(frozen=True)
class GateResult:
    gate: str
    passed: bool | None
    value: float | None
    reason: str | None
    message: str | None  # English prompt the citizen would see


@dataclass(frozen=True)
class CameraReport:
    source: str
    opened: bool
    error: str | None = None
    width: int | None = None
    height: int | None = None
    nominal_fps: float | None = None
    measured_fps: float | None = None
    frames: int = 0
    exposure: float | None = None  # driver units (CAP_PROP_EXPOSURE); None when unknown
    brightness: float | None = None  # mean grey 0-255 of the whole frame
    sharpness: float | None = None  # quality.sharpness of the face (or frame)
    face_found_in: int = 0  # of the analysed frames
    face_width_px: int | None = None
    face_fraction: float | None = None  # face width / frame width
    gates: tuple[GateResult, ...] = ()
    passed: bool = False
    snapshot: str | None = None
    items: tuple[Item, ...] = ()


def check_camera(source: Any, *, frames: int = DEFAULT_FRAMES, analyzer: Any = None,
                 snapshot: str | Path | None = None,
                 clock: Callable[[], float] = time.monotonic) -> CameraReport:
    """Measure `source` (a kiosk.face FrameSource, already open; not closed here)."""
    import cv2

    from kiosk.face.analysis import FaceAnalyzer
    from kiosk.face.errors import FaceError

    description = getattr(source, "description", "") or "camera"
    grabbed = []
    t0 = clock()
    try:
        for _ in range(max(1, frames)):
            frame = source.read()
            if frame is None:
                break
            grabbed.append(frame)
    except FaceError as exc:
        return CameraReport(description, False, error=str(exc),
                            items=(Item("camera", "fail", str(exc)),))
    elapsed = clock() - t0
    if not grabbed:
        return CameraReport(description, False, error="no frame delivered",
                            items=(Item("camera", "fail", "the source delivered no frame"),))
    w, h = grabbed[0].size
    measured = (len(grabbed) - 1) / elapsed if len(grabbed) > 1 and elapsed > 0 else None
    exposure = None
    cap = getattr(source, "_cap", None)
    if cap is not None and hasattr(source, "index"):  # a device; files have no exposure
        value = cap.get(cv2.CAP_PROP_EXPOSURE)
        exposure = float(value) if value not in (None, -1.0, 0.0) else None
    grey = cv2.cvtColor(grabbed[-1].image, cv2.COLOR_BGR2GRAY)
    brightness = round(float(grey.mean()), 1)

    analyzer = analyzer or FaceAnalyzer()
    step = max(1, len(grabbed) // ANALYSED_FRAMES)
    analysed = [(f, analyzer.analyze(f, embed="never")) for f in grabbed[::step][:ANALYSED_FRAMES]]
    with_face = [(f, a) for f, a in analysed if a.face is not None]
    best_frame, best = max(with_face or analysed, key=lambda fa: (
        sum(c.passed is True for c in fa[1].quality.checks), fa[1].quality.value("sharpness")
        or 0.0))
    gates = tuple(GateResult(c.gate, c.passed, c.value, c.reason, c.message("en"))
                  for c in best.quality.checks)
    face_w = best.face.width if best.face is not None else None
    report_snapshot = None
    if snapshot is not None:
        report_snapshot = str(save_snapshot(best_frame.image, best, snapshot))
    items = _items(w, h, measured, getattr(source, "fps", None), best, len(with_face),
                   len(analysed))
    return CameraReport(
        description, True, None, w, h, getattr(source, "fps", None),
        round(measured, 1) if measured else None, len(grabbed), exposure, brightness,
        best.quality.value("sharpness"), len(with_face), face_w,
        round(face_w / w, 3) if face_w else None, gates, best.quality.ok, report_snapshot,
        items)


def _items(w: int, h: int, measured: float | None, nominal: float | None, best: Any,
           faces: int, analysed: int) -> tuple[Item, ...]:
    items = [Item("resolution", "ok" if w >= 640 and h >= 480 else "warn",
                  f"{w}x{h}" + ("" if w >= 640 else "; below 640x480 faces lose detail"))]
    if measured is not None:
        items.append(Item("frame rate", "ok" if measured >= 10 else "warn",
                          f"{measured:.1f} frames/s delivered"
                          + (f" (driver says {nominal:g})" if nominal else "")
                          + ("" if measured >= 10 else "; too slow for the liveness check")))
    if faces == 0:
        items.append(Item("face", "fail", f"no face in {analysed} analysed frames: stand at "
                          "the citizen's place, facing the camera, and run it again"))
    for c in best.quality.checks:
        if c.passed is False and not (faces == 0 and c.gate == "face_found"):
            items.append(Item(c.gate, "fail", f"{c.message('en')}", f"{c.value}"))
    if best.quality.ok:
        items.append(Item("quality gates", "ok", "every gate of the face check passes"))
    return tuple(items)


def save_snapshot(image: Any, analysis: Any, path: str | Path) -> Path:
    """The frame with the face box and each gate's verdict drawn on it."""
    import cv2

    out = image.copy()
    if analysis.face is not None:
        x0, y0, x1, y1 = analysis.face.box
        colour = (0, 200, 0) if analysis.quality.ok else (0, 0, 230)
        cv2.rectangle(out, (x0, y0), (x1, y1), colour, 2)
    y = 22
    for c in analysis.quality.checks:
        mark = {True: "ok", False: "FAIL", None: "--"}[c.passed]
        text = f"{c.gate}: {mark}" + (f" {c.value:g}" if c.value is not None else "")
        cv2.putText(out, text, (8, y), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (0, 0, 0), 3)
        cv2.putText(out, text, (8, y), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (255, 255, 255), 1)
        y += 22
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(p), out):
        raise OSError(f"could not write the snapshot {p.name}; use a .png or .jpg name")
    return p


def render_text(report: CameraReport) -> str:
    if not report.opened:
        return f"Camera {report.source}: {report.error}\n"
    lines = [f"Camera: {report.source}, {report.width}x{report.height}, "
             f"{report.frames} frames, measured {report.measured_fps or '-'} fps, "
             f"brightness {report.brightness}, sharpness {report.sharpness}, exposure "
             f"{report.exposure if report.exposure is not None else 'not reported'}",
             f"Face: found in {report.face_found_in} analysed frames; width "
             f"{report.face_width_px or '-'} px ({report.face_fraction or '-'} of the frame)",
             ""]
    lines += [i.line() for i in report.items]
    lines += ["", "Gates (best frame):"]
    for g in report.gates:
        mark = {True: "pass", False: "FAIL", None: "n/a"}[g.passed]
        lines.append(f"  {g.gate:<11} {mark:<5} {g.value if g.value is not None else ''}"
                     + (f"  {g.message}" if g.message else ""))
    lines.append("")
    lines.append("PASS: the camera is ready for the face check." if report.passed else
                 "FAIL: fix the items above (light, distance, focus) and run it again.")
    if report.snapshot:
        lines.append(f"Snapshot with overlay: {report.snapshot} (it shows a face: delete it "
                     "after use)")
    return "\n".join(lines) + "\n"
