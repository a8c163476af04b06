"""The shared scorer (../shared/tools/score.py) as a module, for the scripts in bench/ that
score our output (eval_tables.py, score_renders.py). The tests load it through
tests/conftest.py's ``shared_scorer``, which skips instead of exiting."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def shared_scorer(script: str):
    """score.py as a module; exits with a message naming ``script`` where it is absent."""
    if not SCORER.exists():
        sys.exit(f"{script}: the shared scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
