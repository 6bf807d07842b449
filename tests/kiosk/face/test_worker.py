"""Analysis in a child process gives the same answer as in process (pickled both ways)."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.face.errors import FaceError, PortraitRejected
from kiosk.face.frames import Frame
from kiosk.face.worker import AnalyzerProcess


def test_process_analyzer_matches_in_process_analysis(analyzer, webcam_frames):
    frame = Frame(webcam_frames["obama2.jpg"], 1.5, 7)
    local = analyzer.analyze(frame, embed="if_good")
    with AnalyzerProcess() as remote:
        got = remote.analyze(frame, embed="if_good")
        empty = remote.analyze(Frame(np.zeros((240, 320, 3), np.uint8), 0.0, 8), embed="if_good")
    assert (got.frame_index, got.timestamp, got.face_count) == (7, 1.5, 1)
    assert got.face.box == local.face.box and got.quality == local.quality
    assert np.array_equal(got.embedding, local.embedding)
    assert got.digest == local.digest
    assert empty.face is None and empty.quality.reasons[0] == "no_face"


def test_typed_errors_keep_code_and_advice_across_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(PortraitRejected("portrait_no_face", "m", advice="a")))
    assert (type(err), err.code, err.message, err.advice) == (PortraitRejected,
                                                              "portrait_no_face", "m", "a")
    with pytest.raises(FaceError):
        raise err
