"""Frame sources over OpenCV: a camera device, a video file, a folder of images, one image.

Every source delivers `Frame`s (BGR numpy arrays with a timestamp) through `read()`, which
returns None at the end of a file. Capture off the UI thread is `FrameGrabber`'s job
(kiosk.face.grabber); a source itself is plain and blocking.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from pathlib import Path

import cv2
import numpy as np

from kiosk.face.errors import CameraUnavailable, SourceError
from kiosk.face.frames import Frame
from kiosk.face.imageio import IMAGE_SUFFIXES, read_image

VIDEO_SUFFIXES = frozenset({".avi", ".mp4", ".mkv", ".mov", ".webm", ".m4v", ".mjpg", ".mjpeg"})
#: Used when a file does not say its frame rate.
DEFAULT_FPS = 30.0


class FrameSource(ABC):
    """Where frames come from. Use as a context manager, or call close()."""

    #: Frames per second the source delivers (nominal for devices), None when unknown.
    fps: float | None = None
    #: A short description for diagnostics; never personal data.
    description: str = ""

    @abstractmethod
    def read(self) -> Frame | None:
        """The next frame; None at the end of a finite source. Blocks until a frame is there."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the device or file."""

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Pacer:
    """Holds delivery to a file's own frame rate, so a demo plays at real speed."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._start: float | None = None

    def wait_until(self, media_time: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._start is None:
            self._start = now - media_time
        delay = self._start + media_time - now
        if delay > 0:
            time.sleep(delay)


def _quiet_open(index: int, backend: int) -> cv2.VideoCapture:
    """Open a device without OpenCV's own warnings on stderr: our error says it better."""
    logging = getattr(cv2, "utils", None) and getattr(cv2.utils, "logging", None)
    if logging is None:
        return cv2.VideoCapture(index, backend)
    level = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_ERROR)
    try:
        return cv2.VideoCapture(index, backend)
    finally:
        logging.setLogLevel(level)


class DeviceSource(FrameSource):
    """A camera by index (/dev/videoN on Linux), with optional resolution and frame rate."""

    def __init__(self, index: int, *, width: int | None = None, height: int | None = None,
                 fps: float | None = None, backend: int = cv2.CAP_ANY) -> None:
        self.index = index
        self.description = f"camera {index}"
        cap = _quiet_open(index, backend)
        if not cap.isOpened():
            cap.release()
            raise CameraUnavailable(
                f"camera {index} is not present or is busy.",
                advice="Check the USB cable, close any other program using the camera "
                       "(video call, browser), or choose another camera index in settings.")
        if width:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        if height:
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if fps:
            cap.set(cv2.CAP_PROP_FPS, fps)
        ok, first = cap.read()
        if not ok or first is None:
            cap.release()
            raise CameraUnavailable(
                f"camera {index} opened but delivers no frames (busy or faulty).",
                advice="Close other programs using the camera, replug it, then retry.")
        self._cap = cap
        self._pending: np.ndarray | None = first
        self._index = 0
        got = cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(got) if got and got > 0 else fps

    @property
    def resolution(self) -> tuple[int, int]:
        return (int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
                int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))

    def read(self) -> Frame:
        if self._pending is not None:
            image, self._pending = self._pending, None
        else:
            ok, image = self._cap.read()
            if not ok or image is None:
                raise CameraUnavailable(
                    f"camera {self.index} stopped delivering frames.",
                    advice="Check that the camera is still plugged in, then restart the check.")
        frame = Frame(image=image, timestamp=time.monotonic(), index=self._index)
        self._index += 1
        return frame

    def close(self) -> None:
        self._cap.release()


