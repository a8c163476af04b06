"""Right / wrong / confidently wrong on the name lists (issue #17, item 4).

    python bench/eval_names.py [LIST.tsv ...] [-v]

Default lists: tests/data/names_dev.tsv (tuned on) and tests/data/names_heldout.tsv (never
tuned on). ``-v`` lists every wrong answer (for the dev list; look at the held-out misses only
to report them, not to tune).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract.normalize import Normalizer  # noqa: E402
from extract.normalize.evaluate import score_list  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or [ROOT / "tests/data/names_dev.tsv",
                                                      ROOT / "tests/data/names_heldout.tsv"]
    n = Normalizer()
    for path in paths:
        s = score_list(path, n)
        print(s.line(path.name))
        if verbose:
            conf = set(s.confidently_wrong)
            for row in s.wrong:
                print(("  ! " if row in conf else "    ") + " | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
