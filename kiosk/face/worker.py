"""Face analysis in a child process, so the camera preview keeps its frame rate.

dlib's ResNet embedding holds Python's GIL for its whole ~80 ms (measured: a spinning thread
gets 5% of its time while it runs; the HOG detector does release it). In a thread, matching
would stall the preview thread ten times a second. AnalyzerProcess runs FaceAnalyzer in a
spawned process (models loaded there, once) and has the same analyze() signature; frames
travel over a pipe (about 1 ms for 640x480).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from multiprocessing.connection import Connection

from kiosk.face.analysis import EmbedPolicy, FrameAnalysis
from kiosk.face.errors import FaceError
from kiosk.face.frames import Frame


def _serve(conn: Connection) -> None:
    from kiosk.face.analysis import FaceAnalyzer

    analyzer = FaceAnalyzer()
    try:
        _ = analyzer.models  # load now, so the first frame is not slow; errors go to the parent
        conn.send(("ready", None))
    except FaceError as exc:
        conn.send(("error", exc))
        return
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        frame, embed = msg
        try:
            conn.send(("ok", analyzer.analyze(frame, embed=embed)))
        except Exception as exc:  # report, keep serving
            conn.send(("error", FaceError(f"face analysis failed ({type(exc).__name__}).")))


class AnalyzerProcess:
    """A FaceAnalyzer in a child process. Use as a context manager, or call close()."""

    def __init__(self, *, start_timeout_s: float = 60.0) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), name="face-analyzer",
                                 daemon=True)
        self._proc.start()
        child.close()
        self._lock = threading.Lock()
        if not self._conn.poll(start_timeout_s):
            self.close()
            raise FaceError("the face analysis process did not start in time.",
                            advice="The machine may be overloaded; retry, then restart.")
        kind, payload = self._conn.recv()
        if kind == "error":
            self.close()
            raise payload

    def analyze(self, frame: Frame, *, embed: EmbedPolicy = "if_good") -> FrameAnalysis:
        with self._lock:
            try:
                self._conn.send((frame, embed))
                kind, payload = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                raise FaceError("the face analysis process stopped.",
                                advice="Restart the face check; tell the technician if it "
                                       "happens again.") from None
        if kind == "error":
            raise payload
        return payload

    def close(self) -> None:
        try:
            self._conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self._proc.join(5.0)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join(2.0)
        self._conn.close()

    def __enter__(self) -> AnalyzerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
