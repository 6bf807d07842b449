"""Benchmark and test material made from real photographs (e.g. tests/data/faces).

Used by `kiosk bench face` and tests/face; never in the verification path itself.

- webcam_frame: a 640x480 frame with the face at a counter-like size (a third of the width);
- chip_portrait: an ICAO-like 240x320 head-and-shoulders crop, as DG2 stores it;
- turn_face: a depth-based warp that moves the nose against the eyes as a real yaw does
  (a cylinder for the head plus a bump for the nose, rotated about the vertical axis);
- write_avi: frames to an MJPG .avi, a codec OpenCV writes headless.
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]


def _crop(bgr: np.ndarray, x0: float, y0: float, w: float, h: float) -> np.ndarray:
    H, W = bgr.shape[:2]
    pad = cv2.copyMakeBorder(bgr, H, H, W, W, cv2.BORDER_REPLICATE)
    x, y = int(round(x0)) + W, int(round(y0)) + H
    return pad[y:y + int(round(h)), x:x + int(round(w))]


def webcam_frame(bgr: np.ndarray, box: Box, size: tuple[int, int] = (640, 480)) -> np.ndarray:
    """Crop around the face so its box is ~37% of the frame width, resized to `size`."""
    left, top, right, bottom = box
    fw = right - left
    cw = fw * 2.7
    ch = cw * size[1] / size[0]
    cx, cy = (left + right) / 2, (top + bottom) / 2
    crop = _crop(bgr, cx - cw / 2, cy - ch / 2, cw, ch)
    return cv2.resize(crop, size, interpolation=cv2.INTER_AREA)


def chip_portrait(bgr: np.ndarray, box: Box) -> np.ndarray:
    """A 240x320 head-and-shoulders crop, face box about half the width (ICAO 9303-9 style)."""
    left, top, right, bottom = box
    fw = right - left
    cw = fw * 2.0
    ch = cw * 4 / 3
    cx, cy = (left + right) / 2, (top + bottom) / 2
    crop = _crop(bgr, cx - cw / 2, cy - ch * 0.45, cw, ch)
    return cv2.resize(crop, (240, 320), interpolation=cv2.INTER_AREA)


def jpeg_bytes(bgr: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


def jp2_bytes(bgr: np.ndarray, target_bytes: int) -> bytes:
    """JPEG 2000 (Pillow/OpenJPEG) at a compression rate aimed at `target_bytes`."""
    h, w = bgr.shape[:2]
    rate = (w * h * 3) / target_bytes
    out = io.BytesIO()
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(
        out, "JPEG2000", quality_mode="rates", quality_layers=[rate])
    return out.getvalue()


def turn_face(frame: np.ndarray, box: Box, landmarks, theta_deg: float) -> np.ndarray:
    """Warp a frontal face as if the head turned by theta (positive: nose to image right).

    Points are given a depth (a cylinder of the face's width plus a nose bump) and rotated
    about the vertical axis through the face; the background stays put. Crude, but the nose
    moves against the eyes as in a real turn, which is what the 5-point yaw reads.
    """
    th = np.radians(theta_deg)
    h, w = frame.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    pts = np.asarray(landmarks, dtype=np.float32)
    nose = pts[4]
    iod = float(np.linalg.norm((pts[0] + pts[1]) / 2 - (pts[2] + pts[3]) / 2))
    fx = (box[0] + box[2]) / 2
    fw = box[2] - box[0]
    radius = fw * 0.6
    dx = xs - fx
    zc = radius * np.sqrt(np.clip(1 - (dx / radius) ** 2, 0, None)) - radius
    ny = nose[1] - 0.2 * iod
    bump = 0.6 * iod * np.exp(-(((xs - nose[0]) / (0.3 * iod)) ** 2
                                + ((ys - ny) / (0.55 * iod)) ** 2))
    y0, y1 = box[1] - 0.5 * fw, box[3] + 0.2 * fw
    vw = np.clip(np.minimum((ys - y0) / (0.25 * fw), (y1 - ys) / (0.25 * fw)), 0, 1)
    hw = np.clip((radius * 1.3 - np.abs(dx)) / (0.3 * radius), 0, 1)
    wgt = vw * hw
    src = fx + (dx - (zc + bump) * np.sin(th)) / np.cos(th)
    mapx = (wgt * src + (1 - wgt) * xs).astype(np.float32)
    return cv2.remap(frame, mapx, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def write_avi(path: Path, frames: list[np.ndarray], fps: float = 10.0) -> Path:
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (w, h))
    if not writer.isOpened():
        raise OSError("OpenCV cannot write an MJPG .avi here")
    for f in frames:
        writer.write(f)
    writer.release()
    return path
