"""`kiosk bench face`: latency per frame, preview rate under load, distances on shared faces.

The preview test plays a video at its own 30 fps through a FrameGrabber and counts the
frames a preview loop receives while a matcher analyses the newest frame continuously, in a
thread (same process) and in a child process (AnalyzerProcess). The difference between the
two is the GIL held by dlib's ResNet (see kiosk.face.worker).
"""

from __future__ import annotations

import itertools
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from kiosk.face import synthetic
from kiosk.face.analysis import FaceAnalyzer, distance
from kiosk.face.calibration import ScoreStats
from kiosk.face.camera import VideoFileSource
from kiosk.face.frames import Frame
from kiosk.face.grabber import FrameGrabber
from kiosk.face.portrait import load_portrait
from kiosk.face.worker import AnalyzerProcess

OBAMA = ("obama.jpg", "obama2.jpg", "obama3.jpg", "obama_partial_face.jpg",
         "obama_partial_face2.jpg")
BIDEN = "biden.jpg"
CONDITIONS = ("photo", "chip_jpeg_q50", "chip_jp2_15kb")


@dataclass(frozen=True)
class Latency:
    frames: int
    median_ms: float
    p95_ms: float
    detect_median_ms: float
    embed_median_ms: float


@dataclass(frozen=True)
class PreviewRate:
    matcher: str            # none, thread, process
    seconds: float
    preview_fps: float
    frames_analysed: int


@dataclass(frozen=True)
class Distances:
    condition: str
    genuine: tuple[float, ...]
    impostor: tuple[float, ...]
    genuine_stats: ScoreStats
    impostor_stats: ScoreStats


@dataclass(frozen=True)
class Material:
    """One photo made into what the bench needs: a webcam frame and the portrait variants."""

    webcam: np.ndarray
    portraits: dict[str, bytes | np.ndarray]  # by CONDITIONS


@dataclass(frozen=True)
class FaceBench:
    """What `kiosk bench face` prints (its JSON keys are these fields)."""

    cpu_cores: int | None
    load_average_1min: float
    latency: Latency
    preview: list[PreviewRate]
    distances: list[Distances]
    targets: dict[str, int]


def _p95(values: list[float]) -> float:
    return float(np.percentile(np.asarray(values), 95))


def shared_material(faces_dir: Path, analyzer: FaceAnalyzer) -> dict[str, Material]:
    """Per photo: a 640x480 webcam frame, and the three portrait variants."""
    out: dict[str, Material] = {}
    for name in (*OBAMA, BIDEN):
        img = cv2.imread(str(faces_dir / name))
        if img is None:
            raise FileNotFoundError(f"{name} missing from {faces_dir}")
        face = analyzer.analyze(Frame(img, 0.0, 0), embed="never").face
        if face is None:
            raise ValueError(f"no single face in {name}")
        chip = synthetic.chip_portrait(img, face.box)
        out[name] = Material(synthetic.webcam_frame(img, face.box), {
            "photo": img,
            "chip_jpeg_q50": synthetic.jpeg_bytes(chip, 50),
            "chip_jp2_15kb": synthetic.jp2_bytes(chip, 15000),
        })
    return out


def shared_distances(faces_dir: Path, analyzer: FaceAnalyzer) -> list[Distances]:
    """Genuine: the 10 pairs of the 5 Obama photos (portrait from the first of the pair,
    camera frame from the second). Impostor: the 5 Biden-Obama pairs in both directions."""
    mat = shared_material(faces_dir, analyzer)
    cam = {}
    for name, m in mat.items():
        embedding = analyzer.analyze(Frame(m.webcam, 0.0, 0), embed="if_face").embedding
        if embedding is None:
            raise ValueError(f"no face embedded in the webcam frame of {name}")
        cam[name] = embedding
    results = []
    for cond in CONDITIONS:
        ref = {n: load_portrait(m.portraits[cond], analyzer).embedding for n, m in mat.items()}
        genuine = [distance(ref[a], cam[b]) for a, b in itertools.combinations(OBAMA, 2)]
        impostor = ([distance(ref[BIDEN], cam[o]) for o in OBAMA]
                    + [distance(ref[o], cam[BIDEN]) for o in OBAMA])
        results.append(Distances(cond, tuple(round(g, 4) for g in genuine),
                                 tuple(round(i, 4) for i in impostor),
                                 ScoreStats.of(genuine), ScoreStats.of(impostor)))
    return results


