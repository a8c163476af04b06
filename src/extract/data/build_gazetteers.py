#!/usr/bin/env python3
"""Regenerate the gazetteers of the name normaliser: ``regions.csv``, ``countries.csv`` and
``organisations.csv`` beside this file.

    .venv/bin/pip install pycountry pypinyin opencc-python-reimplemented hanja   # build only
    .venv/bin/python src/extract/data/build_gazetteers.py

What comes from packages (see README.md for the column-by-column account):

- ``pycountry`` (ISO 3166 data with the iso-codes translations): the 34 ISO 3166-2:CN codes
  and their official romanised and Chinese full names (广东省, 广西壮族自治区 ...), and, for
  countries, ISO 3166-1 alpha-2 codes with the Chinese (zh_CN, zh_TW) and Korean names of
  every country, kept as aliases;
- ``opencc`` (opencc-python-reimplemented): traditional forms (s2t, s2tw, s2hk) of every
  Chinese name;
- ``hanja``: the Korean Hanja reading of every Chinese name (广东 -> 廣東 -> 광동), the
  older Korean way of writing Chinese places;
- ``pypinyin``: the tone-marked pinyin of each name, kept as a column, and a check that the
  curated English name agrees with it (the tones are what tell 陕西 shǎn from 山西 shān).

What no package has and is curated below by hand: the Korean Chinese-sound spellings
(국립국어원 외래어 표기), the short Chinese names, common English names, spelling variants seen
in Korean texts, the cities, and the organisations. The runtime reads only the CSV files.
"""
from __future__ import annotations

import csv
import gettext
from pathlib import Path

import hanja
import opencc
import pycountry
from pypinyin import Style, pinyin

HERE = Path(__file__).resolve().parent

# ISO code -> (canonical_zh short, canonical_ko Chinese-sound, canonical_en common,
#              other Korean spellings seen in Korean texts, other Chinese/English forms)
PROVINCES = {
    "CN-BJ": ("北京", "베이징", "Beijing", [], []),
    "CN-TJ": ("天津", "톈진", "Tianjin", ["텐진"], []),
    "CN-HE": ("河北", "허베이", "Hebei", [], []),
    "CN-SX": ("山西", "산시", "Shanxi", [], []),
    "CN-NM": ("内蒙古", "네이멍구", "Inner Mongolia", ["내몽골", "내몽고"], ["Nei Mongol"]),
    "CN-LN": ("辽宁", "랴오닝", "Liaoning", ["요녕"], []),
    "CN-JL": ("吉林", "지린", "Jilin", [], []),
    "CN-HL": ("黑龙江", "헤이룽장", "Heilongjiang", ["헤이룽쟝"], []),
    "CN-SH": ("上海", "상하이", "Shanghai", [], []),
    "CN-JS": ("江苏", "장쑤", "Jiangsu", ["장수"], []),
    "CN-ZJ": ("浙江", "저장", "Zhejiang", [], []),
    "CN-AH": ("安徽", "안후이", "Anhui", [], []),
    "CN-FJ": ("福建", "푸젠", "Fujian", ["푸지엔"], []),
    "CN-JX": ("江西", "장시", "Jiangxi", [], []),
    "CN-SD": ("山东", "산둥", "Shandong", [], []),
    "CN-HA": ("河南", "허난", "Henan", [], []),
    "CN-HB": ("湖北", "후베이", "Hubei", [], []),
    "CN-HN": ("湖南", "후난", "Hunan", [], []),
    "CN-GD": ("广东", "광둥", "Guangdong", [], []),
    "CN-GX": ("广西", "광시", "Guangxi", [], []),
    "CN-HI": ("海南", "하이난", "Hainan", [], []),
    "CN-CQ": ("重庆", "충칭", "Chongqing", [], []),
    "CN-SC": ("四川", "쓰촨", "Sichuan", ["스촨"], []),
    "CN-GZ": ("贵州", "구이저우", "Guizhou", [], []),
    "CN-YN": ("云南", "윈난", "Yunnan", [], []),
    "CN-XZ": ("西藏", "시짱", "Tibet", ["티베트", "티벳"], ["Xizang"]),
    "CN-SN": ("陕西", "산시", "Shaanxi", [], []),
    "CN-GS": ("甘肃", "간쑤", "Gansu", [], []),
    "CN-QH": ("青海", "칭하이", "Qinghai", [], []),
    "CN-NX": ("宁夏", "닝샤", "Ningxia", [], []),
    "CN-XJ": ("新疆", "신장", "Xinjiang", [], []),
    "CN-TW": ("台湾", "타이완", "Taiwan", ["대만"], []),
    "CN-HK": ("香港", "홍콩", "Hong Kong", [], []),
    "CN-MO": ("澳门", "마카오", "Macau", [], ["Macao"]),
}
# Pinyin of the short name disagrees with the English name on purpose for these.
EN_NOT_PINYIN = {"CN-SN", "CN-NM", "CN-XZ", "CN-HK", "CN-MO"}

