"""Fixtures for capture tests: one OCR engine per session, loaded with downloads forbidden."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def mrz_reader():
    """The MRZ reader, built and warmed while any rapidocr download attempt fails loudly:
    the kiosk runs offline, so the shipped model files must be all it uses."""
    from rapidocr.utils import download_file

    from kiosk.capture import synth
    from kiosk.capture.mrz_ocr import shared_reader

    def no_download(*args, **kwargs):
        raise AssertionError("rapidocr tried to download a model at run time")

    mp = pytest.MonkeyPatch()
    mp.setattr(download_file.DownloadFile, "run", no_download)
    try:
        reader = shared_reader()  # the one the CLI and the worker use too
        reader.attempt(synth.mrz_sample("clean", 12345).image)  # loads det and rec sessions
        yield reader
    finally:
        mp.undo()
