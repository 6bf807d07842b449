"""Face verification: the person at the camera against the chip portrait (issue 5).

Modules, one job each: camera (frame sources), grabber (capture thread), models (dlib models,
loaded once), analysis (detect, landmarks, embed), pose (yaw from 5 landmarks), quality
(gates and their reasons), portrait (the chip's DG2 image as reference), calibration
(threshold as target FMR), matching (best of good frames), liveness (head-turn challenge),
verify (the whole flow), worker (analysis in a child process), threshold (the threshold in
force and where it came from), calibrate/det/samples/augment/datasets (measuring it).
See docs/face.md. dlib is imported only when models are first needed.
"""

from kiosk.face.analysis import FaceAnalyzer, FaceGeometry, FrameAnalysis, distance
from kiosk.face.calibration import Threshold, load_calibration
from kiosk.face.camera import (
    DeviceSource,
    FrameSource,
    ImageFolderSource,
    ImageSource,
    VideoFileSource,
    open_source,
)
from kiosk.face.errors import (
    CalibrationError,
    CameraUnavailable,
    FaceError,
    ModelUnavailable,
    PortraitRejected,
    SourceError,
)
from kiosk.face.frames import Frame
from kiosk.face.grabber import FrameGrabber
from kiosk.face.liveness import (
    LivenessChallenge,
    LivenessConfig,
    LivenessProgress,
    LivenessResult,
)
from kiosk.face.matching import FaceMatch, FrameQuality, Matcher, MatchPolicy
from kiosk.face.portrait import Portrait, load_portrait
from kiosk.face.quality import REASONS, QualityCheck, QualityGates, QualityReport
from kiosk.face.threshold import ScoreScale, ThresholdInForce, score_scale, threshold_in_force
from kiosk.face.verify import VerifyProgress, default_threshold, verify

__all__ = [
    "REASONS", "CalibrationError", "CameraUnavailable", "DeviceSource", "FaceAnalyzer",
    "FaceError", "FaceGeometry", "FaceMatch", "Frame", "FrameAnalysis", "FrameGrabber",
    "FrameQuality", "FrameSource", "ImageFolderSource", "ImageSource", "LivenessChallenge",
    "LivenessConfig", "LivenessProgress", "LivenessResult", "MatchPolicy", "Matcher",
    "ModelUnavailable", "Portrait", "PortraitRejected", "QualityCheck", "QualityGates",
    "QualityReport", "ScoreScale", "SourceError", "Threshold", "ThresholdInForce",
    "VerifyProgress", "VideoFileSource", "default_threshold", "distance", "load_calibration",
    "load_portrait", "open_source", "score_scale", "threshold_in_force", "verify",
]
