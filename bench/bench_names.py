"""Normalising 10,000 mentions (target: under 1 s).

    python bench/bench_names.py

Mentions mix exact aliases, suffix and Hanja-reading variants, misspellings, Chinese and
English names and company names, repeated as an archive repeats them; a fresh Normalizer is
used, so the time includes loading the gazetteer.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from extract.normalize import Normalizer  # noqa: E402

BASE = ["광동성", "광둥", "귀저우", "칭해", "지란", "산시", "하남", "안휘", "상해", "베이징시", "美国", "韩国",
        "英国", "Germany", "항주", "심천", "흑룡강", "내몽골", "티벳", "광서", "항저우 베이다(贝达)제약*",
        "쑤저우 성디야(盛迪亚)바이오제약", "미국 Medtronic Inc.", "Takeda사", "란저우 생물학적 제제연구소"]


def main() -> int:
    rng = random.Random(7)
    mentions = []
    for k in range(10_000):
        m = rng.choice(BASE)
        if k % 7 == 0:
            m = m + "성"  # unseen variants defeat the cache
        if k % 11 == 0:
            m = m + str(k % 50)
        mentions.append(m)
    start = time.perf_counter()
    n = Normalizer()
    for m in mentions:
        n.resolve(m)
    seconds = time.perf_counter() - start
    print(f"normalised {len(mentions)} mentions ({len(set(mentions))} distinct) in {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
