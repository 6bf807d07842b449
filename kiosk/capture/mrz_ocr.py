"""Read the MRZ from a camera frame, offline, and give the BAC key.

Pipeline (CPU time per 1280x720 frame, one ONNX Runtime thread, ~0.3 s in all):
  1. text detection (rapidocr's PP-OCR det model on the frame scaled to 640 px, ~0.1 s) finds
     text lines anywhere in the frame, at small rotations and in perspective. We let the
     trained detector find the MRZ band instead of an OpenCV morphology search (not built,
     so not compared); its boxes also tell how big the card is ("move closer");
  2. only the widest lines elongated like an MRZ line (length/height >= 10) are cropped from
     the full-resolution frame, straightened, and recognised in one batch (~0.2 s), with the
     angle classifier off; if they give no MRZ, the same crops turned 180 degrees are tried
     once (a card held upside down);
  3. `mrz_repair.assemble` fixes only field-type-impossible characters and filler-run lengths
     and accepts the MRZ only when every check digit passes.

rapidocr downloads a model whenever its config names none, so the three ONNX files it ships
are named explicitly; a missing file is a broken installation (OcrUnavailable), never a
download.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import cv2
import numpy as np

from icao.keys import AccessKey
from icao.mrz import Mrz
from kiosk.capture.errors import MrzNotFound, OcrUnavailable
from kiosk.capture.mrz_repair import assemble

#: The shipped models (rapidocr 3.x package data), by role.
MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}

_MIN_ASPECT = 10.0  # an MRZ line of 30 OCR-B characters is about 17x as long as it is high
#: An MRZ line narrower than this share of the frame is too small to read at the live
#: detection size (measured: a card filling 20% of a 720p frame fails, 25% reads).
_MIN_LINE_SHARE = 0.22
#: Longest side of the image the detector sees: 640 px finds MRZ lines of a card that fills
#: half a 720p frame in ~0.12 s (0.3-0.7 s at 736-960 px); `thorough` adds a 1280 px pass
#: for stills where the card is small (a phone photo of a card on a desk).
DET_SIDES = (640,)
DET_SIDES_THOROUGH = (640, 1280)


@dataclass(frozen=True)
class MrzCapture:
    """The BAC key fields read from the MRZ, every check digit passed. Personal data: the
    repr masks it. `mrz.names` is always empty: the name comes from the chip."""

    document_number: str
    birth_date: str  # YYMMDD
    expiry_date: str  # YYMMDD
    id_number: str | None  # Vietnam: the 12-digit ID number from the optional data
    format: str
    checks: MappingProxyType[str, bool] = field(hash=False)
    mrz: Mrz = field(repr=False)

    @property
    def can(self) -> str | None:
        return self.id_number[-6:] if self.id_number else None

    def access_key(self) -> AccessKey:
        """The BAC / PACE-MRZ key (icao.keys.AccessKey)."""
        return AccessKey.from_mrz_fields(self.document_number, self.birth_date, self.expiry_date)

    def __repr__(self) -> str:
        return f"MrzCapture(format={self.format!r}, checks=all passed, personal data masked)"

    __str__ = __repr__


@dataclass(frozen=True)
class MrzAttempt:
    """What one frame gave: the capture, or why not (for the live progress hints)."""

    capture: MrzCapture | None
    lines_found: int  # MRZ-shaped text lines detected
    line_share: float  # width of the widest such line / frame width (0 when none)
    seconds: float


def _model_dir() -> Path:
    try:
        # rapidocr (onnxruntime) loads with the first reader, not at start-up
        import rapidocr
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise OcrUnavailable("the rapidocr package is not installed") from exc
    return Path(rapidocr.__file__).parent / "models"


class MrzReader:
    """One loaded OCR engine; thread-safe (one frame at a time). Load once, reuse: the first
    frame pays the model load (~1-2 s)."""

    def __init__(self, *, threads: int = 1) -> None:
        """threads: ONNX Runtime intra-op threads. One by default: measured on 2 cores, one
        thread costs ~0.33 s CPU per frame against ~0.5-0.6 s for two, at about the same wall
        time, and leaves a core to the face pipeline and the UI."""
        models = _model_dir()
        params: dict[str, object] = {
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Global.use_cls": False,
            "Global.log_level": "error",
            "Global.model_root_dir": str(models),
            # We size the detector's input ourselves (see DET_SIDES); rapidocr only rounds it.
            "Det.limit_type": "max",
            "Det.limit_side_len": 4000,
        }
        for role, name in MODEL_FILES.items():
            path = models / name
            if not path.is_file():
                raise OcrUnavailable(f"the OCR model file {name} is missing")
            params[f"{role}.model_path"] = str(path)
        # rapidocr (onnxruntime) loads with the first reader, not at start-up
        from rapidocr import RapidOCR

        self._engine = RapidOCR(params=params)
        self._lock = threading.Lock()

    def _detect(self, image: np.ndarray, side: int) -> list[np.ndarray]:
        scale = min(1.0, side / max(image.shape[:2]))
        small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale,
                                                      interpolation=cv2.INTER_AREA)
        out = self._engine(small, use_det=True, use_cls=False, use_rec=False)
        boxes = getattr(out, "boxes", None)
        if boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32) / scale for b in boxes]

    def _recognise(self, crops: list[np.ndarray]) -> list[str]:
        if not crops:
            return []
        load = getattr(self._engine, "_load_rec_model", None)
        if load is not None:
            # One batched call for all lines: rapidocr's public API takes one image at a time,
            # which costs a session run per line (pinned: rapidocr>=3,<4).
            from rapidocr.ch_ppocr_rec import TextRecInput

            out = load()(TextRecInput(img=crops))
            return [str(t) for t in (out.txts or ())]
        texts = []
        for crop in crops:
            out = self._engine(crop, use_det=False, use_cls=False, use_rec=True)
            texts.append("".join(getattr(out, "txts", None) or ()))
        return texts

    def attempt(self, image: np.ndarray, *, thorough: bool = False) -> MrzAttempt:
        """Try one frame; never raises for a frame without an MRZ. `thorough` adds a
        high-resolution detection pass when the first finds nothing (for stills)."""
        start = time.perf_counter()
        mrz = None
        lines: list[np.ndarray] = []
        widest = 0.0
        with self._lock:
            for side in DET_SIDES_THOROUGH if thorough else DET_SIDES:
                lines = [b for b in self._detect(image, side) if _aspect(b) >= _MIN_ASPECT]
                # MRZ lines are the card's widest text (30-44 OCR-B characters, 2.54 mm
                # pitch): recognise only lines close to the widest, not the text above them.
                widest = max((_width(b) for b in lines), default=0.0)
                lines = [b for b in lines if _width(b) >= 0.6 * widest]
                lines.sort(key=lambda b: float(b[:, 1].mean()))
                crops = [_crop(image, b) for b in lines]
                mrz = assemble(self._recognise(crops))
                if mrz is None and len(crops) >= 2:
                    # A card held upside down: the same lines turned 180 degrees, bottom line
                    # first. Cheaper than the angle classifier, which runs on every line.
                    turned = [cv2.rotate(c, cv2.ROTATE_180) for c in reversed(crops)]
                    mrz = assemble(self._recognise(turned))
                if mrz is not None or max(image.shape[:2]) <= side:
                    break
        capture = None
        if mrz is not None:
            capture = MrzCapture(document_number=mrz.document_number,
                                 birth_date=mrz.birth_date, expiry_date=mrz.expiry_date,
                                 id_number=mrz.id_number, format=mrz.format, checks=mrz.checks,
                                 mrz=mrz)
        return MrzAttempt(capture=capture, lines_found=len(lines),
                          line_share=widest / image.shape[1],
                          seconds=time.perf_counter() - start)

    def read(self, image: np.ndarray, *, thorough: bool = True) -> MrzCapture:
        """The MRZ capture of one still image, or MrzNotFound."""
        result = self.attempt(image, thorough=thorough)
        if result.capture is None:
            raise MrzNotFound("no MRZ with valid check digits was read from the image")
        return result.capture


_shared: MrzReader | None = None
_shared_lock = threading.Lock()


def shared_reader() -> MrzReader:
    """The process-wide reader (the model loads once per process)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MrzReader()
        return _shared


def read_mrz(image: np.ndarray, *, thorough: bool = True) -> MrzCapture:
    """Read the MRZ of a BGR image with the shared reader (see MrzReader.read)."""
    return shared_reader().read(image, thorough=thorough)


# --- geometry -----------------------------------------------------------------------------

def _width(box: np.ndarray) -> float:
    return float((np.linalg.norm(box[1] - box[0]) + np.linalg.norm(box[2] - box[3])) / 2)


def _height(box: np.ndarray) -> float:
    return float((np.linalg.norm(box[3] - box[0]) + np.linalg.norm(box[2] - box[1])) / 2)


def _aspect(box: np.ndarray) -> float:
    h = _height(box)
    return _width(box) / h if h > 0 else 0.0


def _crop(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """The line's quadrilateral warped to an upright rectangle (undoes tilt and perspective)."""
    w, h = max(int(round(_width(box))), 1), max(int(round(_height(box))), 1)
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(box.astype(np.float32), dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def hint_for(attempt: MrzAttempt) -> str:
    """The progress hint code (kiosk.capture.worker.HINTS) after a frame without a result."""
    if attempt.lines_found == 0:
        return "show_back"
    if attempt.line_share < _MIN_LINE_SHARE:
        return "move_closer"
    return "hold_still"
