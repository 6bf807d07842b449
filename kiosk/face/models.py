"""dlib's public-domain face models, loaded offline, once, on first use (thread-safe).

Only two model files are ever loaded, both public domain (see docs/reference/MODELS.md):
shape_predictor_5_face_landmarks.dat and dlib_face_recognition_resnet_model_v1.dat, shipped by
the `face_recognition_models` package. The 68-point predictor in the same package is
non-commercial and is deliberately never referenced. Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.face.errors import ModelUnavailable

LANDMARKS_FILE = "shape_predictor_5_face_landmarks.dat"
EMBEDDING_FILE = "dlib_face_recognition_resnet_model_v1.dat"
#: Set to a folder holding the two files to use models from elsewhere (e.g. an offline copy).
MODELS_DIR_ENV = "KIOSK_FACE_MODELS"


@dataclass(frozen=True, eq=False)
class FaceModels:
    """The HOG detector, the 5-point landmark model and the ResNet embedding model.

    The ResNet object keeps per-call state and holds the GIL while it runs, so embedding calls
    are serialised by `embed_lock`.
    """

    detector: Any = field(repr=False)
    landmarks: Any = field(repr=False)
    embedder: Any = field(repr=False)
    landmarks_path: Path
    embedder_path: Path
    embed_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def model_dir() -> Path:
    """Where the model files are: $KIOSK_FACE_MODELS, else face_recognition_models' folder."""
    env = os.environ.get(MODELS_DIR_ENV)
    if env:
        return Path(env)
    try:
        # an optional dependency: missing, it is a ModelUnavailable, not an ImportError at start-up
        import face_recognition_models
    except ImportError:
        raise ModelUnavailable(
            "the face model package face_recognition_models is not installed.",
            advice="Run scripts/setup (it installs face_recognition_models from PyPI), or set "
                   f"{MODELS_DIR_ENV} to a folder holding {LANDMARKS_FILE} and {EMBEDDING_FILE}."
        ) from None
    return Path(face_recognition_models.__file__).parent / "models"


def load_models(directory: Path | None = None) -> FaceModels:
    """Load the models from `directory` (default: model_dir()); ModelUnavailable if missing."""
    d = directory or model_dir()
    lm, emb = d / LANDMARKS_FILE, d / EMBEDDING_FILE
    for p in (lm, emb):
        if not p.is_file():
            raise ModelUnavailable(
                f"face model file {p.name} is missing from {d}.",
                advice="Reinstall face_recognition_models (scripts/setup) or point "
                       f"{MODELS_DIR_ENV} at a folder with the file; the kiosk never downloads "
                       "models.")
    try:
        # dlib (large, native) loads with the models, not with the app; missing, a ModelUnavailable
        import dlib
    except ImportError:
        raise ModelUnavailable("dlib is not installed.",
                               advice="Run scripts/setup (installs dlib-bin).") from None
    try:
        detector = dlib.get_frontal_face_detector()
        landmarks = dlib.shape_predictor(str(lm))
        embedder = dlib.face_recognition_model_v1(str(emb))
    except RuntimeError as exc:
        raise ModelUnavailable(f"a face model file in {d} is unreadable ({type(exc).__name__}).",
                               advice="Reinstall face_recognition_models.") from None
    return FaceModels(detector=detector, landmarks=landmarks, embedder=embedder,
                      landmarks_path=lm, embedder_path=emb)


_lock = threading.Lock()
_models: FaceModels | None = None


def get_models() -> FaceModels:
    """The process-wide models, loaded on first call (about 0.5 s), then shared."""
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = load_models()
    return _models
