"""Fixtures shared by the whole suite.

The ICAO worked examples, real documents' files, master lists and public-domain faces live in
tests/data (tests/data/SOURCES.md says where each came from and under which licence), so a
fresh clone tests itself with nothing beside it. Rig fixtures (pcscd + vpcd, PostgreSQL, Qt)
live in tests/support/ and are loaded as plugins below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"

pytest_plugins = [
    f"tests.support.{p.stem}"
    for p in sorted((Path(__file__).parent / "support").glob("*.py"))
    if p.stem != "__init__"
]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"test data not found at {DATA}: the checkout is incomplete")
    return DATA


@pytest.fixture(scope="session")
def vectors(data_dir: Path) -> Path:
    """Path to tests/data/vectors."""
    return data_dir / "vectors"


@pytest.fixture(scope="session")
def load_vector(vectors: Path):
    """load_vector('icao9303_p11/bac_appendix_d.json') -> parsed JSON (or bytes for .bin/.der)."""

    def load(rel: str):
        path = vectors / rel
        if path.suffix == ".json":
            return json.loads(path.read_text(encoding="utf-8"))
        return path.read_bytes()

    return load


@pytest.fixture(scope="session")
def faces_dir(data_dir: Path) -> Path:
    return data_dir / "faces"


@pytest.fixture
def pillow_opens(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every Pillow Image.open call (the C decoders start there), by the size of its input:
    a test that nothing unverified is decoded counts them."""
    from PIL import Image

    calls: list[int] = []
    original = Image.open

    def spy(fp, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append(len(fp.getvalue()) if hasattr(fp, "getvalue") else -1)
        return original(fp, *a, **kw)

    monkeypatch.setattr(Image, "open", spy)
    return calls