# Cities the bulletin cites: canonical_zh, canonical_en, canonical_ko, other Korean spellings,
# province (canonical_zh) for context decisions.
CITIES = [
    ("杭州", "Hangzhou", "항저우", [], "浙江"), ("苏州", "Suzhou", "쑤저우", ["수저우"], "江苏"),
    ("深圳", "Shenzhen", "선전", ["션전", "심천"], "广东"), ("南京", "Nanjing", "난징", [], "江苏"),
    ("武汉", "Wuhan", "우한", [], "湖北"), ("兰州", "Lanzhou", "란저우", [], "甘肃"),
    ("厦门", "Xiamen", "샤먼", [], "福建"), ("西安", "Xi'an", "시안", [], "陕西"),
    ("成都", "Chengdu", "청두", [], "四川"), ("大连", "Dalian", "다롄", ["다렌"], "辽宁"),
    ("珠海", "Zhuhai", "주하이", [], "广东"), ("青岛", "Qingdao", "칭다오", [], "山东"),
    ("郑州", "Zhengzhou", "정저우", [], "河南"), ("合肥", "Hefei", "허페이", [], "安徽"),
    ("长沙", "Changsha", "창사", [], "湖南"), ("太原", "Taiyuan", "타이위안", [], "山西"),
    ("常州", "Changzhou", "창저우", [], "江苏"), ("福州", "Fuzhou", "푸저우", [], "福建"),
    ("沈阳", "Shenyang", "선양", [], "辽宁"), ("广州", "Guangzhou", "광저우", [], "广东"),
    ("贵阳", "Guiyang", "구이양", [], "贵州"), ("呼和浩特", "Hohhot", "후허하오터", [], "内蒙古"),
    ("无锡", "Wuxi", "우시", [], "江苏"), ("宁波", "Ningbo", "닝보", [], "浙江"),
    ("济南", "Jinan", "지난", [], "山东"), ("哈尔滨", "Harbin", "하얼빈", [], "黑龙江"),
    ("长春", "Changchun", "창춘", [], "吉林"), ("昆明", "Kunming", "쿤밍", [], "云南"),
    ("南宁", "Nanning", "난닝", ["남녕"], "广西"), ("海口", "Haikou", "하이커우", [], "海南"),
    ("东莞", "Dongguan", "둥관", [], "广东"), ("佛山", "Foshan", "포산", [], "广东"),
    ("温州", "Wenzhou", "원저우", [], "浙江"), ("南昌", "Nanchang", "난창", [], "江西"),
    ("石家庄", "Shijiazhuang", "스자좡", [], "河北"), ("烟台", "Yantai", "옌타이", [], "山东"),
    ("乌鲁木齐", "Urumqi", "우루무치", [], "新疆"), ("拉萨", "Lhasa", "라싸", [], "西藏"),
    ("西宁", "Xining", "시닝", ["서녕"], "青海"), ("银川", "Yinchuan", "인촨", [], "宁夏"),
    ("绵阳", "Mianyang", "몐양", [], "四川"), ("雄安", "Xiong'an", "슝안", [], "河北"),
    ("哈密", "Hami", "하미", [], "新疆"), ("宜宾", "Yibin", "이빈", [], "四川"),
]
# Older romanisations (Chinese Postal Map Romanization, Wade-Giles) still found in English texts
# and old documents: Peking, Kwangtung, Szechwan, Amoy, Tsingtao ...
POSTAL = {
    "北京": ["Peking", "Peiping"], "天津": ["Tientsin"], "河北": ["Hopeh", "Hopei"], "山西": ["Shansi"],
    "吉林": ["Kirin"], "黑龙江": ["Heilungkiang"], "江苏": ["Kiangsu"], "浙江": ["Chekiang"], "安徽": ["Anhwei"],
    "福建": ["Fukien"], "江西": ["Kiangsi"], "山东": ["Shantung"], "河南": ["Honan"], "湖北": ["Hupeh", "Hupei"],
    "广东": ["Kwangtung"], "广西": ["Kwangsi"], "重庆": ["Chungking"], "四川": ["Szechwan", "Szechuan"],
    "贵州": ["Kweichow"], "陕西": ["Shensi"], "甘肃": ["Kansu"], "青海": ["Tsinghai"], "新疆": ["Sinkiang"],
    "台湾": ["Formosa"], "杭州": ["Hangchow"], "苏州": ["Soochow"], "南京": ["Nanking"], "厦门": ["Amoy"],
    "西安": ["Sian", "Hsian"], "成都": ["Chengtu"], "大连": ["Dairen"], "青岛": ["Tsingtao"], "郑州": ["Chengchow"],
    "福州": ["Foochow"], "沈阳": ["Mukden"], "广州": ["Canton"], "乌鲁木齐": ["Urumchi", "Tihwa"],
    "呼和浩特": ["Huhehot", "Huhhot"], "济南": ["Tsinan"], "温州": ["Wenchow"], "宁波": ["Ningpo"],
    "石家庄": ["Shihkiachwang"], "烟台": ["Chefoo"],
}
# Hanja readings that are also ordinary Korean words or Korean place names: a Korean text
# using them means the Korean thing, so they are not aliases (광주 Gwangju, 장사 business,
# 성도 saints, 청도 Cheongdo, 소주 soju, 연대 era, 동관, 불산 ...).
HANJA_STOP = {"광주", "장사", "성도", "청도", "소주", "연대", "상주", "해구", "귀양", "불산", "동완",
              "남령", "서령", "심수", "합이빈", "오로목제", "납살", "합밀", "의빈"}
