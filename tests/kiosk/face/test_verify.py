"""verify() over a running FrameGrabber (the live path the UI uses), with progress and stop."""

from __future__ import annotations

import threading

from kiosk.face.camera import VideoFileSource
from kiosk.face.grabber import FrameGrabber
from kiosk.face.portrait import load_portrait
from kiosk.face.synthetic import jpeg_bytes, write_avi
from kiosk.face.verify import verify


def test_verify_over_a_paced_grabber_matches_and_reports_progress(tmp_path, analyzer,
                                                                  chip_portraits, webcam_frames):
    portrait = load_portrait(jpeg_bytes(chip_portraits["obama3.jpg"], 50), analyzer)
    video = write_avi(tmp_path / "cam.avi", [webcam_frames["obama.jpg"]] * 10, fps=30)
    progress = []
    with FrameGrabber(VideoFileSource(video, loop=True, pace=True)) as grabber:
        r = verify(portrait, grabber, analyzer, liveness=None, on_progress=progress.append)
    assert (r.decision, r.frames_used, r.liveness, r.verified) == ("match", 3, None, True)
    assert [p.frames_used for p in progress] == [1, 2, 3]
    indices = [q.frame_index for q in r.quality]
    assert indices == sorted(indices) and len(set(indices)) == 3  # newest frames, no repeats


def test_verify_stops_when_asked(tmp_path, analyzer, chip_portraits, webcam_frames):
    portrait = load_portrait(jpeg_bytes(chip_portraits["obama3.jpg"], 50), analyzer)
    video = write_avi(tmp_path / "cam.avi", [webcam_frames["obama.jpg"]] * 4, fps=30)
    stop = threading.Event()
    stop.set()
    with FrameGrabber(VideoFileSource(video, loop=True, pace=True)) as grabber:
        r = verify(portrait, grabber, analyzer, stop=stop)
    assert (r.decision, r.reason, r.frames_seen) == ("undecided", "no_good_frame", 0)
    assert r.liveness.reason == "incomplete"
