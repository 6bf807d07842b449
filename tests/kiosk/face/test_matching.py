"""1:1 matching on tests/data/faces at the calibrated threshold, with degraded chip portraits.

Pairs: every pair of the five Obama files (10) and Biden against each (5), as a pipeline check
(the partial faces are crops of obama.jpg, so only 3 genuine pairs join two sittings; the
calibration counts sittings, see docs/face.md). The portrait ("chip") side is the first file of
a pair, the camera side a 640x480 frame cut from the second; impostor pairs are run both
ways (Biden portrait vs Obama frame, Obama portrait vs Biden frame).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kiosk.face.analysis import FaceGeometry, FrameAnalysis, distance
from kiosk.face.calibration import Threshold
from kiosk.face.matching import Matcher, MatchPolicy
from kiosk.face.portrait import load_portrait
from kiosk.face.quality import QualityCheck, QualityReport
from kiosk.face.synthetic import jp2_bytes, jpeg_bytes
from kiosk.face.verify import default_threshold
from tests.kiosk.face.conftest import BIDEN, OBAMA

GENUINE = list(itertools.combinations(OBAMA, 2))
IMPOSTOR = [(BIDEN, o) for o in OBAMA] + [(o, BIDEN) for o in OBAMA]


@pytest.fixture(scope="module")
def threshold() -> Threshold:
    return default_threshold()


def _portraits(analyzer, photos, chip_portraits, condition):
    out = {}
    for name in (*OBAMA, BIDEN):
        if condition == "photo":
            data = photos[name]
        elif condition == "jpeg_q50":
            data = jpeg_bytes(chip_portraits[name], 50)
        else:
            data = jp2_bytes(chip_portraits[name], 15000)
        out[name] = load_portrait(data, analyzer).embedding
    return out


def test_pair_sets_are_the_ten_genuine_and_five_impostor_pairs():
    assert len(GENUINE) == 10 and len(set(GENUINE)) == 10
    assert len({frozenset(p) for p in IMPOSTOR}) == 5


def test_threshold_is_the_calibrated_point_for_fmr_0_001(threshold):
    assert (threshold.value, threshold.target_fmr, threshold.verified) == (0.6, 0.001, False)


@pytest.mark.parametrize("condition", ["photo", "jpeg_q50", "jp2_15kb"])
def test_genuine_pairs_match_and_impostor_pairs_do_not(condition, analyzer, photos,
                                                      chip_portraits, frame_embeddings,
                                                      threshold):
    ref = _portraits(analyzer, photos, chip_portraits, condition)
    genuine = [distance(ref[a], frame_embeddings[b]) for a, b in GENUINE]
    impostor = [distance(ref[a], frame_embeddings[b]) for a, b in IMPOSTOR]
    assert all(d <= threshold.value for d in genuine), genuine
    assert all(d > threshold.value for d in impostor), impostor
    # The gap on this set, as SOURCES.md measured it (0.24-0.44 vs >= 0.64), holds with margin.
    assert max(genuine) < 0.56 and min(impostor) > 0.75


def _analysis(i: int, t: float, ok: bool, emb: np.ndarray | None) -> FrameAnalysis:
    checks = (QualityCheck("face_found", True, 1.0),
              QualityCheck("sharpness", ok, 50.0 if ok else 5.0, None if ok else "blurry"))
    face = FaceGeometry((0, 0, 100, 100), ((0, 0),) * 5, 0.0)
    return FrameAnalysis(i, t, 1, face, QualityReport(checks), emb)


def test_matcher_keeps_the_best_of_the_good_frames_only():
    ref = np.zeros(128)
    th = Threshold(0.6, 0.001, "test", False)
    m = Matcher(ref, th, MatchPolicy(good_frames=3, time_budget_s=10))
    dists = [0.7, 0.9, 0.55, 0.65]
    oks = [True, False, True, True]
    for i, (d, ok) in enumerate(zip(dists, oks, strict=True)):
        v = np.zeros(128)
        v[0] = d
        m.offer(_analysis(i, i * 0.1, ok, v))
    r = m.result()
    assert m.done
    assert (r.decision, r.distance, r.best_frame_index, r.frames_used, r.frames_seen) == (
        "match", 0.55, 2, 3, 4)
    assert [q.distance for q in r.quality] == [0.7, None, 0.55, 0.65]
    assert r.quality[1].reasons == ("blurry",)
    assert r.verified  # no liveness run: the match alone


def test_matcher_is_undecided_without_good_frames_and_stops_at_the_time_budget():
    m = Matcher(np.zeros(128), Threshold(0.6, 0.001, "test", False),
                MatchPolicy(good_frames=3, time_budget_s=1.0))
    m.offer(_analysis(0, 0.0, False, None))
    assert not m.done
    m.offer(_analysis(1, 1.0, False, None))
    assert m.done
    r = m.result()
    assert (r.decision, r.reason, r.distance, r.frames_used) == ("undecided", "no_good_frame",
                                                                 None, 0)
    assert not r.verified
