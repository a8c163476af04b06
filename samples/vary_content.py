#!/usr/bin/env python3
"""Variations of a content file, to test the extractor on layouts it has not seen.

    python samples/vary_content.py shift  --out DIR CONTENT.json [N ...]
    python samples/vary_content.py tables --out DIR CONTENT.json SEED [SEED ...]

``shift``: N filler bullets (default 2, 4, 6, 8) at the head of each section's first article,
so every page break after them falls elsewhere, through other rows of other tables.

``tables``: the same issue with its tables drawn at random (seeded): generic tables of 2-6
columns and 1-16 rows of words taken from the content files, sometimes with a merged first
column; drug, device and compute-platform tables of random length made of rows drawn from
the content files (renumbered), with a page-part break at a random row; filler bullets
before some articles. Rankings are kept.

Writes ``DIR/<stem>-s<N>.json`` or ``DIR/<stem>-r<SEED>.json``: content files for
``render_html.py`` / ``render_docx.py``, whose goldens come from the content as always. (A
random table's words make no sentence, so they say nothing about how Korean wraps: judge
those renders by their structure, rows, headers, pages and kinds, more than by their text.)
"""
from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Rows and words are drawn from these (the shared corpus's content model too, if present).
POOL_FILES = sorted((HERE / "content").glob("*.json")) + \
    sorted((HERE.parent.parent / "shared" / "corpus" / "kostec").glob("*.content.json"))
FILLERS = [
    "이 문단은 쪽 나눔 위치를 옮기기 위해 넣은 시험용 문장으로 본문 내용과는 관계가 없으며 "
    "길이를 맞추기 위해 여러 단어를 이어 적었다",
    "두 번째 시험용 문단은 표의 위치를 아래로 밀어 내어 표가 다른 곳에서 쪽을 넘기도록 하며 마찬가지로 뜻은 없다",
    "세 번째 시험용 문장 역시 조판 위치를 바꾸는 역할만 하고 내용과는 관계가 없는 채워 넣기 문장이다",
    "네 번째 채움 문장은 줄 수를 늘려 쪽 끝 위치를 조금 더 옮기기 위한 것이다",
    "다섯 번째 채움 문장으로 표와 기사 사이의 간격을 한 번 더 바꾼다",
    "여섯 번째 채움 문장은 마지막으로 위치를 옮기는 시험용 문장이다",
    "일곱 번째 채움 문장은 다시 한 번 줄을 더해 표의 시작 위치를 바꾼다",
    "여덟 번째 채움 문장으로 쪽의 끝이 표의 다른 행에 걸리게 한다",
]


def _bullet(text: str) -> dict:
    return {"t": "bullet", "level": 1, "marker": "-", "text": text}


def _blocks(content: dict):
    for section in content["sections"]:
        for article in section["articles"]:
            yield article, article["blocks"]


def shift(content: dict, n: int) -> dict:
    out = copy.deepcopy(content)
    for section in out["sections"]:
        if section.get("articles"):
            first = section["articles"][0]
            first["blocks"] = [_bullet(FILLERS[k % len(FILLERS)]) for k in range(n)] + first["blocks"]
    return out


class Pool:
    """Rows of each typed kind, header labels and words, from the content files."""

    def __init__(self, files):
        self.rows: dict[str, list] = {}
        self.words: list[str] = []
        heads: set[str] = set()
        for f in files:
            content = json.loads(Path(f).read_text(encoding="utf-8"))
            for _, blocks in _blocks(content):
                for b in blocks:
                    if b.get("t") == "table":
                        self.rows.setdefault(b["kind"], []).extend(b["rows"])
                        heads.update(h for h in b["header"][-1] if h and len(h) <= 8)
                        for row in b["rows"]:
                            self.words += [w for cell in row if isinstance(cell, str) for w in cell.split()]
                    elif b.get("t") == "bullet":
                        self.words += b["text"].split()
        self.words = [w for w in self.words if not w.startswith(("•", "○", "-"))]
        self.heads = sorted(heads)


def _phrase(rng: random.Random, pool: Pool, lo: int, hi: int) -> str:
    return " ".join(rng.choice(pool.words) for _ in range(rng.randint(lo, hi)))


def _generic(rng: random.Random, pool: Pool, block: dict) -> None:
    ncol = rng.randint(2, 6)
    block["header"] = [rng.sample(pool.heads, ncol)]
    rows = []
    for r in range(rng.randint(1, 16)):
        first = str(r + 1) if rng.random() < 0.3 else _phrase(rng, pool, 1, 3)
        rows.append([first] + [_phrase(rng, pool, 1, 10 if ncol <= 4 else 5) for _ in range(ncol - 1)])
    block["merge_cols"] = []
    if len(rows) >= 3 and rng.random() < 0.3:  # a merged first column: runs of one label
        block["merge_cols"] = [0]
        label = None
        for row in rows:
            if label is None or rng.random() < 0.4:
                label = _phrase(rng, pool, 1, 2)
            row[0] = label
    block.update(rows=rows, region_cols=[], break_before=[], spans=[])


def _numbered(rng: random.Random, pool: Pool, block: dict, lo: int, hi: int) -> None:
    rows = [copy.deepcopy(rng.choice(pool.rows[block["kind"]])) for _ in range(rng.randint(lo, hi))]
    for k, row in enumerate(rows):
        row[0] = str(k + 1)
    block["rows"] = rows
    printed = len(rows) if block.get("layout") != "twoup" else (len(rows) + 1) // 2
    block["break_before"] = [rng.randint(2, printed)] if printed >= 3 and rng.random() < 0.5 else []


LENGTHS = {"drug_approvals": (3, 25), "device_approvals": (3, 30), "compute_platforms": (2, 9)}


def random_tables(content: dict, seed: int, pool: Pool) -> dict:
    rng = random.Random(seed)
    out = copy.deepcopy(content)
    for _article, blocks in _blocks(out):
        if rng.random() < 0.5:
            blocks.insert(0, _bullet(FILLERS[0] * rng.randint(1, 3)))
        for b in blocks:
            if b.get("t") != "table":
                continue
            if b["kind"] == "generic":
                _generic(rng, pool, b)
            elif b["kind"] in LENGTHS and pool.rows.get(b["kind"]):
                _numbered(rng, pool, b, *LENGTHS[b["kind"]])
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("shift", "tables") or "--out" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    k = argv.index("--out")
    out_dir = Path(argv[k + 1])
    mode, rest = argv[0], argv[1:k] + argv[k + 2:]
    source, numbers = Path(rest[0]), [int(x) for x in rest[1:]]
    content = json.loads(source.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = source.name.removesuffix(".json").removesuffix(".content")
    if mode == "shift":
        variants = {f"{stem}-s{n}": shift(content, n) for n in numbers or [2, 4, 6, 8]}
    else:
        pool = Pool(POOL_FILES)
        variants = {f"{stem}-r{s}": random_tables(content, s, pool) for s in numbers or [1]}
    for name, variant in variants.items():
        (out_dir / f"{name}.json").write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
        print(out_dir / f"{name}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
