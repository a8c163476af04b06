"""The bulletin's recurring tables, recognised from header and caption, and their records.

Recognition is by header words (tolerant of spacing and small spelling changes) with the
caption as a second opinion; the row-number column is the first column whatever its header
says (the drug table heads it 등록일 although it holds numbers).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

BULLET_SPLIT = re.compile(r"\s*[•●○◦▪]\s*")
TIER_NUMBER = re.compile(r"(\d+)")

# kind -> header words that must all be present (each given as alternatives)
SIGNATURES: dict[str, list[tuple[str, ...]]] = {
    "drug_approvals": [("제품명", "품명", "약품명"), ("기업", "회사", "업체"), ("유형", "분류"), ("적응증", "효능")],
    "device_approvals": [("제품명", "품명", "기기명"), ("기업", "회사", "업체")],
    "compute_platforms": [("플랫폼", "센터"), ("주요내용", "내용", "주요 내용")],
    "country_rankings": [("순위",), ("국가", "나라"), ("득점", "점수", "지수")],
}
CAPTION_HINTS = {
    "drug_approvals": ("신약", "의약품", "약품"),
    "device_approvals": ("의료기기", "혁신기기", "기기"),
    "compute_platforms": ("연산력", "플랫폼", "컴퓨팅"),
    "country_rankings": ("순위", "득점", "혁신지수", "지수"),
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "").lower()


def _has(header: list[str], words: tuple[str, ...]) -> int | None:
    """Index of the first header cell that matches one of ``words`` (fuzzily)."""
    for k, cell in enumerate(header):
        h = _norm(cell)
        if not h:
            continue
        for w in words:
            w = _norm(w)
            if w in h or SequenceMatcher(None, h, w).ratio() >= 0.8:
                return k
    return None


def classify(header: list[str], caption: str | None) -> str:
    scores = {}
    for kind, needs in SIGNATURES.items():
        hits = [_has(header, words) for words in needs]
        if all(h is not None for h in hits):
            bonus = any(w in (caption or "") for w in CAPTION_HINTS[kind])
            scores[kind] = len(needs) + (0.5 if bonus else 0.0)
    if not scores:
        return "generic"
    kind = max(scores, key=scores.__getitem__)
    if kind == "device_approvals" and len(header) > 4:
        return "generic"
    return kind


def _int(text: str) -> int | None:
    m = re.fullmatch(r"\s*(\d+)\s*\.?\s*", text or "")
    return int(m.group(1)) if m else None


def _float(text: str) -> float | None:
    try:
        return float((text or "").replace(",", "").strip())
    except ValueError:
        return None


def _col(header: list[str], words: tuple[str, ...], default: int) -> int:
    k = _has(header, words)
    return default if k is None else k


def records(kind: str, header: list[str], rows: list[list[str]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Typed records of ``rows`` and warnings about values that did not parse."""
    warnings: list[str] = []
    out: list[dict[str, Any]] = []
    if kind == "generic":
        return out, warnings

    def cell(row: list[str], k: int) -> str:
        return row[k] if 0 <= k < len(row) else ""

    if kind == "drug_approvals":
        p, c = _col(header, SIGNATURES[kind][0], 1), _col(header, SIGNATURES[kind][1], 2)
        t, i = _col(header, SIGNATURES[kind][2], 3), _col(header, SIGNATURES[kind][3], 4)
        for row in rows:
            out.append({"no": _int(cell(row, 0)), "product": cell(row, p), "company": cell(row, c),
                        "type": cell(row, t), "indication": cell(row, i)})
    elif kind == "device_approvals":
        p, c = _col(header, SIGNATURES[kind][0], 1), _col(header, SIGNATURES[kind][1], 2)
        for row in rows:
            out.append({"no": _int(cell(row, 0)), "product": cell(row, p), "company": cell(row, c)})
    elif kind == "compute_platforms":
        n, d = _col(header, SIGNATURES[kind][0], 1), _col(header, SIGNATURES[kind][1], 2)
        for row in rows:
            details = [x.strip() for x in BULLET_SPLIT.split(cell(row, d)) if x.strip()]
            out.append({"no": _int(cell(row, 0)), "name": cell(row, n), "details": details})
    elif kind == "country_rankings":
        r = _col(header, SIGNATURES[kind][0], 1)
        c = _col(header, SIGNATURES[kind][1], 2)
        s = _col(header, SIGNATURES[kind][2], 3)
        tier_col = _has(header, ("등급", "그룹", "tier"))
        tier = None
        for row in rows:
            if tier_col is not None and cell(row, tier_col):
                tier = cell(row, tier_col)  # a merged tier cell is filled down
            out.append({"rank": _int(cell(row, r)), "country": cell(row, c), "score": _float(cell(row, s)),
                        "tier": tier if tier_col is not None else None})
        warnings += _check_tiers(out)
    for rec in out:
        for key in ("no", "rank"):
            if key in rec and rec[key] is None:
                warnings.append(f"{kind}: a row has no number in its first column: {rec}")
                break
    return out, warnings


def numbered(recs: list[dict[str, Any]]) -> bool:
    """Do most records carry their number (``no``, or ``rank`` for rankings)? Rows of every
    typed kind are numbered; a table whose header merely shares their words is not."""
    key = "rank" if recs and "rank" in recs[0] else "no"
    return sum(1 for r in recs if r.get(key) is not None) * 2 >= len(recs)


def _check_tiers(recs: list[dict[str, Any]]) -> list[str]:
    """Tiers must not go back as ranks go down: a rank outside its tier's range is suspect."""
    warnings = []
    last = None
    for rec in recs:
        m = TIER_NUMBER.search(rec.get("tier") or "")
        if not m:
            continue
        level = int(m.group(1))
        if last is not None and level < last:
            warnings.append(f"country_rankings: rank {rec['rank']} ({rec['country']}) is in tier "
                            f"{rec['tier']!r} after a lower tier: check the merged tier cells")
        last = level
    return warnings
