"""Normalising 10,000 mentions (target: under 1 s).

    python bench/bench_names.py

Mentions mix exact aliases, suffix and Hanja-reading variants, misspellings, Chinese,
traditional and English names, countries and company names with city prefixes, repeated as
an archive repeats them, plus unseen variants (a suffix or a number appended) that miss the
cache and go through fuzzy matching. The time includes loading the gazetteers (the process
cache is cleared first) and a fresh Normalizer.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import extract.normalize as normalize  # noqa: E402
from extract.normalize import Normalizer  # noqa: E402

BASE = ["광동성", "광둥", "귀저우", "칭해", "지란", "산시", "하남", "안휘", "상해", "베이징시", "美国", "韩国",
        "英国", "Germany", "항주", "심천", "흑룡강", "내몽골", "티벳", "광서", "廣東省", "陝西", "Inner Mongolia",
        "산시(陕西)", "시안", "쑤저우", "독일", "싱가폴", "네이멍구 자치구", "광시 좡족 자치구",
        "항저우 베이다(贝达)제약*", "쑤저우 성디야(盛迪亚)바이오제약", "미국 Medtronic Inc.", "Takeda사",
        "란저우 생물학적 제제연구소", "베이징 잉푸메이(英福美)회사", "Nuvation Bio사"]
TYPES = [None, "region", "country", "company"]


def main() -> int:
    rng = random.Random(7)
    mentions = []
    for k in range(10_000):
        m = rng.choice(BASE)
        if k % 7 == 0:
            m = m + "성"  # unseen variants defeat the cache
        if k % 11 == 0:
            m = m + str(k % 50)
        context = ("시안",) if k % 13 == 0 else ()
        mentions.append((m, rng.choice(TYPES) if k % 5 == 0 else None, context))
    normalize._index.cache_clear()
    normalize.jamo.cache_clear()
    normalize.consonants.cache_clear()
    start = time.perf_counter()
    n = Normalizer()
    for m, t, c in mentions:
        n.resolve(m, t, c)
    seconds = time.perf_counter() - start
    print(f"normalised {len(mentions)} mentions ({len(set(mentions))} distinct) in {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
