"""Name normalisation: region, country and company mentions -> one canonical entity.

    n = Normalizer()
    n.resolve("광동성").canonical_zh        # '广东'
    n.resolve("산시").ambiguous             # True: 山西 Shanxi or 陕西 Shaanxi
    n.entities_from_tables(tables)          # every mention in the tables, deduplicated

Matching: the Hanzi printed in parentheses first; then an exact alias lookup after stripping
administrative suffixes, footnote stars and brackets; then fuzzy matching (rapidfuzz) on
Hangul broken into its letters, where 광둥/광동 and 귀저우/구이저우 are near. A mention is
resolved when the best match passes ``threshold`` and beats the runner-up by ``margin``;
when the text cannot decide (`산시` alone), it is ambiguous and the candidates are listed.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

from ..settings import NameSettings

__all__ = ["Normalizer", "Resolution", "jamo"]

# Hanzi in parentheses; PDFs often space them out ("(智 谱)" in the seed), so spaces between
# the characters are allowed and dropped.
HANZI_IN_PARENS = re.compile(r"[(（]\s*([\u3400-\u9fff][\u3400-\u9fff\s]*?)\s*[)）]")
STAR = re.compile(r"[*＊※]+")
REGION_SUFFIX_KO = re.compile(r"(특별행정구|자치구|성|시)$")
REGION_SUFFIX_ZH = re.compile(r"(特别行政区|特別行政區|壮族自治区|壯族自治區|回族自治区|回族自治區|维吾尔自治区|"
                              r"維吾爾自治區|自治区|自治區|省|市)$")
INSTITUTION = re.compile(r"(연구소|연구원|대학|대학교|실험실|위원회|연구센터|研究所|研究院|大学|实验室)$")

# Compound vowels written as their parts, so 귀 is near 구이 and 해 near 하이.
_VOWEL_PARTS = {
    "\u1162": "\u1161\u1175", "\u1164": "\u1163\u1175", "\u1166": "\u1165\u1175", "\u1168": "\u1167\u1175",
    "\u116a": "\u1169\u1161", "\u116b": "\u1169\u1161\u1175", "\u116c": "\u1169\u1175",
    "\u116f": "\u116e\u1165", "\u1170": "\u116e\u1165\u1175", "\u1171": "\u116e\u1175", "\u1174": "\u1173\u1175",
}
_SILENT_IEUNG = "\u110b"


def jamo(text: str) -> str:
    """Hangul as letters: syllables decomposed (NFD), the silent initial ㅇ dropped and
    compound vowels split, so spellings of one sound come out alike."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if ch == _SILENT_IEUNG:
            continue
        out.append(_VOWEL_PARTS.get(ch, ch))
    return "".join(out)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


@dataclass
class Resolution:
    mention: str
    type: str
    canonical_ko: str | None = None
    canonical_zh: str | None = None
    canonical_en: str | None = None
    code: str | None = None
    score: float = 0.0
    ambiguous: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return not self.ambiguous and self.canonical_ko is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(float(self.score), 1)
        if not d["candidates"]:
            d.pop("candidates")
        return d


@dataclass(frozen=True)
class _Entity:
    kind: str  # region | country
    canonical_ko: str
    canonical_zh: str
    canonical_en: str
    code: str | None
    level: str = ""


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Any]:
    text = resources.files("extract").joinpath("data/gazetteer.json").read_text(encoding="utf-8")
    return json.loads(text)