def frame_latency(analyzer: FaceAnalyzer, frames: list[np.ndarray], repeats: int) -> Latency:
    """Detect + align + embed per frame (analyze with embed="if_good" on good frames)."""
    total, det, emb = [], [], []
    for i, img in enumerate(itertools.islice(itertools.cycle(frames), repeats * len(frames))):
        t = time.perf_counter()
        a = analyzer.analyze(Frame(img, 0.0, i), embed="if_good")
        total.append((time.perf_counter() - t) * 1000.0)
        det.append(a.detect_ms)
        emb.append(a.embed_ms)
    return Latency(len(total), round(statistics.median(total), 1), round(_p95(total), 1),
                   round(statistics.median(det), 1), round(statistics.median(emb), 1))


def make_preview_video(frame: np.ndarray, path: Path, seconds: float, fps: float = 30.0) -> Path:
    """A video of small head movements (shifts) so every frame differs."""
    frames = []
    for i in range(int(seconds * fps)):
        m = np.array([[1, 0, 6 * np.sin(i / 5.0)], [0, 1, 3 * np.cos(i / 7.0)]],
                     dtype=np.float32)
        frames.append(cv2.warpAffine(frame, m, (frame.shape[1], frame.shape[0]),
                                     borderMode=cv2.BORDER_REPLICATE))
    return synthetic.write_avi(path, frames, fps)


def preview_rate(video: Path, seconds: float, matcher: str) -> PreviewRate:
    """Frames per second a preview loop receives while `matcher` (none/thread/process) runs."""
    analyzer: FaceAnalyzer | AnalyzerProcess | None = None
    if matcher == "thread":
        in_process = FaceAnalyzer()
        _ = in_process.models
        analyzer = in_process
    elif matcher == "process":
        analyzer = AnalyzerProcess()
    stop = threading.Event()
    analysed = [0]
    grabber = FrameGrabber(VideoFileSource(video, loop=True, pace=True))

    def work() -> None:
        last = None
        while not stop.is_set():
            f = grabber.wait_next(last, 1.0)
            if f is None:
                continue
            last = f.index
            assert analyzer is not None  # the thread runs only with an analyzer
            analyzer.analyze(f, embed="if_good")
            analysed[0] += 1

    worker = threading.Thread(target=work, daemon=True) if analyzer is not None else None
    grabber.start()
    try:
        if worker:
            worker.start()
        first = grabber.wait_next(None, 5.0)
        last_index = first.index if first else None
        count, t0 = 0, time.monotonic()
        while time.monotonic() - t0 < seconds:
            f = grabber.wait_next(last_index, 1.0)
            if f is None:
                continue
            last_index = f.index
            # What a preview does per frame: scale for the widget and convert to RGB.
            cv2.cvtColor(cv2.resize(f.image, (480, 360)), cv2.COLOR_BGR2RGB)
            count += 1
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
        if worker:
            worker.join(5.0)
        grabber.stop()
        if isinstance(analyzer, AnalyzerProcess):
            analyzer.close()
    return PreviewRate(matcher, round(elapsed, 2), round(count / elapsed, 1), analysed[0])


def run_bench(faces_dir: Path, *, repeats: int = 3, preview_seconds: float = 4.0,
              matchers: tuple[str, ...] = ("none", "thread", "process")) -> FaceBench:
    analyzer = FaceAnalyzer()
    _ = analyzer.models
    mat = shared_material(faces_dir, analyzer)
    frames = [m.webcam for m in mat.values()]
    lat = frame_latency(analyzer, frames, repeats)
    with tempfile.TemporaryDirectory() as tmp:
        video = make_preview_video(frames[0], Path(tmp) / "preview.avi", seconds=2.0)
        rates = [preview_rate(video, preview_seconds, m) for m in matchers]
    dists = shared_distances(faces_dir, analyzer)
    return FaceBench(os.cpu_count(), round(os.getloadavg()[0], 2), lat, rates, dists,
                     {"verified_frame_ms": 150, "preview_fps": 25})
