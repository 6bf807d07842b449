"""Yaw from dlib's five landmarks: sign, symmetry, and the roll-free projection."""

from __future__ import annotations

import math

import pytest

from kiosk.face.pose import NOSE_DEPTH_RATIO, estimate_roll, estimate_yaw

# dlib order: image-right eye (outer, inner), image-left eye (outer, inner), nose base.
FRONTAL = ((260.0, 200.0), (230.0, 200.0), (140.0, 200.0), (170.0, 200.0), (200.0, 260.0))


def test_symmetric_face_has_zero_yaw_and_roll():
    assert estimate_yaw(FRONTAL) == 0.0
    assert estimate_roll(FRONTAL) == 0.0


def test_nose_toward_image_right_is_positive_yaw_of_the_model_angle():
    # Eye centres (245 and 155) are 90 px apart; a nose 0.4 * 90 * tan(30 deg) px right of
    # their midpoint reads as 30 degrees.
    shift = NOSE_DEPTH_RATIO * 90 * math.tan(math.radians(30))
    pts = FRONTAL[:4] + ((200.0 + shift, 260.0),)
    assert estimate_yaw(pts) == pytest.approx(30.0)
    mirrored = FRONTAL[:4] + ((200.0 - shift, 260.0),)
    assert estimate_yaw(mirrored) == pytest.approx(-30.0)


def test_rolled_frontal_face_still_reads_zero_yaw():
    a = math.radians(20)

    def rot(p):
        x, y = p[0] - 200, p[1] - 200
        return (200 + x * math.cos(a) - y * math.sin(a), 200 + x * math.sin(a) + y * math.cos(a))

    pts = tuple(rot(p) for p in FRONTAL)
    assert estimate_yaw(pts) == pytest.approx(0.0, abs=1e-9)
    assert estimate_roll(pts) == pytest.approx(20.0)
