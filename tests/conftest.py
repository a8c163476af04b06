"""Pytest fixtures shared by the tests. Plain helpers and constants (ROOT, SAMPLES, KO,
make_pdf, draw_mini_bulletin, ...) are in helpers.py: import them from there."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# The tests run fail-fast (extract.settings.Settings.fail_fast): a bug of ours that a user's run
# would survive as a warning fails the test instead. Set before anything makes Settings,
# and inherited by the CLI subprocesses the tests start.
os.environ["BULLETIN_EXTRACT_FAIL_FAST"] = "1"

from helpers import CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS}); it is present in CI and on "
                    "the project's machines, not in a user's fresh clone")
    return CORPUS


@pytest.fixture(scope="session")
def run_cache():
    """Run each sample once per test session: several tests read the same output."""
    import extract

    cache: dict[Path, object] = {}

    def get(pdf: Path):
        if pdf not in cache:
            cache[pdf] = extract.run(pdf)
        return cache[pdf]

    return get