# Hanja readings kept for provinces even where they are Korean words too, because Korean
# texts on China use them (하남, 호남, 강서 ...): the bulletin itself prints 하남.
KO_SUFFIX = {"province": ["성"], "municipality": ["시"], "autonomous": ["자치구"], "sar": ["특별행정구"]}

# canonical_zh short, ISO alpha-2, canonical_en (ISO 3166-1 common name), canonical_ko,
# other forms in use. Every other ISO country is added from pycountry with its zh/ko names.
COUNTRIES = [
    ("美国", "US", "United States", "미국", ["USA", "U.S.", "America"]),
    ("韩国", "KR", "South Korea", "한국", ["Korea", "남한"]),
    ("中国", "CN", "China", "중국", ["PRC", "중화인민공화국"]),
    ("日本", "JP", "Japan", "일본", []),
    ("英国", "GB", "United Kingdom", "영국", ["UK", "Britain", "Great Britain"]),
    ("德国", "DE", "Germany", "독일", []),
    ("法国", "FR", "France", "프랑스", []),
    ("加拿大", "CA", "Canada", "캐나다", []),
    ("新加坡", "SG", "Singapore", "싱가포르", ["싱가폴"]),
    ("澳大利亚", "AU", "Australia", "호주", ["澳洲"]),
    ("以色列", "IL", "Israel", "이스라엘", []),
    ("瑞典", "SE", "Sweden", "스웨덴", []),
    ("荷兰", "NL", "Netherlands", "네덜란드", ["Holland", "화란"]),
    ("瑞士", "CH", "Switzerland", "스위스", []),
    ("芬兰", "FI", "Finland", "핀란드", []),
    ("丹麦", "DK", "Denmark", "덴마크", []),
    ("挪威", "NO", "Norway", "노르웨이", []),
    ("奥地利", "AT", "Austria", "오스트리아", []),
    ("西班牙", "ES", "Spain", "스페인", ["에스파냐"]),
    ("意大利", "IT", "Italy", "이탈리아", ["義大利", "이태리"]),
    ("比利时", "BE", "Belgium", "벨기에", []),
    ("爱尔兰", "IE", "Ireland", "아일랜드", []),
    ("印度", "IN", "India", "인도", []),
    ("俄罗斯", "RU", "Russia", "러시아", []),
    ("巴西", "BR", "Brazil", "브라질", []),
    ("卢森堡", "LU", "Luxembourg", "룩셈부르크", []),
    ("新西兰", "NZ", "New Zealand", "뉴질랜드", ["紐西蘭"]),
    ("爱沙尼亚", "EE", "Estonia", "에스토니아", []),
    ("冰岛", "IS", "Iceland", "아이슬란드", []),
    ("葡萄牙", "PT", "Portugal", "포르투갈", []),
    ("波兰", "PL", "Poland", "폴란드", []),
    ("捷克", "CZ", "Czechia", "체코", ["Czech Republic"]),
    ("匈牙利", "HU", "Hungary", "헝가리", []),
    ("希腊", "GR", "Greece", "그리스", []),
    ("土耳其", "TR", "Türkiye", "튀르키예", ["터키", "Turkey"]),
    ("沙特阿拉伯", "SA", "Saudi Arabia", "사우디아라비아", ["沙特", "사우디"]),
    ("阿联酋", "AE", "United Arab Emirates", "아랍에미리트", ["UAE"]),
    ("越南", "VN", "Vietnam", "베트남", []),
    ("泰国", "TH", "Thailand", "태국", []),
    ("马来西亚", "MY", "Malaysia", "말레이시아", []),
    ("印度尼西亚", "ID", "Indonesia", "인도네시아", ["印尼"]),
    ("菲律宾", "PH", "Philippines", "필리핀", []),
    ("墨西哥", "MX", "Mexico", "멕시코", []),
    ("南非", "ZA", "South Africa", "남아프리카공화국", ["남아공"]),
    ("阿根廷", "AR", "Argentina", "아르헨티나", []),
    ("智利", "CL", "Chile", "칠레", []),
    ("乌克兰", "UA", "Ukraine", "우크라이나", []),
    ("朝鲜", "KP", "North Korea", "북한", []),
    ("蒙古", "MN", "Mongolia", "몽골", ["蒙古国"]),
    ("台湾", "TW", "Taiwan", "타이완", ["대만", "中华民国"]),
    ("香港", "HK", "Hong Kong", "홍콩", []),
    ("澳门", "MO", "Macao", "마카오", ["Macau"]),
    ("哈萨克斯坦", "KZ", "Kazakhstan", "카자흐스탄", []),
    ("巴基斯坦", "PK", "Pakistan", "파키스탄", []),
    ("埃及", "EG", "Egypt", "이집트", []),
    ("卡塔尔", "QA", "Qatar", "카타르", []),
    ("斯洛文尼亚", "SI", "Slovenia", "슬로베니아", []),
    ("立陶宛", "LT", "Lithuania", "리투아니아", []),
    ("马耳他", "MT", "Malta", "몰타", []),
    ("塞浦路斯", "CY", "Cyprus", "키프로스", []),
    # iso-codes has only the official names of these (伊朗伊斯兰共和国, 이란 이슬람 공화국)
    ("伊朗", "IR", "Iran", "이란", []),
    ("叙利亚", "SY", "Syria", "시리아", []),
    ("老挝", "LA", "Laos", "라오스", []),
    ("委内瑞拉", "VE", "Venezuela", "베네수엘라", []),
    ("玻利维亚", "BO", "Bolivia", "볼리비아", []),
    ("摩尔多瓦", "MD", "Moldova", "몰도바", []),
    ("坦桑尼亚", "TZ", "Tanzania", "탄자니아", []),
]
# Older Chinese-character names of countries, as Korean and Japanese texts wrote them before the
# present Chinese names (佛蘭西 France, 英吉利 England, 獨逸 Germany, 和蘭 Holland ...), and the
# stems of official names (美利堅 of 美利堅合衆國, 德意志 of 德意志聯邦共和國): kept as aliases
# with their Korean Hanja readings (불란서, 영길리, 독일, 화란, 미합중국), which Korean texts still use.
# Chinese short names in use that the translations lack: the two Congos told apart by their
# capitals (刚果（金）Kinshasa, 刚果（布）Brazzaville), written without the parentheses as keys.
CHINESE_NAMES = {"CD": ["刚果金"], "CG": ["刚果布"]}
OLD_NAMES = {
    "US": ["美利堅", "米利堅", "亞米利加", "美合衆國"], "GB": ["英吉利", "大不列顛"], "FR": ["佛蘭西", "法蘭西"],
    "DE": ["獨逸", "德意志"], "IT": ["伊太利"], "NL": ["和蘭"], "BE": ["白耳義"], "DK": ["丁抹"],
    "CH": ["瑞西"], "AT": ["墺地利"], "RU": ["露西亞"], "PH": ["比律賓"], "TH": ["暹羅"], "CA": ["加奈陀"],
    "AU": ["濠洲"], "SG": ["新嘉坡"], "CN": ["中華人民共和國"],
}
# Korean names in use that neither iso-codes nor the curated short names give: official names
# whose stem alone names something else (아메리카 합중국: 아메리카 is the continent; the UK's
# 그레이트브리튼 북아일랜드 연합왕국), the Standard Korean Language Dictionary's 타이 beside the
# Hanja-based 태국, North Korea's standard 로씨야, Myanmar's former name 버마.
KOREAN_NAMES = {"US": ["아메리카 합중국"], "GB": ["그레이트브리튼 북아일랜드 연합왕국"], "TH": ["타이"],
                "RU": ["로씨야"], "MM": ["버마"]}
