"""Fixtures shared by the whole suite.

The ICAO worked examples and real documents live in ../shared/vectors (beside the repository,
as on developer machines and CI); KIOSK_SHARED overrides that location. Rig fixtures (pcscd +
vpcd, PostgreSQL, Qt) live in tests/support/ and are loaded as plugins below.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KIOSK_SHARED", REPO.parent / "shared"))

pytest_plugins = [
    f"tests.support.{p.stem}"
    for p in sorted((Path(__file__).parent / "support").glob("*.py"))
    if p.stem != "__init__"
]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED}; set KIOSK_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def vectors(shared_dir: Path) -> Path:
    """Path to ../shared/vectors."""
    return shared_dir / "vectors"


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
def faces_dir(shared_dir: Path) -> Path:
    return shared_dir / "faces"
