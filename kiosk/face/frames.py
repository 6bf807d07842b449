"""The frame: one BGR image with the time it was taken, as every source delivers it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, eq=False)
class Frame:
    """One captured image.

    `timestamp` is in seconds: time.monotonic() for a live device, the position in the file for
    a video (so runs on files are reproducible), the delivery order over the fps for images.
    The pixels are left out of the repr: a frame shows a person's face.
    """

    image: np.ndarray = field(repr=False)
    timestamp: float
    index: int

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return int(self.image.shape[1]), int(self.image.shape[0])
