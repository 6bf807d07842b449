"""Typed errors of face verification.

Each carries a machine `code` and advice that counter staff or a technician can act on.
Messages never contain personal data: no names, no image content, no embeddings.
"""

from __future__ import annotations


class FaceError(Exception):
    """Base of every error raised by kiosk.face."""

    code = "face_error"

    def __init__(self, message: str, *, advice: str = "") -> None:
        self.message = message
        self.advice = advice
        super().__init__(f"{message} {advice}".strip())

    def __reduce__(self):  # keep code and advice across a process boundary (worker.py)
        return (_rebuild, (type(self), dict(self.__dict__), self.args))


class CameraUnavailable(FaceError):
    """The camera device is absent, busy (held by another program) or gives no frames."""

    code = "camera_unavailable"


class SourceError(FaceError):
    """A video file, image or folder given as a frame source cannot be read."""

    code = "source_error"


class ModelUnavailable(FaceError):
    """A dlib model file is missing or unreadable; models are never downloaded at run time."""

    code = "model_unavailable"


class PortraitRejected(FaceError):
    """The chip portrait cannot be used as the reference (undecodable, no face, several faces)."""

    def __init__(self, code: str, message: str, *, advice: str = "") -> None:
        self.code = code
        super().__init__(message, advice=advice)


class CalibrationError(FaceError):
    """Calibration data is missing, malformed, or cannot support the requested target FMR."""

    code = "calibration_error"


def _rebuild(cls: type[FaceError], state: dict, args: tuple) -> FaceError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err
