"""Name normalisation: region, country, company and institution mentions -> one canonical entity.

    n = Normalizer()
    n.resolve("광동성").canonical_zh        # '广东'
    n.resolve("산시").ambiguous             # True: 山西 Shanxi or 陕西 Shaanxi
    n.entities_from_tables(tables)          # every mention in the tables, deduplicated

Places (regions, countries): the Hanzi printed in parentheses first (산시(陕西) is Shaanxi);
then an exact alias lookup, also after stripping an administrative suffix that fits the level
(성 for provinces, 시 for cities and municipalities, 자치구/自治区 for autonomous regions ...);
then rapidfuzz on Hangul decomposed to its letters (jamo), where 광둥/광동 (50 as syllables) and
귀저우/구이저우 meet, mixed with the same ratio on the consonants alone, so that a vowel slip
(지란 for 지린) costs less than a different consonant (지난, another city). A mention is
resolved when the best entity passes ``threshold`` and beats the runner-up by ``margin``;
otherwise it is ambiguous, with the candidates listed, unless the context (other mentions of
the same row) decides: a city of one of the candidate provinces, one of the candidates
itself, or a list of provinces around a name that is a province or a city.

Long and old country names: the state's form is stripped (Republic of Korea, 독일연방공화국,
日本国), Latin by words with a cost for each form word on either side, so that Korea (96) beats
the Democratic People's Republic of Korea (88) and Kenya does not come into it; old Hanzi names
and their Hanja readings (불란서, 영길리, 미합중국) are aliases.

Types (docs/NAMES.md): a type given by the column or record field filters the candidates (and
lets a slip win at ``typed_threshold``), except that a known name of the other type keeps its own
(일본 under a region column is the country 日本); Hong Kong and Macau are regions everywhere;
without one, the name's ending (성, 시, 자치구; 공화국, 왕국) or the names
beside it give it; without any, a misspelling whose best region and best country are within
``type_margin`` is ambiguous (하이랸: 荷兰 or 海南).

Unknown: a mention that matches no place and has no company or institution form (제약, 그룹,
회사, 公司, Inc.; 대학, 연구원, 병원, University ...) is ``unknown``, with no canonical names, the
best candidate's score and the candidates, not a company that resolves to itself at 100.
Under a company or institution column such a mention is a company (institution) named by its
printed form, except a person's name (a short Hangul name of a common surname), a label word or
a mention with no letter, which stay unknown, and a known place, which keeps its type.

Companies and institutions: the printed Korean name without a leading place, the Hanzi, the
footnote star and spaces is canonical_ko; the Hanzi in parentheses is canonical_zh; a known
English (and, for Latin names, Chinese) name comes from the organisations gazetteer.

The gazetteers are the CSV files in ``extract/data`` (see its README); they are read once per
process, on first use. The runtime needs only them and rapidfuzz.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Sequence

from ..settings import NameSettings

__all__ = ["Normalizer", "Resolution", "jamo", "consonants"]

PLACE_TYPES = ("region", "country")
ORG_TYPES = ("company", "institution")

# Hanzi in parentheses; PDFs often space them out ("(智 谱)"), so inner spaces are dropped.
HANZI_IN_PARENS = re.compile(r"\s*[(（]\s*([\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff\s·]*?)\s*[)）]\s*")
PARENS = re.compile(r"\s*[(（\[【〔][^)）\]】〕]*[)）\]】〕]\s*")
STAR = re.compile(r"[*＊※]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
HANZI = re.compile(r"[\u3400-\u9fff]")

# Administrative suffixes, each with the levels it can follow (type-aware stripping: 성 is
# only stripped to find a province, 시 a city or municipality ...).
_SUFFIXES = [
    # (", China" after SAR or the name: the World Bank's "Hong Kong SAR, China", "Macao, China")
    (re.compile(r"((특별행정구|特别行政区|特別行政區|specialadministrativeregion|sar)(,china)?|,china)$"), {"sar"}),
    # (웨이우얼: 维吾尔 transcribed from Chinese, beside the Korean 위구르)
    (re.compile(r"(좡족|장족|후이족|회족|위구르|위그르|웨이우얼|壮族|壯族|回族|维吾尔|維吾爾|uygur|uyghur|uighur|zhuang|zhuangzu|hui|huizu)?"
                r"(자치구|自治区|自治區|autonomousregion|zizhiqu)$"), {"autonomous"}),
    (re.compile(r"(성|省|province|sheng)$"), {"province"}),
    (re.compile(r"(시|市|city|municipality|shi)$"), {"municipality", "city"}),
]
# The form of a state around a country's short name (Republic of Korea, 독일연방공화국, 法兰西共和国,
# 일본국): stripped to find the short name, each at a small cost (see Normalizer._country_forms).
COUNTRY_FORM_WORDS = {"republic", "of", "the", "kingdom", "federal", "federation", "federative", "commonwealth",
                      "state", "confederation", "principality", "grand", "duchy", "union", "democratic",
                      "people's", "peoples", "socialist", "islamic", "arab", "plurinational", "bolivarian"}
COUNTRY_FORM_AFFIX = re.compile(
    r"(사회주의|민주주의|인민|민주|이슬람|아랍|연방|社会主义|社會主義|民主主义|民主主義|人民|民主|伊斯兰|伊斯蘭|"
    r"联邦|聯邦)?(공화국|왕국|연합왕국|합중국|대공국|공국|연방|共和[国國]|联合王[国國]|聯合王[国國]|王[国國]|"
    r"合[众眾衆][国國]|大?公[国國]|联邦|聯邦)$")
COUNTRY_BARE_GUK = re.compile(r"(국|[国國])$")  # 일본국, 日本国: only where two syllables stay
# A name ending so says its type when nothing else does (fuzzy matching only).
REGION_SUFFIX = re.compile(r"(성|시|자치구|특별행정구|省|市|自治区|自治區|特别行政区|特別行政區)$")
# Words that label or fill a table's cells and name nothing, whatever the column (a "기타" row
# of a country ranking is no 加拿大, "없음" in a company column no company): headers, totals,
# placeholders. Compared with the mention's key (spaces dropped).
LABEL_WORDS = frozenset("""
기타 그외 그밖 없음 해당없음 미정 미상 불명 비공개 합계 소계 총계 계 전체 평균 비고 구분 순위 순번 번호 출처
금액 비중 비율 점유율 점수 등급 내용 항목 분야 국가 지역 국가명 지역명 국가/지역 기업 기업명 회사 회사명 업체
업체명 기관 기관명 제품 제품명 품명 기기명 약품명 유형 분류 적응증 효능 승인일 일자 날짜 연도
매출 투자 수출 수입 생산 증가 감소 성장 규모 총합 현황 승인 출원 등록 설립 기준 자료 정보 사항 수치 단위
total subtotal sum grand all others other etc misc miscellaneous n/a na none nil tbd remarks remark note notes
source rank average mean unknown name company companies institution institutions country region
""".split())
# A label word with the affix of a header (주요 기업, 기업 수, 국가별, 매출액, 증가율, 승인일 ...) is one too.
LABEL_PREFIX = re.compile(r"^(주요|대표|기타|전체|총|평균|연간|누적)")
LABEL_SUFFIX = re.compile(r"(수|명|별|액|율|률|일|현황|비중|규모|순위|목록)$")
# A cell that says there is nothing to name (해당 사항 없음, 확인 불가, 미공개 ...).
NOTHING_HERE = re.compile(r"(없음|불가|미정|미상|모름|미확인|미기재|비공개|미공개)$")
# Surnames that make a short Hangul name a person's under a company or institution column
# (docs/NAMES.md: 김민서 there is unknown, not a company): the Korean surnames of 100,000 people
# or more (census 2015), the compound ones, and the ten commonest Chinese surnames in standard
# Korean transcription (王 왕, 李 리, 赵 자오, 周 저우 ...), for the bulletin names Chinese people.
COMMON_SURNAMES = frozenset("""
김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우
구 민 류 나 진 지 엄 채 원 천 방 공 현 남궁 황보 제갈 선우 독고 사공 서문 왕 리 자오 저우
""".split())
# A personal name in Hangul: a surname and a given name of one to three syllables, two to four in all.
PERSON_NAME = re.compile(r"[\uac00-\ud7a3]{2,4}")
# Nothing an organisation's name needs: a mention with no letter of any script (-, 15.3%, ---).
NO_LETTER = re.compile(r"[^\W\d_]")

# Company-like forms: with one of these (or a company column), a name nothing else knows is a
# company; without, it is "unknown" (a header word, a sector, a person) rather than a company
# that resolves to itself with score 100. A name of its own before the form has two syllables
# or more: 복제약 (generic drug) is no 복 + 제약.
COMPANY_FORM_KO = re.compile(
    r"..(회사|유한공사|그룹|제약|바이오|의약|과기|전자|홀딩스|닷컴|㈜|\(주\)|주식회사)$|^(㈜|\(주\)|주식회사)")
COMPANY_LATIN_SA = re.compile(r"[A-Za-z0-9.)]\s*사$")  # Takeda사, Nuvation Bio사: the Korean 사 after a Latin name
COMPANY_FORM_ZH = re.compile(r"..(公司|集团|集團|制药|製藥|药业|藥業|科技|控股|股份)$")
COMPANY_FORM_EN = {"co", "inc", "incorporated", "ltd", "limited", "corp", "corporation", "company", "llc", "plc",
                   "gmbh", "ag", "sa", "nv", "bv", "a/s", "ab", "kk", "group", "holdings", "holding",
                   "pharmaceuticals", "pharmaceutical", "pharma", "therapeutics", "biotech", "biosciences",
                   "bioscience", "biopharma", "laboratories", "technologies"}
INSTITUTION_FORM_KO = re.compile(
    r"..(연구소|연구원|연구센터|대학|대학교|대학원|학원|병원|센터|협회|학회|위원회|재단|과학원|기술원|평가원|진흥원|"
    r"정책원|개발원|실험실|연합회|촉진회|기금회)$")
INSTITUTION_FORM_ZH = re.compile(r".(研究所|研究院|研究中心|中心|大学|大學|学院|學院|医院|醫院|协会|協會|学会|學會|"
                                 r"委员会|委員會|基金会|基金會|科学院|科學院|工程院|实验室|實驗室|促进会|促進會|联盟|聯盟)$")
INSTITUTION_FORM_EN = {"university", "institute", "academy", "college", "school", "hospital", "center", "centre",
                       "council", "commission", "foundation", "association", "society", "administration",
                       "ministry", "agency", "bureau", "laboratory", "committee", "federation"}
# Any one form word at the end (to find whether a name is more than forms: 바이오의약 is not).
_FORM_AT_END = re.compile(
    r"(회사|유한공사|그룹|제약|바이오|의약|과기|전자|홀딩스|닷컴|주식회사|연구소|연구원|연구센터|대학교|대학원|대학|"
    r"학원|병원|센터|협회|학회|위원회|재단|과학원|기술원|평가원|진흥원|정책원|개발원|실험실|연합회|촉진회|기금회|"
    r"公司|集团|集團|制药|製藥|药业|藥業|科技|控股|股份|有限|研究所|研究院|研究中心|中心|大学|大學|学院|學院|"
    r"医院|醫院|协会|協會|学会|學會|委员会|委員會|基金会|基金會|科学院|科學院|工程院|实验室|實驗室|促进会|促進會|"
    r"联盟|聯盟)$")
INSTITUTION = re.compile(r"(연구소|연구원|대학|대학교|실험실|위원회|연구센터|센터|학부|"
                         r"研究所|研究院|大学|实验室|實驗室)$")
# Legal-form and trade words after a company's name, longest first: stripped to find the core
# name (베이다제약 -> 베이다) that the organisations gazetteer knows.
LEGAL_FORMS = re.compile(
    r"(정밀의료기기회사|의료설비회사|의료기기회사|바이오제약|바이오의약|의료회사|기기회사|제약회사|제약|의약|바이오|그룹|"
    r"회사|股份有限公司|有限责任公司|有限公司|集团|公司|사)$")

# A name this short (in syllables) has too few letters for a syllable dropped or added and its
# first sound changed as well to be a slip: 타이 is no 아이티 (海地), though 소주 may be 수저우.
SHORT_SYLLABLES = 2

# Compound vowels written as their parts (귀 = 구+이, 해 = 하+이); tense consonants as plain ones
# (쑤/수, 따/다: both spellings of one Chinese sound are in use).
_JAMO_MAP = {
    "\u1162": "\u1161\u1175", "\u1164": "\u1163\u1175", "\u1166": "\u1165\u1175", "\u1168": "\u1167\u1175",
    "\u116a": "\u1169\u1161", "\u116b": "\u1169\u1161\u1175", "\u116c": "\u1169\u1175",
    "\u116f": "\u116e\u1165", "\u1170": "\u116e\u1165\u1175", "\u1171": "\u116e\u1175", "\u1174": "\u1173\u1175",
    "\u1101": "\u1100", "\u1104": "\u1103", "\u1108": "\u1107", "\u110a": "\u1109", "\u110d": "\u110c",
    "\u110b": "",  # the silent initial ㅇ
}
_VOWELS = set(chr(c) for c in range(0x1161, 0x1176))


@lru_cache(maxsize=65536)
def jamo(text: str) -> str:
    """Hangul as letters: syllables decomposed (NFD), the silent initial ㅇ dropped, compound
    vowels split and tense consonants made plain, so spellings of one sound come out alike."""
    return "".join(_JAMO_MAP.get(ch, ch) for ch in unicodedata.normalize("NFD", text))


# Aspirated consonants as plain ones, in the consonant skeleton only: Korean writers render a
# foreign stop now aspirated, now tense, now plain (이라크/이라끄, 타이/따이), while the full
# letters still tell the spellings apart. Initials ㅋㅌㅍㅊ and finals ㅋㅌㅍㅊ.
_ASPIRATED = {"\u110f": "\u1100", "\u1110": "\u1103", "\u1111": "\u1107", "\u110e": "\u110c",
              "\u11bf": "\u11a8", "\u11c0": "\u11ae", "\u11c1": "\u11b8", "\u11be": "\u11bd"}


@lru_cache(maxsize=65536)
def consonants(text: str) -> str:
    """The consonant skeleton of :func:`jamo` (vowels dropped, aspiration folded)."""
    return "".join(_ASPIRATED.get(ch, ch) for ch in jamo(text) if ch not in _VOWELS)


def _first_sound(text: str) -> str:
    """The first syllable's initial consonant as :func:`consonants` folds it ('' for a silent ㅇ)."""
    first = jamo(text[:1])
    return _ASPIRATED.get(first[:1], first[:1]) if first[:1] not in _VOWELS else ""


