"""kiosk/capture/worker.py: stops at the first valid result, reports hints, can be stopped."""

from __future__ import annotations

import threading

import cv2
import numpy as np

from kiosk.capture import QrCapture, synth
from kiosk.capture.mrz_ocr import MrzCapture
from kiosk.capture.worker import HINTS, CaptureWorker

BLANK = np.full((600, 800, 3), 170, np.uint8)


def test_qr_mode_stops_at_first_valid_frame_in_a_thread():
    qr = synth.qr_sample("mild", 2)
    blurred = cv2.GaussianBlur(qr.image, (0, 0), 12)
    consumed = []

    def frames():
        for f in (BLANK, blurred, qr.image, BLANK, BLANK):
            consumed.append(f)
            yield f

    progress, results = [], []
    w = CaptureWorker(frames(), mode="qr", on_progress=progress.append,
                      on_result=results.append).start()
    result = w.wait(timeout=30)
    assert not w.running and w.error is None
    assert isinstance(result, QrCapture) and result.id_number == qr.citizen.id_number
    assert results == [result] and len(consumed) == 3 and w.frames == 3
    assert [p.code for p in progress] == ["searching", "hold_still", "found"]
    assert progress[-1].message == HINTS["found"] and progress[-1].frames == 3


def test_frames_as_pairs_or_objects_and_payment_qr_hint():
    rng = np.random.default_rng(4)
    pay = synth.camera_view(synth.render_qr_card("https://example.vn/pay?id=1", rng), "clean",
                            rng, frame=(800, 600), fill=0.85)

    class Frame:
        def __init__(self, image):
            self.image = image

    qr = synth.qr_sample("clean", 3)
    progress = []
    w = CaptureWorker([(0.0, pay), Frame(qr.image)], mode="qr", on_progress=progress.append)
    assert w.run().can == qr.citizen.id_number[-6:]
    assert [p.code for p in progress] == ["not_cccd_qr", "found"]


def test_auto_mode_reads_the_mrz(mrz_reader):
    s = synth.mrz_sample("mild", 1)
    w = CaptureWorker(iter([s.image]), mode="auto", mrz_reader=mrz_reader)
    result = w.run()
    assert isinstance(result, MrzCapture)
    assert result.document_number == s.citizen.id_number[-9:]


def test_stop_from_a_callback_ends_an_endless_source():
    w: CaptureWorker
    seen = threading.Event()

    def on_progress(p):
        if p.frames == 3:
            w.stop()
            seen.set()

    w = CaptureWorker(lambda: BLANK, mode="qr", on_progress=on_progress)
    w.start()
    assert w.wait(timeout=30) is None
    assert seen.is_set() and w.frames == 3 and not w.running


def test_errors_reach_the_callback_not_lost_in_the_thread():
    errors = []

    def broken():
        raise OSError("camera unplugged")

    w = CaptureWorker(broken, mode="qr", on_error=errors.append)
    w.start()
    w.wait(timeout=30)
    assert isinstance(w.error, OSError) and errors == [w.error]


def test_a_face_camera_source_plugs_in():
    from kiosk.face.camera import ImageListSource

    qr = synth.qr_sample("hard", 9)
    source = ImageListSource([BLANK, qr.image, BLANK])
    w = CaptureWorker(source, mode="qr")
    assert w.run().id_number == qr.citizen.id_number and w.frames == 2
