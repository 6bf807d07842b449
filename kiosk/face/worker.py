"""Face analysis in a child process, so the camera preview keeps its frame rate.

dlib's ResNet embedding holds Python's GIL for its whole ~80 ms (measured: a spinning thread
gets 5% of its time while it runs; the HOG detector does release it). In a thread, matching
would stall the preview thread ten times a second. AnalyzerProcess runs FaceAnalyzer in a
child Python (`python -m kiosk.face.worker`, models loaded there, once) and has the same
analyze() signature. Frames and results travel as length-prefixed pickles over the child's
stdin/stdout (about 1 ms for 640x480); a plain subprocess rather than multiprocessing, so it
works whatever the parent's __main__ is (the `kiosk` script, `python -m kiosk`, pytest, Qt).
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import threading
from typing import Any, BinaryIO

from kiosk.face.analysis import EmbedPolicy, FaceAnalyzer, FrameAnalysis
from kiosk.face.errors import FaceError
from kiosk.face.frames import Frame
from kiosk.face.portrait import load_portrait

_HEADER = struct.Struct(">I")


def _send(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=5)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _recv(stream: BinaryIO) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (n,) = _HEADER.unpack(head)
    data = stream.read(n)
    if len(data) < n:
        raise EOFError
    return pickle.loads(data)


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    """The child's loop: (Frame, policy) in, ("ok", FrameAnalysis) or ("error", FaceError) out."""
    analyzer = FaceAnalyzer()
    try:
        _ = analyzer.models  # load now, so the first frame is not slow
    except FaceError as exc:
        _send(out, ("error", exc))
        return
    _send(out, ("ready", None))
    while True:
        try:
            msg = _recv(inp)
        except EOFError:
            return
        if msg is None:
            return
        if msg[0] == "portrait":  # the chip portrait: decoded, normalised and embedded here too
            try:
                _send(out, ("ok", load_portrait(msg[1], analyzer)))
            except FaceError as exc:
                _send(out, ("error", exc))
            except Exception as exc:  # report and keep serving
                _send(out, ("error", FaceError(f"portrait analysis failed ({type(exc).__name__}).")))
            continue
        frame, embed = msg
        try:
            _send(out, ("ok", analyzer.analyze(frame, embed=embed)))
        except Exception as exc:  # report and keep serving
            _send(out, ("error", FaceError(f"face analysis failed ({type(exc).__name__}).")))


class AnalyzerProcess:
    """A FaceAnalyzer in a child process. Use as a context manager, or call close()."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.face.worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._lock = threading.Lock()
        try:
            kind, payload = _recv(self._proc.stdout)  # type: ignore[arg-type]
        except EOFError:
            self.close()
            raise FaceError("the face analysis process did not start.",
                            advice="Run `kiosk bench face` to see the error; reinstall with "
                                   "scripts/setup if a package is missing.") from None
        if kind == "error":
            self.close()
            raise payload

    def analyze(self, frame: Frame, *, embed: EmbedPolicy = "if_good") -> FrameAnalysis:
        return self._call((frame, embed))

    def load_portrait(self, data: bytes):
        """kiosk.face.portrait.load_portrait run in the child (dlib holds the GIL ~0.3 s on a
        portrait; here the preview keeps running). Raises PortraitRejected like the original."""
        return self._call(("portrait", bytes(data)))

    @property
    def pid(self) -> int:
        return self._proc.pid

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def _call(self, message):
        with self._lock:
            try:
                _send(self._proc.stdin, message)  # type: ignore[arg-type]
                kind, payload = _recv(self._proc.stdout)  # type: ignore[arg-type]
            except (EOFError, OSError):
                raise FaceError("the face analysis process stopped.",
                                advice="Restart the face check; tell the technician if it "
                                       "happens again.") from None
        if kind == "error":
            raise payload
        return payload

    def close(self) -> None:
        try:
            _send(self._proc.stdin, None)  # type: ignore[arg-type]
            self._proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            self._proc.wait(5.0)
        except subprocess.TimeoutExpired:
            self._proc.terminate()
            self._proc.wait(2.0)
        if self._proc.stdout:
            self._proc.stdout.close()

    def __enter__(self) -> AnalyzerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    # The protocol owns the real stdout; anything printed by libraries goes to stderr.
    proto_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, proto_out)