def _without_marks(text: str) -> str:
    """Latin letters without their accents and tone marks (Guǎngdōng, Türkiye, São Tomé): pinyin
    is printed with tones or without. Hangul decomposes into letters, not marks, and comes back
    whole."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def _key(text: str) -> str:
    return re.sub(r"[\s'’‘`]+", "", _without_marks(text)).lower()


@dataclass
class Resolution:
    mention: str
    type: str  # region | country | company | institution | unknown (nothing matched, no company form)
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
        return d


@dataclass(frozen=True)
class _Place:
    kind: str  # region | country
    level: str  # province | municipality | autonomous | sar | city | country
    canonical_ko: str
    canonical_zh: str
    canonical_en: str
    code: str | None
    province_zh: str | None

    def candidate(self, score: float) -> dict[str, Any]:
        return {"canonical_ko": self.canonical_ko, "canonical_zh": self.canonical_zh,
                "canonical_en": self.canonical_en, "code": self.code, "score": round(score, 1)}


class _Index:
    """The gazetteers, indexed for exact and fuzzy lookup (built once per process)."""

    def __init__(self) -> None:
        self.places: list[_Place] = []
        self.exact: dict[str, set[int]] = {}
        self.fuzzy_full: list[str] = []
        self.fuzzy_cons: list[str] = []
        self.fuzzy_owner: list[int] = []
        self.fuzzy_syllables: list[int] = []
        self.fuzzy_first_sound: list[str] = []
        self.latin_keys: list[str] = []
        self.latin_owner: list[int] = []
        # Latin aliases by their words less the state's form: "korea" -> [(KR, {}), (KP, {democratic,
        # people's, republic, of})], so that "Republic of Korea" meets Korea, not Kenya.
        self.latin_core: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for row in _read_csv("regions.csv"):
            self._add(_Place("region", row["level"], row["canonical_ko"], row["canonical_zh"], row["canonical_en"],
                             row["code"] or None, row["province_zh"] or None), row["aliases"].split("|"))
        # Hong Kong and Macau are regions everywhere, also under a country column (docs/NAMES.md):
        # their ISO 3166-1 rows (HK, MO) lend the special administrative regions their names and
        # are no countries of their own. (Taiwan keeps both entries: the mention's type decides.)
        sars = {p.code.split("-")[-1]: i for i, p in enumerate(self.places) if p.level == "sar" and p.code}
        for row in _read_csv("countries.csv"):
            if row["code"] in sars:
                self._add_aliases(sars[row["code"]], row["aliases"].split("|"))
                continue
            # (the English name is an alias too: the DRC's aliases lack it, and its short name,
            # Congo, is the other Congo's)
            self._add(_Place("country", "country", row["canonical_ko"], row["canonical_zh"], row["canonical_en"],
                             row["code"], None), row["aliases"].split("|") + [row["canonical_en"]])
        self.orgs: dict[str, tuple[str | None, str | None]] = {}
        self.org_ko_full: list[str] = []
        self.org_ko_cons: list[str] = []
        self.org_ko_owner: list[tuple[str | None, str | None]] = []
        for row in _read_csv("organisations.csv"):
            value = (row["canonical_zh"] or None, row["canonical_en"] or None)
            for alias in row["aliases"].split("|"):
                self.orgs[_key(alias)] = value
                if HANGUL.search(alias):
                    self.org_ko_full.append(jamo(_key(alias)))
                    self.org_ko_cons.append(consonants(_key(alias)))
                    self.org_ko_owner.append(value)

    def _add(self, place: _Place, aliases: list[str]) -> None:
        self.places.append(place)
        self._add_aliases(len(self.places) - 1, aliases)

    def _add_aliases(self, idx: int, aliases: list[str]) -> None:
        for alias in aliases:
            k = _key(alias)
            if not k or idx in self.exact.get(k, ()):
                continue
            self.exact.setdefault(k, set()).add(idx)
            if HANGUL.search(k):
                self.fuzzy_full.append(jamo(k))
                self.fuzzy_cons.append(consonants(k))
                self.fuzzy_owner.append(idx)
                self.fuzzy_syllables.append(len(HANGUL.findall(k)))
                self.fuzzy_first_sound.append(_first_sound(k))
            elif not HANZI.search(k) and len(k) > 3:
                self.latin_keys.append(k)
                self.latin_owner.append(idx)
            if not HANGUL.search(k) and not HANZI.search(k):
                core, forms = _latin_words(alias)
                if core:
                    self.latin_core.setdefault(core, []).append((idx, forms))


# The state's form abbreviated as statistical tables print it, the short name first (the World
# Bank's "Korea, Rep.", "Korea, Dem. People's Rep.", "Micronesia, Fed. Sts.").
COUNTRY_FORM_ABBREVIATIONS = {"rep": "republic", "dem": "democratic", "fed": "federal", "sts": "states"}
# Words of the form that tell no state from another: they are stripped, and cost nothing.
COUNTRY_FORM_FILLERS = {"of", "the"}
# Words of the form that tell two states of one short name apart (the Republic of Korea and the
# Democratic People's Republic of Korea, the two Congos): a mention's word of these that the
# name lacks costs as much as a word the name has and the mention lacks.
COUNTRY_FORM_TELLING = {"democratic", "people's", "peoples"}


def _latin_words(text: str) -> tuple[str, frozenset[str]]:
    """A Latin name's words other than the state's form, and the form words that tell states
    apart: 'Korea, Republic of' -> ('korea', {'republic'}); 'Korea, Rep.' the same."""
    words = [w.strip(".'’") for w in re.split(r"[\s,;()]+", _without_marks(text).lower())]
    words = [COUNTRY_FORM_ABBREVIATIONS.get(w, w).replace("’", "'") for w in words if w]
    core = " ".join(w for w in words if w not in COUNTRY_FORM_WORDS)
    return core, frozenset(w for w in words if w in COUNTRY_FORM_WORDS and w not in COUNTRY_FORM_FILLERS)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("extract").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


class Normalizer:
    def __init__(self, settings: NameSettings | None = None):
        self.settings = settings or NameSettings()
        self._cache: dict[tuple, Resolution] = {}
        self._scores: dict[tuple[str, bool], tuple[dict[int, float], bool]] = {}

    @property
    def index(self) -> _Index:
        return _index()

    @property
    def entities(self) -> list[_Place]:
        return self.index.places

    # ------------------------------------------------------------------ places
    def _exact(self, key: str) -> dict[int, float]:
        """Exact alias hits for a cleaned key: 100 as written, 100 after stripping a suffix
        that fits the entity's level, 95 after stripping one that does not (지린시)."""
        ix = self.index
        if key in ix.exact:
            return {i: 100.0 for i in ix.exact[key]}
        out: dict[int, float] = {}
        for pattern, levels in _SUFFIXES:
            probe = pattern.sub("", key)
            if probe != key and probe in ix.exact:
                for i in ix.exact[probe]:
                    score = 100.0 if ix.places[i].level in levels else 95.0
                    out[i] = max(out.get(i, 0.0), score)
        return out

    def _scores_for(self, text: str, fuzzy: bool = True) -> dict[int, float]:
        """Score of every plausible place entity for a mention (entity index -> 0-100)."""
        return self._scored(text, fuzzy)[0]

    def _scored(self, text: str, fuzzy: bool = True) -> tuple[dict[int, float], bool]:
        """(scores, whether they come from fuzzy matching rather than a known name)."""
        cache_key = (text, fuzzy)
        cached = self._scores.get(cache_key)
        if cached is not None:
            return cached
        key = _key(STAR.sub("", text))
        found = self._exact(key) if key else {}
        if not found and key:
            found = self._country_forms(text, key)
        is_fuzzy = False
        if not found and fuzzy and key:
            found, is_fuzzy = self._fuzzy(key), True
        self._scores[cache_key] = (found, is_fuzzy)
        return found, is_fuzzy

    def _country_forms(self, text: str, key: str) -> dict[int, float]:
        """A country's long or official name: its short name inside the state's form. Latin by
        words, each form word the mention has and the alias lacks costing 2 and each one the
        alias has and the mention lacks 6 (Republic of Korea: Korea 96, Democratic People's
        Republic of Korea 88); Hangul and Hanzi by stripping the form from the end, 2 a strip
        (독일연방공화국 -> 독일, 日本国 -> 日本)."""
        ix = self.index
        out: dict[int, float] = {}
        if not HANGUL.search(key) and not HANZI.search(key):
            core, forms = _latin_words(text)
            for idx, alias_forms in ix.latin_core.get(core, ()):
                if ix.places[idx].kind != "country":
                    continue
                extra = forms - alias_forms
                score = 100.0 - 2 * len(extra - COUNTRY_FORM_TELLING) - 6 * len(extra & COUNTRY_FORM_TELLING) \
                    - 6 * len(alias_forms - forms)
                if score > out.get(idx, 0.0):
                    out[idx] = score
            if not out and "." in key:  # U.S.A. as USA
                out = {i: 98.0 for i in ix.exact.get(key.replace(".", ""), ()) if ix.places[i].kind == "country"}
            return out
        probe, strips = key, 0
        for pattern in (COUNTRY_FORM_AFFIX, COUNTRY_FORM_AFFIX, COUNTRY_BARE_GUK):
            stripped = pattern.sub("", probe)
            if stripped == probe or len(stripped) < 2:
                continue
            probe, strips = stripped, strips + 1
            hits = [i for i in ix.exact.get(probe, ()) if ix.places[i].kind == "country"]
            if hits:
                return {i: 100.0 - 2 * strips for i in hits}
        return out

    def _fuzzy(self, key: str) -> dict[int, float]:
        from rapidfuzz import fuzz, process

        ix = self.index
        best: dict[int, float] = {}
        if HANGUL.search(key):
            for cut in range(2, len(key)):
                # a known name with a word after it is another word (한국인, 중국어, 미국산), not a
                # misspelling of the name
                if key[:cut] in ix.exact and not any(p.search(key) for p, _ in _SUFFIXES):
                    return {}
            w = self.settings.consonant_weight
            probes = {key}
            for pattern, _ in _SUFFIXES:
                stripped = pattern.sub("", key)
                if len(stripped) >= 2:
                    probes.add(stripped)
            for probe in probes:
                full, cons = jamo(probe), consonants(probe)
                syllables = len(HANGUL.findall(probe))
                for _, s_full, k in process.extract(full, ix.fuzzy_full, scorer=fuzz.ratio, limit=None,
                                                    score_cutoff=50):
                    if abs(syllables - ix.fuzzy_syllables[k]) >= 2:
                        continue  # a slip changes a letter or a syllable, not two (바이오의약 is no 백이의)
                    if syllables == SHORT_SYLLABLES and ix.fuzzy_syllables[k] != syllables and \
                            _first_sound(probe) != ix.fuzzy_first_sound[k]:
                        continue  # a syllable more or less and another first sound are two changes
                    score = (1 - w) * s_full + w * fuzz.ratio(cons, ix.fuzzy_cons[k])
                    owner = ix.fuzzy_owner[k]
                    if score > best.get(owner, 0.0):
                        best[owner] = score
        elif not HANZI.search(key) and len(key) > 3:
            for _, score, k in process.extract(key, ix.latin_keys, scorer=fuzz.ratio, limit=10, score_cutoff=60):
                owner = ix.latin_owner[k]
                best[owner] = max(best.get(owner, 0.0), score)
        return best

    @staticmethod
    def _filter(scores: dict[int, float], places: list[_Place], kind: str | None) -> dict[int, float]:
        if kind in PLACE_TYPES:
            return {i: s for i, s in scores.items() if places[i].kind == kind}
        return scores

    def _place(self, mention: str, kind: str | None, context: Sequence[str], fuzzy: bool = True) -> Resolution | None:
        places = self.index.places
        joined = _key(re.sub(r"[()（）]", "", mention))
        if HANZI.search(joined) and joined in self.index.exact and _key(mention) != joined:
            # a Chinese name whose parentheses are part of it: 刚果（金） is the DRC, not 刚果 told
            # by a note in parentheses
            scores = {i: 100.0 for i in self.index.exact[joined]}
            return self._result(mention, _ranked(scores, places)[0], 100.0, scores)
        hanzi = HANZI_IN_PARENS.search(mention)
        if hanzi:  # the Hanzi decide: 산시(陕西) is Shaanxi
            scores, hanzi_kind = self._known_of_type(
                self._scores_for(re.sub(r"[\s·]+", "", hanzi.group(1)), fuzzy=False), kind)
            top = _decide(scores, places, self.settings, hanzi_kind)
            if top is not None:
                return self._result(mention, top, scores[top], scores)
        text = PARENS.sub("", mention).strip() or mention
        scores, is_fuzzy = self._scored(text, fuzzy)
        typed = kind in PLACE_TYPES
        if not is_fuzzy:
            scores, kind = self._known_of_type(scores, kind)
        if is_fuzzy and kind is None:
            # the name's own ending may say its type (하이랸성 is a region): then a candidate of
            # another type cannot win
            key = _key(text)
            # (only after a name of two syllables or more: 공시 is no 공 + 시)
            kind = "region" if len(REGION_SUFFIX.sub("", key)) >= 2 and REGION_SUFFIX.search(key) else \
                ("country" if len(COUNTRY_FORM_AFFIX.sub("", key)) >= 2 and COUNTRY_FORM_AFFIX.search(key) else None)
            kind = kind or self._context_kind(mention, context)
            if kind is None and HANGUL.search(key) and len(HANGUL.findall(key)) <= 2:
                # two syllables are too few letters for a slip to tell: with no type from anywhere,
                # 보건 is health, not 복건 (福建), and 시장 a market, not 시짱 (西藏)
                return None
        every = scores
        scores = self._filter(scores, places, kind)
        best = max(scores.values(), default=0.0)
        # a column of regions (or countries) makes a slip of one of them likelier than chance
        threshold = self.settings.typed_threshold if typed else self.settings.threshold
        if best < threshold:
            return self._doubtful_other_type(mention, every, kind, best) if typed and is_fuzzy else None
        top = _decide(scores, places, self.settings, kind, threshold)
        if top is not None and typed and is_fuzzy:
            # the hint is worth type_margin points: a slip the other type's name fits better by
            # more than that (멕시꼬 under a region column: 墨西哥 94, the city 无锡 71) is ambiguous
            doubtful = self._doubtful_other_type(mention, every, kind, scores[top] + self.settings.type_margin)
            if doubtful is not None:
                return doubtful
        if top is not None and is_fuzzy and kind is None:
            undecided = self._cross_type(mention, scores, top)
            if undecided is not None:
                return undecided
        if top is not None:
            return self._result(mention, top, scores[top], scores)
        close = {i: s for i, s in scores.items() if best - s < self.settings.margin}
        decided = self._by_context(close, mention, context)
        if decided is not None:
            return self._result(mention, decided, scores[decided], scores)
        ranked = _ranked(close, places)
        return Resolution(mention, places[ranked[0]].kind, score=best, ambiguous=True,
                          candidates=[places[i].candidate(close[i]) for i in ranked])

    def _doubtful_other_type(self, mention: str, scores: dict[int, float], kind: str | None,
                             at_least: float) -> Resolution | None:
        """A slip closer to a name of the other type than to any of the hint's (스웨던 under a
        region column: 瑞典) is ambiguous, never the other type's entity: the hint speaks against
        it (docs/NAMES.md). None when the other type's best is not past ``at_least`` (the best of
        the hint's type, or that plus the hint's worth) or misses the threshold."""
        places = self.index.places
        others = {i: s for i, s in scores.items() if places[i].kind != kind}
        if not others or max(others.values()) < self.settings.threshold or max(others.values()) <= at_least:
            return None
        top = _ranked(others, places)[0]
        of_kind = _ranked({i: s for i, s in scores.items() if i not in others}, places)[:1]
        return self._ambiguous_between(mention, [top, *of_kind], scores)

    def _known_of_type(self, scores: dict[int, float], kind: str | None) -> tuple[dict[int, float], str | None]:
        """Known names (exact or alias hits) filtered by the hint, unless none is of the hint's
        type: then a name keeps its own type whatever the hint (docs/NAMES.md), so 일본 under a
        region column is the country 日本 and 상하이 under a country column the region 上海."""
        of_kind = self._filter(scores, self.index.places, kind)
        if scores and not of_kind:
            return scores, None
        return of_kind, kind

    def _context_kind(self, mention: str, context: Sequence[str]) -> str | None:
        """The type of the other names beside this one (the rest of a row or list), when those
        that are known names are all of one type: 지란 among 윈난 and 간쑤 is a region."""
        kinds = set()
        for other in context:
            if other and other != mention:
                scores = self._scores_for(PARENS.sub("", other).strip() or other, fuzzy=False)
                kinds |= {self.index.places[i].kind for i in scores}
        return next(iter(kinds)) if len(kinds) == 1 else None

    def _cross_type(self, mention: str, scores: dict[int, float], top: int | None = None) -> Resolution | None:
        """A misspelling of no known type whose best region and best country are close (하이랸:
        荷兰 as a country, 海南 as a region) is ambiguous between them; None when they are not."""
        places = self.index.places
        if top is None:
            top = _ranked(scores, places)[0]
        rival = max((i for i in scores if places[i].kind != places[top].kind), key=lambda i: scores[i], default=None)
        if rival is None or scores[top] - scores[rival] >= self.settings.type_margin:
            return None
        return self._ambiguous_between(mention, [top, rival], scores)

    def _ambiguous_between(self, mention: str, ids: list[int], scores: dict[int, float]) -> Resolution:
        """Ambiguous between the places ``ids`` (the first the likelier), each a candidate
        with its type: the types may differ."""
        places = self.index.places
        return Resolution(mention, places[ids[0]].kind, score=round(scores[ids[0]], 1), ambiguous=True,
                          candidates=[dict(places[i].candidate(scores[i]), type=places[i].kind) for i in ids])

    def _by_context(self, close: dict[int, float], mention: str, context: Sequence[str]) -> int | None:
        """Other mentions beside this one may decide between close candidates: a city of one
        candidate province (시안 -> 陕西), the candidate itself (陕西 nearby), or a list of
        provinces, in which a name that is a province or a city is the province (지란 among
        윈난 and 간쑤 is 지린, not the city 지난)."""
        if not context:
            return None
        places = self.index.places
        near: list[_Place] = []
        for other in context:
            if not other or other == mention:
                continue
            hanzi = HANZI_IN_PARENS.search(other)
            scores = self._scores_for(re.sub(r"\s+", "", hanzi.group(1)), fuzzy=False) if hanzi else {}
            if len(scores) != 1:
                scores = self._scores_for(PARENS.sub("", other).strip() or other, fuzzy=False)
            if len(scores) == 1:
                near.append(places[next(iter(scores))])
        if not near:
            return None
        zh_near = {p.canonical_zh for p in near} | {p.province_zh for p in near if p.level == "city"}
        by_zh = [i for i in close if places[i].canonical_zh in zh_near and places[i].level != "city"]
        if len({places[i].canonical_zh for i in by_zh}) == 1:
            return by_zh[0]
        if all(p.level != "city" and p.kind == "region" for p in near):
            provincial = [i for i in close if places[i].level not in ("city", "country")]
            if len(provincial) == 1:
                return provincial[0]
        return None

    def _result(self, mention: str, idx: int, score: float, scores: dict[int, float]) -> Resolution:
        e = self.index.places[idx]
        others = [i for i in _ranked(scores, self.index.places) if self.index.places[i].canonical_zh != e.canonical_zh]
        return Resolution(mention, e.kind, e.canonical_ko, e.canonical_zh, e.canonical_en, e.code, round(score, 1),
                          candidates=[self.index.places[i].candidate(scores[i]) for i in others[:3]])

    # ------------------------------------------------------------------ organisations
    def split_prefix(self, mention: str) -> tuple[str | None, str]:
        """'항저우 베이다(贝达)제약*' -> ('항저우', '베이다(贝达)제약*') when the first word is a
        place (an exact alias, suffix allowed); otherwise (None, mention)."""
        parts = mention.split(maxsplit=1)
        # a Latin first word is part of an English name (Korea Institute of ..., China Mobile)
        if len(parts) == 2 and not HANZI_IN_PARENS.search(parts[0]) and \
                (HANGUL.search(parts[0]) or HANZI.search(parts[0])):
            scores = self._scores_for(parts[0], fuzzy=False)
            if scores and max(scores.values()) >= 95:
                return parts[0], parts[1]
        return None, mention

    def _organisation(self, mention: str, kind: str | None) -> Resolution:
        ix = self.index
        _, name = self.split_prefix(mention)
        hanzi = HANZI_IN_PARENS.search(name)
        bare = STAR.sub("", HANZI_IN_PARENS.sub("", name)).strip()
        has_hangul = bool(HANGUL.search(bare))
        canonical_ko = re.sub(r"\s+", "", bare) if has_hangul else re.sub(r"\s+", " ", bare)
        zh = re.sub(r"[\s·]+", "", hanzi.group(1)) if hanzi else None
        known: tuple[str | None, str | None] | None = None
        score = 100.0
        latin = re.sub(r"\s*사$", "", bare).strip()
        for key in (zh, bare, latin):
            if key and _key(key) in ix.orgs:
                known = ix.orgs[_key(key)]
                break
        if known is None and zh is None and has_hangul:
            core = _key(LEGAL_FORMS.sub("", canonical_ko))
            if len(core) >= 2:
                known, score = self._org_fuzzy(core)
        en = None
        if known is not None:
            zh = zh or known[0]
            en = known[1]
        typ = kind if kind in ORG_TYPES else (_org_form(name) or "company")
        return Resolution(mention, typ, canonical_ko or None, zh, en, None, score)

    def _unknown(self, mention: str, kind: str | None) -> Resolution:
        """Nothing matched and nothing says it is an organisation: no canonical names, the best
        candidate's score and the candidates, so that a reader sees how close it came."""
        text = PARENS.sub("", mention).strip() or mention
        every = self._scores_for(text)
        # none of the column's type: show those of the other, so that a reader sees how close it came
        scores = self._filter(every, self.index.places, kind) or every
        ranked = _ranked(scores, self.index.places)[:3]
        best = scores[ranked[0]] if ranked else 0.0
        cands = [dict(self.index.places[i].candidate(scores[i]), type=self.index.places[i].kind) for i in ranked]
        return Resolution(mention, "unknown", score=round(best, 1), candidates=cands)

    def _org_fuzzy(self, core: str) -> tuple[tuple[str | None, str | None] | None, float]:
        """A company printed without its Hanzi: its core name against the known Korean names."""
        ix = self.index
        if core in ix.orgs:
            return ix.orgs[core], 100.0
        from rapidfuzz import fuzz, process

        w = self.settings.consonant_weight
        full, cons = jamo(core), consonants(core)
        best: dict[tuple, float] = {}
        for _, s_full, k in process.extract(full, ix.org_ko_full, scorer=fuzz.ratio, limit=None, score_cutoff=60):
            s = (1 - w) * s_full + w * fuzz.ratio(cons, ix.org_ko_cons[k])
            owner = ix.org_ko_owner[k]
            best[owner] = max(best.get(owner, 0.0), s)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= self.settings.org_threshold and (
                len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= self.settings.margin):
            return ranked[0][0], round(ranked[0][1], 1)
        return None, 100.0

    # ------------------------------------------------------------------ public
    def resolve(self, mention: str, type: str | None = None, context: Sequence[str] = ()) -> Resolution:
        """One mention -> its entity. ``type`` None guesses: a place if the gazetteers know
        it, else an institution or company by its last word."""
        key = (mention, type, tuple(context))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        text = unicodedata.normalize("NFC", mention).strip()
        result: Resolution | None = None
        if _label(text) or not NO_LETTER.search(text):
            result = self._unknown(text, type)
        elif type in ORG_TYPES and self._known_place(text):
            # a known place keeps its type under a company column too (docs/NAMES.md)
            result = self._place(text, None, context, fuzzy=False)
        elif type in ORG_TYPES and (doubtful := self._slip_of_a_place(text)) is not None:
            result = doubtful
        elif type in ORG_TYPES and self._person_name(text):
            result = self._unknown(text, type)
        org_like = type is None and _org_like(text)
        if result is None and type in (None, *PLACE_TYPES):
            # a name with a company form is matched against places only as written (광둥제약 is no
            # misspelt 광둥)
            result = self._place(text, type, context, fuzzy=not org_like)
        if result is None:
            if type in ORG_TYPES or org_like:
                result = self._organisation(text, type)
            else:
                result = self._unknown(text, type)
        result.mention = mention
        self._cache[key] = result
        return result

    def _known_place(self, text: str) -> bool:
        """The mention is a place's name or alias as written (no slip: under a company column a
        slip of a place is likelier a company's own name)."""
        if HANZI_IN_PARENS.search(text) or _org_form(text):
            return False
        scores, is_fuzzy = self._scored(text, fuzzy=False)
        return bool(scores) and not is_fuzzy

    def _slip_of_a_place(self, text: str) -> Resolution | None:
        """Under a company or institution column, a mention with no organisation's form that
        is a close slip of a place's name (광둔성 for 광둥성, 네덜런드 for 네덜란드) is ambiguous:
        the column speaks for a company named so, the spelling for the place (docs/NAMES.md: a
        doubtful match of another type than the hint cannot win outright, nor lose outright)."""
        if _org_like(text) or HANZI_IN_PARENS.search(text):
            return None
        scores, is_fuzzy = self._scored(PARENS.sub("", text).strip() or text)
        if not is_fuzzy or not scores or max(scores.values()) < self.settings.threshold:
            return None
        return self._ambiguous_between(text, _ranked(scores, self.index.places)[:2], scores)

    def _person_name(self, text: str) -> bool:
        """A short Hangul name of a common surname with nothing of an organisation about it: no
        company or institution form, no Hanzi printed after it, not a known organisation, not a
        place followed by a word (한국전력 is a company, not 한 + 국전력)."""
        key = _key(STAR.sub("", text))
        if not PERSON_NAME.fullmatch(key) or _org_like(text) or key in self.index.orgs:
            return False
        if any(key[:cut] in self.index.exact for cut in range(2, len(key) - 1)):
            return False
        return any(key[:n] in COMMON_SURNAMES and len(key) > n for n in (1, 2))

    def ranked(self, mention: str, limit: int = 3) -> list[tuple[dict[str, Any], float]]:
        """The closest places for a mention, best first, with their scores."""
        scores = self._scores_for(PARENS.sub("", mention).strip() or mention)
        if not scores or max(scores.values()) >= 100:
            key = _key(STAR.sub("", PARENS.sub("", mention)))
            scores = {**self._fuzzy(key), **scores}
        out = []
        for idx in _ranked(scores, self.index.places)[:limit]:
            e = self.index.places[idx]
            out.append(({"canonical_ko": e.canonical_ko, "canonical_zh": e.canonical_zh,
                         "canonical_en": e.canonical_en, "code": e.code, "type": e.kind}, round(scores[idx], 1)))
        return out

    def entities_from_tables(self, tables) -> list[Resolution]:
        """Every region, country, company and institution mention in the tables, first
        occurrence first, one per (mention, type):

        - drug/device approvals: each company, and the place in front of it (a province or
          city as a region, a country as a country);
        - country rankings: each country;
        - generic tables: items of region/country columns (found by header word or by
          content that resolves), comma lists split; company/institution columns too when
          ``settings.generic_organisations`` is on (the contract's truth files list none).
        """
        out: list[Resolution] = []
        seen: set[tuple[str, str]] = set()

        def add(res: Resolution | None) -> None:
            if res is not None and (res.mention, res.type) not in seen:
                seen.add((res.mention, res.type))
                out.append(res)

        for table in tables:
            if table.kind in ("drug_approvals", "device_approvals"):
                for rec in table.records:
                    company = re.sub(r"\s+", " ", str(rec.get("company") or "")).strip()
                    if not company:
                        continue
                    prefix, rest = self.split_prefix(company)
                    if prefix:
                        add(self.resolve(prefix, None, [rest]))
                    typ = "institution" if INSTITUTION.search(STAR.sub("", company).strip()) else "company"
                    add(self.resolve(company, typ))
            elif table.kind == "country_rankings":
                for rec in table.records:
                    if rec.get("country"):
                        add(self.resolve(str(rec["country"]).strip(), "country"))
            elif table.kind == "generic":
                place_cols, org_cols = self._typed_columns(table)
                col_kind = {c: self._column_kind(table, c) for c in place_cols}
                for row in table.rows:
                    row_items = {c: _split(row[c]) for c in place_cols if c < len(row)}
                    row_context = [x for items in row_items.values() for x in items]
                    for c, items in row_items.items():
                        for item in items:
                            res = self.resolve(item, col_kind[c], [x for x in row_context if x != item])
                            if res.type in PLACE_TYPES and (res.resolved or res.ambiguous):
                                add(res)
                    if self.settings.generic_organisations:
                        for c in org_cols:
                            if c < len(row):
                                for item in _split(row[c]):
                                    add(self.resolve(item, None if c in place_cols else "company"))
        return out

    PLACE_HEADER = re.compile(r"지역|소재지|위치|국가|나라|도시|성\(省\)|省份|地区|国家|"
                              r"region|country|province|city|location",
                              re.I)
    ORG_HEADER = re.compile(r"기업|기관|회사|업체|대학|company|institution|organi[sz]ation|企业|机构", re.I)

    def _column_kind(self, table, c: int) -> str | None:
        """The type of a column's names, when those it holds as known names are all of one type
        (a column of provinces is a region column, so a slip in it is a region's)."""
        kinds = set()
        for row in table.rows:
            for item in _split(row[c]) if c < len(row) else ():
                scores = self._scores_for(PARENS.sub("", item).strip() or item, fuzzy=False)
                places = [self.index.places[i] for i in scores]
                if len({p.canonical_zh for p in places}) == 1:  # 타이완 is a region and a country: no vote
                    kinds |= {p.kind for p in places} if len(places) == 1 else set()
        return next(iter(kinds)) if len(kinds) == 1 else None

    def _typed_columns(self, table) -> tuple[list[int], list[int]]:
        """Columns of places (the header says so and half the items resolve, or 80% of at
        least three items resolve) and of organisations (by header word)."""
        header = [" ".join(h[c] for h in table.header if c < len(h)) for c in
                  range(max((len(h) for h in table.header), default=0))]
        n = max((len(r) for r in table.rows), default=0)
        places, orgs = [], []
        for c in range(n):
            items = [x for r in table.rows if c < len(r) for x in _split(r[c])]
            if not items:
                continue
            title = header[c] if c < len(header) else ""
            if self.ORG_HEADER.search(title):
                orgs.append(c)
            hits = 0
            for x in items:
                res = self.resolve(x, None)
                hits += res.type in PLACE_TYPES and (res.resolved or res.ambiguous)
            if (self.PLACE_HEADER.search(title) and hits >= 0.5 * len(items)) or \
                    (hits >= 0.8 * len(items) and len(items) >= 3):
                places.append(c)
        return places, orgs


