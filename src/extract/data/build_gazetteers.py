#!/usr/bin/env python3
"""Regenerate ``gazetteer.json``: China's provincial-level divisions, the cities the
bulletin cites, countries, and companies/institutions seen in the samples.

    python src/extract/data/build_gazetteers.py

Every row below was curated by hand (see README.md beside this file for the sources); the
script adds the mechanical variants — administrative suffixes in Korean and Chinese,
traditional forms, spacing — so the lists stay short and reviewable. It needs nothing but
the standard library; the runtime reads only the JSON it writes.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# canonical_zh, code, canonical_en, Korean Chinese-sound (canonical_ko), other Korean forms
# (Hanja readings, common spellings), Chinese full/traditional forms, Korean full names.
PROVINCES = [
    ("北京", "CN-BJ", "Beijing", "베이징", ["북경"], ["北京市"], []),
    ("天津", "CN-TJ", "Tianjin", "톈진", ["천진", "텐진"], ["天津市"], []),
    ("河北", "CN-HE", "Hebei", "허베이", ["하북"], ["河北省"], []),
    ("山西", "CN-SX", "Shanxi", "산시", ["산서"], ["山西省"], []),
    ("内蒙古", "CN-NM", "Inner Mongolia", "네이멍구", ["내몽골", "내몽고", "네이멍구자치구", "내몽골자치구"],
     ["内蒙古自治区", "內蒙古"], []),
    ("辽宁", "CN-LN", "Liaoning", "랴오닝", ["요녕", "요령"], ["辽宁省", "遼寧"], []),
    ("吉林", "CN-JL", "Jilin", "지린", ["길림"], ["吉林省"], []),
    ("黑龙江", "CN-HL", "Heilongjiang", "헤이룽장", ["흑룡강", "헤이룽쟝"], ["黑龙江省", "黑龍江"], []),
    ("上海", "CN-SH", "Shanghai", "상하이", ["상해"], ["上海市"], []),
    ("江苏", "CN-JS", "Jiangsu", "장쑤", ["강소", "장수"], ["江苏省", "江蘇"], []),
    ("浙江", "CN-ZJ", "Zhejiang", "저장", ["절강"], ["浙江省"], []),
    ("安徽", "CN-AH", "Anhui", "안후이", ["안휘"], ["安徽省"], []),
    ("福建", "CN-FJ", "Fujian", "푸젠", ["복건", "푸지엔"], ["福建省"], []),
    ("江西", "CN-JX", "Jiangxi", "장시", ["강서"], ["江西省"], []),
    ("山东", "CN-SD", "Shandong", "산둥", ["산동"], ["山东省", "山東"], []),
    ("河南", "CN-HA", "Henan", "허난", ["하남"], ["河南省"], []),
    ("湖北", "CN-HB", "Hubei", "후베이", ["호북"], ["湖北省"], []),
    ("湖南", "CN-HN", "Hunan", "후난", ["호남"], ["湖南省"], []),
    ("广东", "CN-GD", "Guangdong", "광둥", ["광동"], ["广东省", "廣東"], []),
    ("广西", "CN-GX", "Guangxi", "광시", ["광서", "광시좡족자치구", "광서장족자치구"],
     ["广西壮族自治区", "廣西"], []),
    ("海南", "CN-HI", "Hainan", "하이난", ["해남"], ["海南省"], []),
    ("重庆", "CN-CQ", "Chongqing", "충칭", ["중경"], ["重庆市", "重慶"], []),
    ("四川", "CN-SC", "Sichuan", "쓰촨", ["사천", "스촨"], ["四川省"], []),
    ("贵州", "CN-GZ", "Guizhou", "구이저우", ["귀주"], ["贵州省", "貴州"], []),
    ("云南", "CN-YN", "Yunnan", "윈난", ["운남"], ["云南省", "雲南"], []),
    ("西藏", "CN-XZ", "Tibet", "시짱", ["서장", "티베트", "티벳", "시짱자치구", "티베트자치구"], ["西藏自治区"], ["xizang"]),
    ("陕西", "CN-SN", "Shaanxi", "산시", ["섬서"], ["陕西省", "陝西"], []),
    ("甘肃", "CN-GS", "Gansu", "간쑤", ["감숙"], ["甘肃省", "甘肅"], []),
    ("青海", "CN-QH", "Qinghai", "칭하이", ["청해"], ["青海省"], []),
    ("宁夏", "CN-NX", "Ningxia", "닝샤", ["영하", "닝샤후이족자치구", "영하회족자치구"], ["宁夏回族自治区", "寧夏"], []),
    ("新疆", "CN-XJ", "Xinjiang", "신장", ["신강", "신장위구르자치구", "신강위구르자치구"],
     ["新疆维吾尔自治区", "新疆維吾爾自治區"], []),
    ("台湾", "CN-TW", "Taiwan", "타이완", ["대만"], ["台灣", "臺灣"], []),
    ("香港", "CN-HK", "Hong Kong", "홍콩", ["향항", "홍콩특별행정구"], ["香港特别行政区"], []),
    ("澳门", "CN-MO", "Macau", "마카오", ["오문", "마카오특별행정구"], ["澳門", "澳门特别行政区"], ["macao"]),
]

# Cities (prefecture level and below) that the bulletin cites. Hanja readings are added only
# where they are not also common Korean words or Korean place names (광주, 상주, 장사, 성도 ...).
CITIES = [
    ("杭州", "Hangzhou", "항저우", ["항주"]), ("苏州", "Suzhou", "쑤저우", ["소주", "수저우"]),
    ("深圳", "Shenzhen", "선전", ["심천", "션전"]), ("南京", "Nanjing", "난징", ["남경"]),
    ("武汉", "Wuhan", "우한", ["무한"]), ("兰州", "Lanzhou", "란저우", ["난주"]),
    ("厦门", "Xiamen", "샤먼", ["하문"]), ("西安", "Xi'an", "시안", ["서안"]),
    ("成都", "Chengdu", "청두", []), ("大连", "Dalian", "다롄", ["대련", "다렌"]),
    ("珠海", "Zhuhai", "주하이", ["주해"]), ("青岛", "Qingdao", "칭다오", []),
    ("郑州", "Zhengzhou", "정저우", ["정주"]), ("合肥", "Hefei", "허페이", ["합비"]),
    ("长沙", "Changsha", "창사", []), ("太原", "Taiyuan", "타이위안", ["태원"]),
    ("常州", "Changzhou", "창저우", []), ("福州", "Fuzhou", "푸저우", ["복주"]),
    ("沈阳", "Shenyang", "선양", ["심양"]), ("广州", "Guangzhou", "광저우", []),
    ("贵阳", "Guiyang", "구이양", ["귀양"]), ("呼和浩特", "Hohhot", "후허하오터", ["호화호특"]),
    ("无锡", "Wuxi", "우시", ["무석"]), ("宁波", "Ningbo", "닝보", ["영파"]),
    ("济南", "Jinan", "지난", ["제남"]), ("哈尔滨", "Harbin", "하얼빈", []),
    ("长春", "Changchun", "창춘", ["장춘"]), ("昆明", "Kunming", "쿤밍", ["곤명"]),
    ("南宁", "Nanning", "난닝", ["남녕"]), ("海口", "Haikou", "하이커우", []),
    ("东莞", "Dongguan", "둥관", ["동관"]), ("佛山", "Foshan", "포산", ["불산"]),
    ("温州", "Wenzhou", "원저우", ["온주"]), ("南昌", "Nanchang", "난창", ["남창"]),
    ("石家庄", "Shijiazhuang", "스자좡", ["석가장"]), ("烟台", "Yantai", "옌타이", ["연대"]),
    ("乌鲁木齐", "Urumqi", "우루무치", []), ("拉萨", "Lhasa", "라싸", []),
    ("西宁", "Xining", "시닝", ["서녕"]), ("银川", "Yinchuan", "인촨", ["은천"]),
    ("绵阳", "Mianyang", "몐양", ["면양"]), ("雄安", "Xiong'an", "슝안", ["웅안"]),
    ("哈密", "Hami", "하미", []), ("宜宾", "Yibin", "이빈", []),
]

# canonical_zh, code, canonical_en (ISO 3166-1 common name), Korean, other forms.
COUNTRIES = [
    ("美国", "US", "United States", "미국", ["美國", "USA", "U.S.", "United States of America", "America"]),
    ("韩国", "KR", "South Korea", "한국", ["韓國", "대한민국", "Korea", "Republic of Korea", "남한"]),
    ("中国", "CN", "China", "중국", ["中國", "중화인민공화국", "PRC"]),
    ("日本", "JP", "Japan", "일본", []),
    ("英国", "GB", "United Kingdom", "영국", ["英國", "UK", "Britain", "Great Britain"]),
    ("德国", "DE", "Germany", "독일", ["德國"]),
    ("法国", "FR", "France", "프랑스", ["法國"]),
    ("加拿大", "CA", "Canada", "캐나다", []),
    ("新加坡", "SG", "Singapore", "싱가포르", ["싱가폴"]),
    ("澳大利亚", "AU", "Australia", "호주", ["澳大利亞", "澳洲", "오스트레일리아"]),
    ("以色列", "IL", "Israel", "이스라엘", []),
    ("瑞典", "SE", "Sweden", "스웨덴", []),
    ("荷兰", "NL", "Netherlands", "네덜란드", ["荷蘭", "Holland", "화란"]),
    ("瑞士", "CH", "Switzerland", "스위스", []),
    ("芬兰", "FI", "Finland", "핀란드", ["芬蘭"]),
    ("丹麦", "DK", "Denmark", "덴마크", ["丹麥"]),
    ("挪威", "NO", "Norway", "노르웨이", []),
    ("奥地利", "AT", "Austria", "오스트리아", ["奧地利"]),
    ("西班牙", "ES", "Spain", "스페인", ["에스파냐"]),
    ("意大利", "IT", "Italy", "이탈리아", ["義大利", "이태리"]),
    ("比利时", "BE", "Belgium", "벨기에", ["比利時"]),
    ("爱尔兰", "IE", "Ireland", "아일랜드", ["愛爾蘭"]),
    ("印度", "IN", "India", "인도", []),
    ("俄罗斯", "RU", "Russia", "러시아", ["俄羅斯", "Russian Federation"]),
    ("巴西", "BR", "Brazil", "브라질", []),
    ("卢森堡", "LU", "Luxembourg", "룩셈부르크", ["盧森堡"]),
    ("新西兰", "NZ", "New Zealand", "뉴질랜드", ["紐西蘭", "新西蘭"]),
    ("爱沙尼亚", "EE", "Estonia", "에스토니아", ["愛沙尼亞"]),
    ("冰岛", "IS", "Iceland", "아이슬란드", ["冰島"]),
    ("葡萄牙", "PT", "Portugal", "포르투갈", []),
    ("波兰", "PL", "Poland", "폴란드", ["波蘭"]),
    ("捷克", "CZ", "Czechia", "체코", ["Czech Republic"]),
    ("匈牙利", "HU", "Hungary", "헝가리", []),
    ("希腊", "GR", "Greece", "그리스", ["希臘"]),
    ("土耳其", "TR", "Türkiye", "튀르키예", ["터키", "Turkey"]),
    ("沙特阿拉伯", "SA", "Saudi Arabia", "사우디아라비아", ["沙特", "사우디"]),
    ("阿联酋", "AE", "United Arab Emirates", "아랍에미리트", ["阿聯酋", "UAE"]),
    ("越南", "VN", "Vietnam", "베트남", ["Viet Nam"]),
    ("泰国", "TH", "Thailand", "태국", ["泰國"]),
    ("马来西亚", "MY", "Malaysia", "말레이시아", ["馬來西亞"]),
    ("印度尼西亚", "ID", "Indonesia", "인도네시아", ["印尼"]),
    ("菲律宾", "PH", "Philippines", "필리핀", ["菲律賓"]),
    ("墨西哥", "MX", "Mexico", "멕시코", []),
    ("南非", "ZA", "South Africa", "남아프리카공화국", ["남아공"]),
    ("阿根廷", "AR", "Argentina", "아르헨티나", []),
    ("智利", "CL", "Chile", "칠레", []),
    ("乌克兰", "UA", "Ukraine", "우크라이나", ["烏克蘭"]),
    ("朝鲜", "KP", "North Korea", "북한", ["朝鮮", "조선"]),
    ("蒙古", "MN", "Mongolia", "몽골", ["蒙古国"]),
    ("哈萨克斯坦", "KZ", "Kazakhstan", "카자흐스탄", []),
    ("巴基斯坦", "PK", "Pakistan", "파키스탄", []),
    ("埃及", "EG", "Egypt", "이집트", []),
    ("卡塔尔", "QA", "Qatar", "카타르", []),
    ("斯洛文尼亚", "SI", "Slovenia", "슬로베니아", []),
    ("立陶宛", "LT", "Lithuania", "리투아니아", []),
    ("马耳他", "MT", "Malta", "몰타", []),
    ("塞浦路斯", "CY", "Cyprus", "키프로스", []),
]

# Companies and institutions: key (the Hanzi printed in parentheses, or the Latin name as
# printed without country prefix) -> canonical_zh, canonical_en. Only names whose English
# (or Chinese) form is known from public company information; others keep null.
ORGANISATIONS = {
    "贝达": ("贝达", "Betta"), "先声": ("先声", "Simcere"), "齐鲁": ("齐鲁", "Qilu"),
    "恒瑞": ("恒瑞", "Hengrui"), "豪森": ("豪森", "Hansoh"), "特宝": ("特宝", "Amoytop"),
    "驯鹿": ("驯鹿", "IASO Bio"), "科曼": ("科曼", "Comen"), "英福美": ("英福美", "Infervision"),
    "聯影": ("聯影", "United Imaging"), "迈瑞": ("迈瑞", "Mindray"), "康方": ("康方", "Akeso"),
    "亚盛": ("亚盛", "Ascentage"), "迪哲": ("迪哲", "Dizal"),
    "Takeda": ("武田", "Takeda"), "Medtronic MiniMed": ("美敦力", "Medtronic MiniMed"),
    "Alcon Laboratories, Incorporated": ("爱尔康", "Alcon"), "Ubiosis Co.": (None, "Ubiosis"),
    "Conavi Medical Inc.": (None, "Conavi Medical"), "Corindus Inc": (None, "Corindus"),
    "ZAP Surgical Systems.Inc.": (None, "ZAP Surgical Systems"),
    "Boehringer Ingelheim": (None, "Boehringer Ingelheim"), "argenx": (None, "argenx"),
}

KO_SUFFIXES = ["성", "시", "자치구", "특별행정구"]


def main() -> None:
    regions = []
    for zh, code, en, ko, ko_other, zh_other, en_other in PROVINCES:
        aliases = {ko, *ko_other, zh, *zh_other, en, *en_other}
        for base in [ko, *[k for k in ko_other if len(k) <= 4]]:
            aliases.update(base + s for s in KO_SUFFIXES[:2])
        regions.append({"canonical_ko": ko, "canonical_zh": zh, "canonical_en": en, "code": code,
                        "level": "province", "aliases": sorted(aliases)})
    for zh, en, ko, ko_other in CITIES:
        aliases = {ko, *ko_other, zh, en, ko + "시", zh + "市"}
        regions.append({"canonical_ko": ko, "canonical_zh": zh, "canonical_en": en, "code": None,
                        "level": "city", "aliases": sorted(aliases)})
    countries = [{"canonical_ko": ko, "canonical_zh": zh, "canonical_en": en, "code": code,
                  "aliases": sorted({ko, zh, en, code, *other})} for zh, code, en, ko, other in COUNTRIES]
    organisations = [{"key": k, "canonical_zh": zh, "canonical_en": en} for k, (zh, en) in ORGANISATIONS.items()]
    data = {"regions": regions, "countries": countries, "organisations": organisations}
    (HERE / "gazetteer.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"gazetteer.json: {len(regions)} regions, {len(countries)} countries, {len(organisations)} organisations")


if __name__ == "__main__":
    main()