# Hanja readings of country names that are everyday Korean words (파란 blue, 지리 geography, 조선
# shipbuilding, 정말 really, 파서 parser ...): a Korean text using them means the word.
COUNTRY_HANJA_STOP = {"파서", "파란", "지리", "남비", "나위", "정말", "서사", "분란", "조선", "오문", "향항",
                      "빙도", "첩극", "단맥", "비로", "이랑"}

# ISO countries that are provincial-level divisions of China in ISO 3166-2:CN (TW, HK, MO) are
# countries too; both entries stay, and the mention's type decides.

# Companies and institutions seen in the shared truth and the project's samples: key (the
# Hanzi printed in parentheses, or the Latin name as printed without country prefix and the
# Korean 사), canonical_zh (a known Chinese name for Latin-named companies, else the key),
# canonical_en (public English name, else None), Korean core names as printed (without the
# legal-form word), so that the same company printed without its Hanzi is still recognised.
ORGANISATIONS = [
    ("贝达", "贝达", "Betta", ["베이다"]), ("先声", "先声", "Simcere", ["셴성"]),
    ("齐鲁", "齐鲁", "Qilu", ["치루"]), ("恒瑞", "恒瑞", "Hengrui", ["헝루이"]),
    ("豪森", "豪森", "Hansoh", ["하오선"]), ("特宝", "特宝", "Amoytop", ["터바오"]),
    ("驯鹿", "驯鹿", "IASO Bio", ["쉰루"]), ("科曼", "科曼", "Comen", ["커만"]),
    ("英福美", "英福美", "Infervision", ["잉푸메이"]), ("聯影", "聯影", "United Imaging", ["롄잉"]),
    ("迈瑞", "迈瑞", "Mindray", ["마이루이"]), ("康方", "康方", "Akeso", ["캉팡"]),
    ("亚盛", "亚盛", "Ascentage", ["야성"]), ("迪哲", "迪哲", "Dizal", ["디쩌"]),
    ("旺实", "旺实", None, ["왕스"]), ("柯菲平", "柯菲平", None, ["커페이핑"]),
    ("盛迪亚", "盛迪亚", None, ["성디야"]), ("海和", "海和", None, ["하이허"]),
    ("众生睿创", "众生睿创", None, ["중성뤼촹"]), ("圣和", "圣和", None, ["성허"]),
    ("博锐", "博锐", None, ["보루이"]), ("思济", "思济", None, ["쓰지"]),
    ("轩竹", "轩竹", None, ["쉬안주"]), ("三生国健", "三生国健", None, ["싼성궈젠"]),
    ("白药", "白药", None, ["바이야오"]), ("泰德", "泰德", None, ["타이더"]),
    ("百济", "百济", None, ["바이지"]), ("天智航", "天智航", None, ["톈즈항"]),
    ("Takeda", "武田", "Takeda", ["다케다"]),
    ("Medtronic MiniMed", "美敦力", "Medtronic MiniMed", []),
    ("Alcon Laboratories, Incorporated", "爱尔康", "Alcon", []),
    ("Ubiosis Co.", None, "Ubiosis", []), ("Conavi Medical Inc.", None, "Conavi Medical", []),
    ("Corindus Inc", None, "Corindus", []), ("ZAP Surgical Systems.Inc.", None, "ZAP Surgical Systems", []),
    ("Boehringer Ingelheim", None, "Boehringer Ingelheim", []), ("argenx", None, "argenx", []),
]