def _label(text: str) -> bool:
    """A word that labels or fills a table's cells (docs/NAMES.md): a label word, with a header's
    affix or the Hanzi or a note in parentheses (기업명(국가)), written with dots or a hyphen
    (N.A., Sub-total), Latin words that are all label words (Grand Total), or a cell saying
    there is nothing to name."""
    key = _key(PARENS.sub("", text)) or _key(text)
    plain = re.sub(r"[.\-_·:]+", "", key)
    if key in LABEL_WORDS or plain in LABEL_WORDS:
        return True
    if HANGUL.search(key):
        core = LABEL_SUFFIX.sub("", LABEL_PREFIX.sub("", plain))
        return bool(NOTHING_HERE.search(plain)) or (core != plain and core in LABEL_WORDS)
    words = [w for w in re.split(r"[^0-9a-z/]+", text.lower()) if w]
    return bool(words) and all(w in LABEL_WORDS for w in words)


def _org_form(name: str) -> str | None:
    """'company' or 'institution' when the name has the form of one (제약, 그룹, Inc., 公司 ...;
    대학, 연구원, University, 研究院 ...) after a name of its own, else None: a form alone or forms
    of forms (바이오의약, Co., University) are words, not names."""
    clean = STAR.sub("", HANZI_IN_PARENS.sub("", name))
    bare = re.sub(r"\s+", "", clean)
    words = {w.strip(".'’").lower() for w in re.split(r"[\s,;()]+|(?<=[a-z])\.(?=[A-Z])", clean) if w}
    if not words - COMPANY_FORM_EN - INSTITUTION_FORM_EN - COUNTRY_FORM_WORDS - {"and", "&"}:
        words = set()
    core = bare
    while True:
        shorter = _FORM_AT_END.sub("", core)
        if shorter == core:
            break
        core = shorter
    if not core:
        bare = ""
    if INSTITUTION_FORM_KO.search(bare) or INSTITUTION_FORM_ZH.search(bare) or words & INSTITUTION_FORM_EN:
        return "institution"
    if COMPANY_FORM_KO.search(bare) or COMPANY_FORM_ZH.search(bare) or COMPANY_LATIN_SA.search(name.strip()) \
            or words & COMPANY_FORM_EN:
        return "company"
    return None


