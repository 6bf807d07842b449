"""Head pose from dlib's five landmarks: yaw (left/right turn) and roll.

dlib's 5-point model gives two corners of each eye and the base of the nose (subnasale):
points 0-1 are the eye on the image's right, 2-3 the eye on the image's left, 4 the nose.
Turning the head moves the nose, which stands in front of the eye plane, sideways relative
to the eyes' midpoint, while the eyes come closer together. With the nose base at depth
d in front of the eyes and an inter-ocular distance D, the nose offset over the apparent eye
distance is (d / D) * tan(yaw). NOSE_DEPTH_RATIO is a rough anthropometric value, not a
calibration: treat the angle as an estimate that is monotonic in the true yaw, good for
"turned enough" decisions, not a measurement in degrees.
"""

from __future__ import annotations

import math

import numpy as np

#: d / D: nose-base depth in front of the eye corners over the inter-ocular distance.
NOSE_DEPTH_RATIO = 0.4

Landmarks = tuple[tuple[float, float], ...]


def eye_centres(points: Landmarks) -> tuple[np.ndarray, np.ndarray]:
    """(eye on the image's left, eye on the image's right) as the mean of their corners."""
    p = np.asarray(points, dtype=np.float64)
    return (p[2] + p[3]) / 2.0, (p[0] + p[1]) / 2.0


def estimate_yaw(points: Landmarks) -> float:
    """Estimated yaw in degrees; positive when the nose points toward the image's right.

    In an unmirrored camera image the nose moves to the image's right when the person turns
    to their own left.
    """
    left, right = eye_centres(points)
    axis = right - left
    dist = float(np.hypot(*axis))
    if dist < 1e-6:
        return 0.0
    nose = np.asarray(points[4], dtype=np.float64)
    offset = float(np.dot(nose - (left + right) / 2.0, axis / dist)) / dist
    return math.degrees(math.atan2(offset, NOSE_DEPTH_RATIO))


def estimate_roll(points: Landmarks) -> float:
    """In-plane tilt of the eye line in degrees (positive: clockwise in the image)."""
    left, right = eye_centres(points)
    dx, dy = right - left
    return math.degrees(math.atan2(dy, dx))