_S2T = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
_T2S = opencc.OpenCC("t2s")


def chinese_forms(text: str) -> set[str]:
    """The simplified text and its traditional forms."""
    simp = _T2S.convert(text)
    return {text, simp, *(c.convert(simp) for c in _S2T)}


def hanja_reading(zh: str) -> str:
    """Korean reading of a Chinese name; hanja reads traditional characters only."""
    return hanja.translate(_S2T[0].convert(zh), "substitution")


def _HANZI_LEFT(text: str) -> bool:
    """hanja leaves characters it cannot read as they are."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def tone_pinyin(zh: str) -> str:
    return " ".join(p[0] for p in pinyin(zh, style=Style.TONE))


def plain_pinyin(zh: str) -> str:
    return "".join(p[0] for p in pinyin(zh, style=Style.NORMAL))


def _level(sub) -> str:
    return {"Province": "province", "Municipality": "municipality", "Autonomous region": "autonomous",
            "Special administrative region": "sar"}[sub.type]


def build_regions() -> list[dict]:
    zh_cn = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    rows = []
    subs = {s.code: s for s in pycountry.subdivisions.get(country_code="CN")}
    assert set(subs) == set(PROVINCES), set(subs) ^ set(PROVINCES)
    for code, (zh, ko, en, ko_other, other) in PROVINCES.items():
        sub = subs[code]
        level = _level(sub)
        full_zh = zh_cn.gettext(sub.name)
        if full_zh == sub.name:  # the translation lacks it (Ningxia in this pycountry)
            full_zh = {"CN-NX": "宁夏回族自治区"}[code]
        if code not in EN_NOT_PINYIN:
            assert plain_pinyin(zh).lower() == en.lower().replace(" ", ""), (code, plain_pinyin(zh), en)
        hanja_ko = hanja_reading(zh)
        aliases = {ko, hanja_ko, *ko_other, en, *other, sub.name, *POSTAL.get(zh, [])}
        aliases |= chinese_forms(zh) | chinese_forms(full_zh)
        for base in {ko, hanja_ko, *ko_other}:
            aliases.update(base + s for s in KO_SUFFIX[level])
        rows.append({"level": level, "code": code, "canonical_zh": zh, "canonical_ko": ko, "canonical_en": en,
                     "province_zh": zh, "pinyin": tone_pinyin(zh), "hanja_ko": hanja_ko,
                     "aliases": "|".join(sorted(a for a in aliases if a))})
    for zh, en, ko, ko_other, province in CITIES:
        hanja_ko = hanja_reading(zh)
        aliases = {ko, *ko_other, en, *chinese_forms(zh), *chinese_forms(zh + "市"), ko + "시", *POSTAL.get(zh, [])}
        if hanja_ko not in HANJA_STOP and hanja_ko != ko:
            aliases |= {hanja_ko, hanja_ko + "시"}
        rows.append({"level": "city", "code": "", "canonical_zh": zh, "canonical_ko": ko, "canonical_en": en,
                     "province_zh": province, "pinyin": tone_pinyin(zh), "hanja_ko": hanja_ko,
                     "aliases": "|".join(sorted(aliases))})
    return rows


def build_countries() -> list[dict]:
    tr = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
          for lang in ("zh_CN", "zh_TW", "ko")}
    curated = {code: (zh, en, ko, other) for zh, code, en, ko, other in COUNTRIES}
    rows = []
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        names.discard(None)
        iso_zh = {tr["zh_CN"].gettext(c.name), tr["zh_TW"].gettext(c.name)} - {c.name}
        iso_ko = {tr["ko"].gettext(c.name)} - {c.name}
        if c.alpha_2 in curated:
            zh, en, ko, other = curated[c.alpha_2]
        else:
            zh_cn = tr["zh_CN"].gettext(c.name)
            ko_iso = tr["ko"].gettext(c.name)
            if zh_cn == c.name or ko_iso == c.name:
                continue  # no Chinese or Korean name: of no use to this bulletin
            zh, en, ko, other = zh_cn, getattr(c, "common_name", None) or c.name, ko_iso, []
        aliases = {zh, ko, en, *other, *names, *iso_zh, *iso_ko, *OLD_NAMES.get(c.alpha_2, []),
                   *KOREAN_NAMES.get(c.alpha_2, []), *CHINESE_NAMES.get(c.alpha_2, [])}
        for a in list(aliases):
            if any("\u4e00" <= ch <= "\u9fff" for ch in a):
                aliases |= chinese_forms(a)
        if c.alpha_2 in curated:  # the Hanja readings of its Chinese names (법국, 서반아, 불란서)
            for a in [zh, *other, *OLD_NAMES.get(c.alpha_2, [])]:
                if not _HANZI_LEFT(a):
                    continue
                reading = hanja_reading(a)
                if len(reading) >= 2 and reading not in COUNTRY_HANJA_STOP and not _HANZI_LEFT(reading):
                    aliases.add(reading)
        rows.append({"code": c.alpha_2, "canonical_zh": zh, "canonical_ko": ko, "canonical_en": en,
                     "curated": "yes" if c.alpha_2 in curated else "no",
                     "aliases": "|".join(sorted(a for a in aliases if a and "," not in a))})
    return rows


def build_organisations() -> list[dict]:
    rows = []
    for key, zh, en, ko in ORGANISATIONS:
        keys = chinese_forms(key) if any("\u4e00" <= ch <= "\u9fff" for ch in key) else {key}
        rows.append({"key": key, "canonical_zh": zh or "", "canonical_en": en or "",
                     "aliases": "|".join(sorted(keys | set(ko)))})
    return rows


def write(name: str, rows: list[dict]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    write("regions.csv", build_regions())
    write("countries.csv", build_countries())
    write("organisations.csv", build_organisations())


if __name__ == "__main__":
    main()