def _org_like(text: str) -> bool:
    """An organisation by its form, or by the Hanzi printed after a Korean name (베이다(贝达)):
    the bulletin prints companies so, and a place in that form is resolved before this."""
    return _org_form(text) is not None or bool(HANZI_IN_PARENS.search(text) and HANGUL.search(text))


def _split(cell: str) -> list[str]:
    """A cell's comma list: '광둥, 베이징, 상하이' -> three items (not inside parentheses)."""
    if not cell:
        return []
    if len(cell) > 80 or "•" in cell or "○" in cell:
        return []  # running text, not a list of names
    items = re.split(r"\s*[,、，/]\s*(?![^()（）]*[)）])", cell)
    return [re.sub(r"\s+", " ", x).strip() for x in items if x and x.strip()]


def _ranked(scores: dict[int, float], places: list[_Place]) -> list[int]:
    """Entity indices best first; ties by level (province before city) and code."""
    order = {"province": 0, "municipality": 0, "autonomous": 0, "sar": 0, "country": 1, "city": 2}
    return sorted(scores, key=lambda i: (-scores[i], order.get(places[i].level, 3), places[i].code or "",
                                         places[i].canonical_zh))


def _decide(scores: dict[int, float], places: list[_Place], settings: NameSettings, kind: str | None,
            threshold: float | None = None) -> int | None:
    """The winning entity: best score past the threshold, ahead of every other entity by the
    margin. With no type given, a region and a country of the same name (홍콩, 타이완) are
    the region."""
    if not scores:
        return None
    ranked = _ranked(scores, places)
    top = ranked[0]
    if scores[top] < (settings.threshold if threshold is None else threshold):
        return None
    rivals = [i for i in ranked[1:] if places[i].canonical_zh != places[top].canonical_zh]
    if kind is None:
        rivals = [i for i in rivals if not (places[i].kind == "country" and places[top].kind == "region"
                                            and places[i].code and places[top].code
                                            and places[top].code.endswith("-" + places[i].code))]  # type: ignore[union-attr,operator]  # (both checked above)
    if kind == "region" and places[top].level != "city":
        # in a column of regions a city that scores no better than a province does not block
        # it: the columns list provinces far more often than cities (허란: 河南 = 武汉)
        rivals = [i for i in rivals if places[i].level != "city" or scores[i] > scores[top]]
    if rivals and scores[top] - scores[rivals[0]] < settings.margin:
        return None
    return top