class VideoFileSource(FrameSource):
    """A video file; timestamps are media time. Can loop, and can pace itself at the file's fps."""

    def __init__(self, path: str | Path, *, loop: bool = False, pace: bool = False) -> None:
        self.path = Path(path)
        self.description = f"video {self.path.name}"
        if not self.path.is_file():
            raise SourceError(f"video file {self.path.name} does not exist.",
                              advice="Check the path.")
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise SourceError(f"cannot open video {self.path.name}.",
                              advice="Use a format OpenCV's FFmpeg reads (e.g. MJPG .avi, .mp4).")
        self._cap = cap
        got = cap.get(cv2.CAP_PROP_FPS)
        self.fps = self._rate = float(got) if got and got > 0 else DEFAULT_FPS
        self.loop = loop
        self._pacer = _Pacer(pace)
        self._index = 0
        self._in_pass = 0

    def read(self) -> Frame | None:
        ok, image = self._cap.read()
        if not ok and self.loop and self._in_pass > 0:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            self._in_pass = 0
            ok, image = self._cap.read()
        if not ok or image is None:
            if self._index == 0:
                raise SourceError(f"video {self.path.name} has no readable frames.",
                                  advice="Re-encode it (e.g. MJPG in .avi) and retry.")
            return None
        ts = self._index / self._rate
        self._pacer.wait_until(ts)
        frame = Frame(image=image, timestamp=ts, index=self._index)
        self._index += 1
        self._in_pass += 1
        return frame

    def close(self) -> None:
        self._cap.release()


class ImageListSource(FrameSource):
    """Still images delivered as frames at a nominal fps: files (a folder, one image) or BGR
    arrays already in memory (a demo canvas, a test)."""

    def __init__(self, paths: list[Path | str | np.ndarray], *, fps: float = 10.0,
                 loop: bool = False,
                 pace: bool = False, description: str = "images") -> None:
        if not paths:
            raise SourceError("no images to read.", advice="Give a folder containing images.")
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.paths = paths
        self.fps = self._rate = fps
        self.loop = loop
        self.description = description
        self._pacer = _Pacer(pace)
        self._index = 0
        self._cache: dict[int, np.ndarray] = {}

    def read(self) -> Frame | None:
        n = len(self.paths)
        if self._index >= n and not self.loop:
            return None
        pos = self._index % n
        image = self._cache.get(pos)
        if image is None:
            item = self.paths[pos]
            image = item if isinstance(item, np.ndarray) else read_image(item)
            if self.loop:
                self._cache[pos] = image
        ts = self._index / self._rate
        self._pacer.wait_until(ts)
        # A copy, so a consumer that edits its frame never changes the next pass of a loop.
        frame = Frame(image=image.copy() if self.loop else image, timestamp=ts, index=self._index)
        self._index += 1
        return frame


class ImageFolderSource(ImageListSource):
    """Every image in a folder, in file-name order."""

    def __init__(self, folder: str | Path, *, fps: float = 10.0, loop: bool = False,
                 pace: bool = False) -> None:
        folder = Path(folder)
        paths: list[Path | str | np.ndarray] = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        if not paths:
            raise SourceError(f"folder {folder.name} holds no images.",
                              advice="Put JPEG or PNG frames in it.")
        super().__init__(paths, description=f"folder {folder.name} ({len(paths)} images)",
                         fps=fps, loop=loop, pace=pace)


class ImageSource(ImageListSource):
    """One image as a source of `repeat` identical frames (or endless with loop=True)."""

    def __init__(self, path: str | Path, *, repeat: int = 1, fps: float = 10.0,
                 loop: bool = False, pace: bool = False) -> None:
        p = Path(path)
        if not p.is_file():
            raise SourceError(f"image file {p.name} does not exist.", advice="Check the path.")
        paths: list[Path | str | np.ndarray] = [p] * max(1, repeat)
        super().__init__(paths, description=f"image {p.name}", fps=fps, loop=loop, pace=pace)


def open_source(spec: str | int | Path, *, loop: bool = False, pace: bool = False,
                width: int | None = None, height: int | None = None,
                fps: float | None = None) -> FrameSource:
    """Choose the source for `spec`: an int or digits -> camera; a folder -> its images;
    a file -> image or video by extension.

    `loop` and `pace` apply to files (replay for demos); width/height/fps to cameras
    (fps also sets the nominal rate of image folders).
    """
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return DeviceSource(int(spec), width=width, height=height, fps=fps)
    path = Path(spec)
    if path.is_dir():
        return ImageFolderSource(path, fps=fps or 10.0, loop=loop, pace=pace)
    if not path.exists():
        raise SourceError(f"{path.name} does not exist.",
                          advice="Give a camera index, a video, an image or a folder of images.")
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return ImageSource(path, fps=fps or 10.0, loop=loop, pace=pace)
    return VideoFileSource(path, loop=loop, pace=pace)