class Normalizer:
    def __init__(self, settings: NameSettings | None = None):
        self.settings = settings or NameSettings()
        data = _gazetteer()
        self.entities: list[_Entity] = []
        self.exact: dict[str, set[int]] = {}
        self.fuzzy_keys: list[str] = []
        self.fuzzy_owner: list[int] = []
        for row in data["regions"]:
            self._add(_Entity("region", row["canonical_ko"], row["canonical_zh"], row["canonical_en"],
                              row["code"], row["level"]), row["aliases"])
        for row in data["countries"]:
            self._add(_Entity("country", row["canonical_ko"], row["canonical_zh"], row["canonical_en"], row["code"]),
                      row["aliases"])
        self.organisations = {o["key"]: (o["canonical_zh"], o["canonical_en"]) for o in data["organisations"]}
        self._cache: dict[tuple, Resolution] = {}

    def _add(self, entity: _Entity, aliases: Iterable[str]) -> None:
        idx = len(self.entities)
        self.entities.append(entity)
        for alias in aliases:
            self.exact.setdefault(_key(alias), set()).add(idx)
            if any("\uac00" <= c <= "\ud7a3" for c in alias):
                self.fuzzy_keys.append(jamo(_key(alias)))
                self.fuzzy_owner.append(idx)

    # ------------------------------------------------------------------ places
    def _place_candidates(self, text: str) -> tuple[set[int], float]:
        """Entity indices for a place name, and the score that found them."""
        key = _key(STAR.sub("", text))
        for probe in (key, REGION_SUFFIX_KO.sub("", key), REGION_SUFFIX_ZH.sub("", key)):
            if probe and probe in self.exact:
                return set(self.exact[probe]), 100.0
        if not any("\uac00" <= c <= "\ud7a3" for c in key):
            return set(), 0.0
        from rapidfuzz import fuzz, process

        best: dict[int, float] = {}
        for probe in {key, REGION_SUFFIX_KO.sub("", key)}:
            if len(probe) < 2:
                continue
            for _, score, k in process.extract(jamo(probe), self.fuzzy_keys, scorer=fuzz.ratio, limit=8):
                owner = self.fuzzy_owner[k]
                best[owner] = max(best.get(owner, 0.0), score)
        if not best:
            return set(), 0.0
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top, top_score = ranked[0]
        if top_score < self.settings.threshold:
            return set(), top_score
        close = {i for i, s in ranked if top_score - s < self.settings.margin}
        return close, top_score

    def _place(self, mention: str, kind: str | None, context: Sequence[str]) -> Resolution | None:
        hanzi = HANZI_IN_PARENS.search(mention)
        if hanzi:  # the Hanzi decide: 산시(陕西) is Shaanxi
            found, score = self._place_candidates(re.sub(r"\s+", "", hanzi.group(1)))
            if len(found) == 1:
                return self._result(mention, next(iter(found)), score)
        text = HANZI_IN_PARENS.sub("", mention)
        found, score = self._place_candidates(text)
        if kind in ("region", "country"):
            found = {i for i in found if self.entities[i].kind == kind}
        if not found:
            return None
        if len(found) > 1:
            found = self._by_context(found, context)
        if len(found) == 1:
            return self._result(mention, next(iter(found)), score)
        ents = [self.entities[i] for i in sorted(found)]
        return Resolution(mention, ents[0].kind, score=score, ambiguous=True, candidates=[
            {"canonical_zh": e.canonical_zh, "canonical_en": e.canonical_en, "code": e.code} for e in ents])

    def _by_context(self, found: set[int], context: Sequence[str]) -> set[int]:
        """Other places named beside the mention may decide between candidates: a city
        next to 산시 tells which province it is."""
        near = set()
        for other in context:
            cands, _ = self._place_candidates(HANZI_IN_PARENS.sub("", other))
            hanzi = HANZI_IN_PARENS.search(other)
            if hanzi:
                cands |= self._place_candidates(hanzi.group(1))[0]
            if len(cands) == 1:
                near.add(self.entities[next(iter(cands))])
        province_of_city = _PROVINCE_OF_CITY
        decided = {i for i in found if any(
            province_of_city.get(n.canonical_zh) == self.entities[i].canonical_zh for n in near)}
        if decided:
            return decided
        # Listed among provinces, a name is a province (지란 beside 윈난 and 간쑤 is 지린,
        # not the city 지난).
        levels = {n.level for n in near}
        if levels == {"province"}:
            same = {i for i in found if self.entities[i].level == "province"}
            if same:
                return same
        return found

    def _result(self, mention: str, idx: int, score: float) -> Resolution:
        e = self.entities[idx]
        return Resolution(mention, e.kind, e.canonical_ko, e.canonical_zh, e.canonical_en, e.code, score)

    # ------------------------------------------------------------------ organisations
    def split_prefix(self, mention: str) -> tuple[str | None, str]:
        """'항저우 베이다(贝达)제약*' -> ('항저우', '베이다(贝达)제약*') when the first word is
        a place; otherwise (None, mention)."""
        parts = mention.split(maxsplit=1)
        if len(parts) == 2 and not HANZI_IN_PARENS.search(parts[0]):
            found, score = self._place_candidates(parts[0])
            if found and score >= 99:
                return parts[0], parts[1]
        return None, mention

    def _organisation(self, mention: str, kind: str | None) -> Resolution:
        prefix, name = self.split_prefix(mention)
        hanzi = HANZI_IN_PARENS.search(name)
        bare = STAR.sub("", HANZI_IN_PARENS.sub("", name)).strip()
        has_hangul = any("\uac00" <= c <= "\ud7a3" for c in bare)
        canonical_ko = re.sub(r"\s+", "", bare) if has_hangul else re.sub(r"\s+", " ", bare)
        zh = re.sub(r"\s+", "", hanzi.group(1)) if hanzi else None
        en = None
        latin_key = re.sub(r"사$", "", bare).strip()
        for key in (zh, bare, latin_key):
            if key and key in self.organisations:
                known_zh, en = self.organisations[key]
                zh = zh or known_zh
                break
        typ = kind if kind in ("company", "institution") else (
            "institution" if INSTITUTION.search(canonical_ko or "") else "company")
        return Resolution(mention, typ, canonical_ko or None, zh, en, None, 100.0)

    # ------------------------------------------------------------------ public
    def resolve(self, mention: str, type: str | None = None, context: Sequence[str] = ()) -> Resolution:
        key = (mention, type, tuple(context))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result = None
        if type in (None, "region", "country"):
            result = self._place(mention.strip(), type, context)
        if result is None:
            if type in ("region", "country"):
                result = Resolution(mention, type, score=0.0)
            else:
                result = self._organisation(mention.strip(), type)
        self._cache[key] = result
        return result

    def ranked(self, mention: str, limit: int = 3) -> list[tuple[dict[str, Any], float]]:
        """The closest places for a mention by fuzzy score, best first: what a person
        checking a list by hand wants to see beside the decision (the runner-up)."""
        from rapidfuzz import fuzz, process

        key = jamo(_key(REGION_SUFFIX_KO.sub("", STAR.sub("", HANZI_IN_PARENS.sub("", mention)))))
        best: dict[int, float] = {}
        for _, score, k in process.extract(key, self.fuzzy_keys, scorer=fuzz.ratio, limit=limit * 4):
            owner = self.fuzzy_owner[k]
            best[owner] = max(best.get(owner, 0.0), score)
        out = []
        for idx, score in sorted(best.items(), key=lambda kv: -kv[1])[:limit]:
            e = self.entities[idx]
            out.append(({"canonical_ko": e.canonical_ko, "canonical_zh": e.canonical_zh,
                         "canonical_en": e.canonical_en, "code": e.code, "type": e.kind}, round(score, 1)))
        return out

    def entities_from_tables(self, tables) -> list[Resolution]:
        """Every place, country and company mention in the tables' records and in generic
        tables' place columns, first occurrence first, one per (mention, type)."""
        out: list[Resolution] = []
        seen: set[tuple[str, str]] = set()

        def add(res: Resolution | None) -> None:
            if res is None:
                return
            k = (res.mention, res.type)
            if k not in seen:
                seen.add(k)
                out.append(res)

        for table in tables:
            kind = table.kind
            if kind in ("drug_approvals", "device_approvals"):
                for rec in table.records:
                    company = (rec.get("company") or "").strip()
                    if not company:
                        continue
                    prefix, _ = self.split_prefix(company)
                    if prefix:
                        add(self.resolve(prefix, None))
                    add(self.resolve(company, "company") if not INSTITUTION.search(company) else
                        self.resolve(company, "institution"))
            elif kind == "country_rankings":
                for rec in table.records:
                    if rec.get("country"):
                        add(self.resolve(rec["country"], "country"))
            else:
                for col in self._place_columns(table):
                    for row in table.rows:
                        if col < len(row):
                            items = [x.strip() for x in re.split(r"[,、，]", row[col]) if x.strip()]
                            for item in items:
                                res = self.resolve(item, None, [x for x in items if x != item])
                                if res.type in ("region", "country") and (res.resolved or res.ambiguous):
                                    add(res)
        return out

    PLACE_HEADER = re.compile(r"지역|소재지|위치|국가|성\(省\)|도시|region|country|province|city", re.I)

    def _place_columns(self, table) -> list[int]:
        """Columns of places: the header says so, or most of their items are places."""
        header = table.header[-1] if table.header else []
        cols = []
        n = max((len(r) for r in table.rows), default=0)
        for c in range(n):
            items = [x.strip() for r in table.rows if c < len(r) for x in re.split(r"[,、，]", r[c]) if x.strip()]
            if not items:
                continue
            named = c < len(header) and self.PLACE_HEADER.search(header[c] or "")
            places = sum(1 for x in items if self._place_candidates(HANZI_IN_PARENS.sub("", x))[1] >= 99)
            if (named and places >= 0.5 * len(items)) or (places >= 0.8 * len(items) and len(items) >= 3):
                cols.append(c)
        return cols


# Province of the cities in the gazetteer (Chinese names), for context decisions.
_PROVINCE_OF_CITY = {
    "西安": "陕西", "太原": "山西", "杭州": "浙江", "苏州": "江苏", "深圳": "广东", "南京": "江苏",
    "武汉": "湖北", "兰州": "甘肃", "厦门": "福建", "成都": "四川", "大连": "辽宁", "珠海": "广东",
    "青岛": "山东", "郑州": "河南", "合肥": "安徽", "长沙": "湖南", "常州": "江苏", "福州": "福建",
    "沈阳": "辽宁", "广州": "广东", "贵阳": "贵州", "呼和浩特": "内蒙古", "无锡": "江苏", "宁波": "浙江",
    "济南": "山东", "哈尔滨": "黑龙江", "长春": "吉林", "昆明": "云南", "南宁": "广西", "海口": "海南",
    "东莞": "广东", "佛山": "广东", "温州": "浙江", "南昌": "江西", "石家庄": "河北", "烟台": "山东",
    "乌鲁木齐": "新疆", "拉萨": "西藏", "西宁": "青海", "银川": "宁夏", "绵阳": "四川", "雄安": "河北",
    "哈密": "新疆", "宜宾": "四川",
}
