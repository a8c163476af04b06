"""Field-by-field comparison of an output with a golden JSON.

Differences are reported by path (``tables[3].rows[12][2]``, ``sections[1].articles[0].date``)
so a reader sees at once what drifted. Lists of objects are aligned by their identity
(an article's title, a table's id, a section's name, an entity's mention), so one missing
article is one difference, not a cascade of shifted ones.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterable

#: Keys that identify an object inside a list, tried in this order.
IDENTITY_KEYS = ("title", "caption", "name", "mention", "section", "id", "url")

#: Extension fields that a contract golden does not carry.
CONTRACT_EXTENSIONS = (
    "provenance", "warnings", "warning_details", "completeness",
    "tables[*].notes", "tables[*].quality", "tables[*].bboxes",
    "sections[*].articles[*].number", "sections[*].articles[*].notes", "sections[*].articles[*].wraps",
    "entities[*].candidates", "entities[*].score",
)


@dataclass
class Difference:
    path: str
    kind: str  # "changed" | "missing" | "extra"
    expected: Any = None
    found: Any = None

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"{self.path}: missing (expected {_short(self.expected)})"
        if self.kind == "extra":
            return f"{self.path}: extra ({_short(self.found)})"
        return f"{self.path}: {_short(self.found)} ≠ {_short(self.expected)} (expected)"


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _identity(item: Any) -> str:
    if isinstance(item, dict):
        for key in IDENTITY_KEYS:
            if isinstance(item.get(key), str) and item.get(key):
                return f"{key}={item[key]}"
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _pattern(glob: str) -> re.Pattern:
    """A path glob: ``[*]`` is any list index, ``*`` any text (``tables[*].quality``,
    ``source.sha256``, ``warnings``); a pattern also covers everything below its path."""
    regex = re.escape(glob).replace(r"\[\*\]", r"\[\d+\]").replace(r"\*", ".*")
    return re.compile(regex + r"(?:$|[.\[].*)")


def ignored(path: str, patterns: Iterable[str]) -> bool:
    return any(_pattern(p).match(path) for p in patterns)


def compare(found: Any, expected: Any, ignore: Iterable[str] = (), path: str = "") -> list[Difference]:
    ignore = tuple(ignore)
    out: list[Difference] = []
    _compare(found, expected, ignore, path, out)
    return out


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _compare(found: Any, expected: Any, ignore: tuple[str, ...], path: str, out: list[Difference]) -> None:
    if path and ignored(path, ignore):
        return
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in expected:
            sub = _join(path, key)
            if ignored(sub, ignore):
                continue
            if key not in found:
                out.append(Difference(sub, "missing", expected=expected[key]))
            else:
                _compare(found[key], expected[key], ignore, sub, out)
        for key in found:
            sub = _join(path, key)
            # A golden written to the contract alone lacks our extension fields; their
            # absence is not a difference (when the golden has them, they are compared).
            if key not in expected and not ignored(sub, ignore) and not ignored(sub, CONTRACT_EXTENSIONS):
                out.append(Difference(sub, "extra", found=found[key]))
        return
    if isinstance(expected, list) and isinstance(found, list):
        _compare_lists(found, expected, ignore, path, out)
        return
    if _equal_scalars(found, expected):
        return
    out.append(Difference(path, "changed", expected=expected, found=found))


def _equal_scalars(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return abs(a - b) < 1e-9
    return a == b


def _compare_lists(found: list, expected: list, ignore, path: str, out: list[Difference]) -> None:
    objects = any(isinstance(x, dict) for x in expected + found)
    if not objects:
        # Scalars and rows: positional, so one changed cell is one difference.
        for k in range(max(len(found), len(expected))):
            sub = _join(path, k)
            if k >= len(found):
                out.append(Difference(sub, "missing", expected=expected[k]))
            elif k >= len(expected):
                out.append(Difference(sub, "extra", found=found[k]))
            else:
                _compare(found[k], expected[k], ignore, sub, out)
        return
    keys_e = [_identity(x) for x in expected]
    keys_f = [_identity(x) for x in found]
    matcher = SequenceMatcher(None, keys_e, keys_f, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for di in range(i2 - i1):
                _compare(found[j1 + di], expected[i1 + di], ignore, _join(path, i1 + di), out)
            continue
        for i in range(i1, i2):
            out.append(Difference(_join(path, i), "missing", expected=expected[i]))
        for j in range(j1, j2):
            out.append(Difference(_join(path, j), "extra", found=found[j]))


def renumber_tables(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` whose table ids are their positions (``#1``, ``#2`` ...), in the
    tables list and in every article's ``tables``: ids are names a producer picks, so two
    documents are compared by what the ids point to."""
    doc = json.loads(json.dumps(doc))
    mapping = {}
    for k, table in enumerate(doc.get("tables") or [], start=1):
        mapping[table.get("id")] = f"#{k}"
        table["id"] = f"#{k}"
    for section in doc.get("sections") or []:
        for article in section.get("articles") or []:
            article["tables"] = [mapping.get(t, t) for t in article.get("tables") or []]
    return doc
