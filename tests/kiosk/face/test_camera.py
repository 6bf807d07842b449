"""Frame sources and the capture thread, on real files through OpenCV."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face.camera import (
    DeviceSource,
    ImageFolderSource,
    ImageListSource,
    ImageSource,
    VideoFileSource,
    open_source,
)
from kiosk.face.errors import CameraUnavailable, SourceError
from kiosk.face.grabber import FrameGrabber
from kiosk.face.synthetic import write_avi


def _numbered_frames(n: int) -> list[np.ndarray]:
    """Frames whose mean grey level encodes their number (survives MJPG compression)."""
    return [np.full((120, 160, 3), 20 + 10 * i, np.uint8) for i in range(n)]


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return write_avi(tmp_path / "v.avi", _numbered_frames(6), fps=25.0)


def _level(frame) -> int:
    return int(round((frame.image.mean() - 20) / 10))


def test_video_source_reads_every_frame_with_media_timestamps(video):
    src = open_source(str(video))
    assert isinstance(src, VideoFileSource)
    with src:
        frames = []
        while (f := src.read()) is not None:
            frames.append(f)
    assert src.fps == 25.0
    assert [f.index for f in frames] == [0, 1, 2, 3, 4, 5]
    assert [f.timestamp for f in frames] == [0.0, 0.04, 0.08, 0.12, 0.16, 0.2]
    assert [_level(f) for f in frames] == [0, 1, 2, 3, 4, 5]
    assert frames[0].size == (160, 120)
    assert frames[0].image.dtype == np.uint8 and frames[0].image.shape == (120, 160, 3)


def test_looping_video_restarts_and_keeps_time_increasing(video):
    with VideoFileSource(video, loop=True) as src:
        frames = [src.read() for _ in range(14)]
    assert [_level(f) for f in frames] == [0, 1, 2, 3, 4, 5] * 2 + [0, 1]
    assert frames[13].timestamp == pytest.approx(13 / 25.0)


def test_paced_video_is_delivered_no_faster_than_its_fps(video):
    import time

    with VideoFileSource(video, pace=True) as src:
        t0 = time.monotonic()
        while src.read() is not None:
            pass
        elapsed = time.monotonic() - t0
    assert elapsed >= 0.2 - 0.01  # 6 frames at 25 fps: the last one is due at 0.2 s


def test_folder_source_reads_images_in_name_order(tmp_path):
    for i, img in enumerate(_numbered_frames(3)):
        cv2.imwrite(str(tmp_path / f"f{2 - i}.png"), img)
    (tmp_path / "notes.txt").write_text("not an image")
    src = open_source(tmp_path, fps=5.0)
    assert isinstance(src, ImageFolderSource)
    frames = [src.read(), src.read(), src.read(), src.read()]
    assert frames[3] is None
    assert [_level(f) for f in frames[:3]] == [2, 1, 0]
    assert [f.timestamp for f in frames[:3]] == [0.0, 0.2, 0.4]


def test_single_image_source_and_its_repeat(tmp_path):
    p = tmp_path / "one.jpg"
    cv2.imwrite(str(p), _numbered_frames(1)[0])
    assert isinstance(open_source(str(p)), ImageSource)
    src = ImageSource(p, repeat=3)
    assert [src.read() is not None for _ in range(4)] == [True, True, True, False]


def test_missing_paths_and_empty_folders_are_source_errors(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        open_source(tmp_path / "nope.avi")
    with pytest.raises(SourceError, match="holds no images"):
        open_source(tmp_path)
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(SourceError) as err:
        VideoFileSource(bad).read()
    assert err.value.advice


def test_absent_camera_is_camera_unavailable_with_advice():
    with pytest.raises(CameraUnavailable) as err:
        open_source("63")
    assert err.value.code == "camera_unavailable"
    assert "camera 63" in err.value.message
    assert "other program" in err.value.advice
    with pytest.raises(CameraUnavailable):
        DeviceSource(62)


def test_grabber_delivers_every_frame_to_subscribers_then_finishes(video):
    seen: list[int] = []
    threads: set[str] = set()

    def on_frame(f):
        seen.append(_level(f))
        threads.add(threading.current_thread().name)

    grabber = FrameGrabber(VideoFileSource(video))
    grabber.subscribe(on_frame)
    with grabber:
        assert grabber.wait_finished(10.0)
    assert seen == [0, 1, 2, 3, 4, 5]
    assert threads == {"frame-grabber"}
    assert grabber.error is None and grabber.frames_read == 6
    assert _level(grabber.latest()) == 5
    assert grabber.wait_next(5, timeout=1.0) is None  # finished: no newer frame, no hang


def test_grabber_survives_a_failing_subscriber_and_unsubscribes(video):
    calls = []
    grabber = FrameGrabber(VideoFileSource(video))
    grabber.subscribe(lambda f: 1 / 0)
    unsubscribe = grabber.subscribe(lambda f: calls.append(f.index))
    unsubscribe()
    grabber.start()
    assert grabber.wait_finished(10.0)
    assert grabber.frames_read == 6 and calls == []


def test_grabber_stops_an_endless_source_cleanly(video):
    grabber = FrameGrabber(VideoFileSource(video, loop=True, pace=True)).start()
    first = grabber.wait_next(None, timeout=5.0)
    second = grabber.wait_next(first.index, timeout=5.0)
    assert second.index > first.index
    grabber.stop(timeout=5.0)
    assert grabber.finished


def test_image_list_source_accepts_arrays_in_memory():
    frames = _numbered_frames(2)
    src = ImageListSource(frames, fps=15.0, loop=True)
    got = [src.read() for _ in range(5)]
    assert [_level(f) for f in got] == [0, 1, 0, 1, 0]
    assert got[4].timestamp == pytest.approx(4 / 15.0)
    got[0].image[:] = 0  # a consumer editing its frame does not change the next pass
    assert _level(src.read()) == 1 and _level(src.read()) == 0


class _UnpluggedAfter(ImageListSource):
    """A camera that delivers `n` frames, then fails as an unplugged USB camera does."""

    def __init__(self, n: int, error: Exception) -> None:
        super().__init__(_numbered_frames(n), fps=30.0)
        self._error = error

    def read(self):
        frame = super().read()
        if frame is None:
            raise self._error
        return frame


@pytest.mark.parametrize("error", [
    CameraUnavailable("camera 0 stopped delivering frames.", advice="Replug it."),
    cv2.error("driver says no"),
])
def test_grabber_records_the_error_that_ended_capture(error):
    seen = []
    grabber = FrameGrabber(_UnpluggedAfter(2, error))
    grabber.subscribe(lambda f: seen.append(f.index))
    grabber.start()
    assert grabber.wait_finished(5.0)
    assert seen == [0, 1]
    assert isinstance(grabber.error, CameraUnavailable)
    assert grabber.error.advice
    assert grabber.wait_next(1, timeout=1.0) is None
