"""The marks and date forms Korean reports print, as families rather than single code points.

A template chooses its own glyph for a lead (``■``, ``□``, ``○``, ``▶``), a bullet (``-``,
``·``, ``•``, ``ㅇ``) or a reference (``☞``, ``※``); a damaged PDF prints others again (the
seed issue shows ``☞ ♥ ▽ ☑`` for one bullet, symbol fonts map into the Private Use Area).
The segmenter learns which mark plays which part in an issue (see ``style.py``); this
module only says what can be a mark at all, and reads the date forms the reports use.
"""
from __future__ import annotations

import datetime as dt
import re

#: Leads when the issue teaches nothing else (the first template's ``■`` and its kin).
DEFAULT_LEAD_MARKS = "■▣◼◾▪🔳□"
#: Every glyph that opens an item (lead, bullet, summary or contents line, reference) in
#: the reports we know of, damaged forms included.
ITEM_MARKS = ("■□▣◼◾▪🔳◆◇◈●○◦◎⊙◉•∙·‧ㆍ-–—*※➢➤▶►▷▸→✓✔❍❏❑☞☛♥▽△☑❖ㅇ")
#: Symbol fonts without a Unicode map land here.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_MARK_THEN_TEXT = re.compile(r"^(\S)\s+(\S.*)$")


def is_mark(ch: str) -> bool:
    return bool(ch) and (ch in ITEM_MARKS or bool(_PRIVATE_USE.match(ch)))


def split_mark(text: str) -> tuple[str, str] | None:
    """``'□ 과기부는 ...'`` -> ``('□', '과기부는 ...')``; None when the line opens with no mark.
    A mark stands alone before a space: ``'-3%'`` or ``'*주석'`` open no item."""
    m = _MARK_THEN_TEXT.match(text.strip())
    if m and is_mark(m.group(1)):
        return m.group(1), m.group(2)
    return None


# --------------------------------------------------------------------------- dates

_SEP = r"\s*[.\-/·]\s*"
#: A full date: 2023. 12. 28. | 2023.12.28 | 2023-12-28 | 2023년 12월 28일 | '23.12.28 | ’23. 12. 28
FULL_DATE = re.compile(
    r"(?:(?P<y4>(?:19|20)\d{2})|[’'‘`](?P<y2>\d{2}))"
    r"(?:" + _SEP + r"|\s*년\s*)(?P<m>\d{1,2})(?:" + _SEP + r"|\s*월\s*)(?P<d>\d{1,2})(?!\d)\s*(?:일|\.)?")
#: A month and day in a date's own brackets: (12.28) (12,28) (12월 28일) (7.15.)
_MONTH_DAY = r"(?P<m>\d{1,2})\s*(?:[.,·/]|월)\s*(?P<d>\d{1,2})\s*(?:일|\.)?"
#: A date closing a line, in brackets: '(7.15)', "('23.12.28)", '(2023. 12. 28.)', '(12월 28일)'
TRAILING_DATE = re.compile(
    r"\s*[(\[［（]\s*(?:(?:(?P<y4>(?:19|20)\d{2})|[’'‘`](?P<y2>\d{2}))(?:" + _SEP + r"|\s*년\s*))?"
    + _MONTH_DAY + r"\s*[)\]］）]\s*$")


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(m: re.Match) -> int | None:
    if m.group("y4"):
        return int(m.group("y4"))
    if m.group("y2"):
        return 2000 + int(m.group("y2"))
    return None


def find_full_date(text: str) -> str | None:
    """The first full date printed in ``text`` (any of the forms above), as ISO."""
    for m in FULL_DATE.finditer(text):
        year = _year(m)
        if year is not None:
            found = iso(year, int(m.group("m")), int(m.group("d")))
            if found:
                return found
    return None


def resolve_month_day(month: int, day: int, issue_date: str | None) -> str | None:
    """(m.d) -> ISO date in the issue's year; a date far after the issue is last year's
    (a January issue citing December)."""
    if not issue_date:
        return None
    issue = dt.date.fromisoformat(issue_date)
    found = iso(issue.year, month, day)
    if found is None:
        return None
    if dt.date.fromisoformat(found) > issue + dt.timedelta(days=62):
        return iso(issue.year - 1, month, day)
    return found


def split_trailing_date(text: str, issue_date: str | None) -> tuple[str, str | None] | None:
    """``'... 지정 (12.28)'`` -> ``('... 지정', '2023-12-28')``: the text without its closing
    bracketed date, and the date (year from the date itself, else from the issue). None when
    the text closes with no date."""
    m = TRAILING_DATE.search(text)
    if not m:
        return None
    month, day = int(m.group("m")), int(m.group("d"))
    year = _year(m)
    date = iso(year, month, day) if year is not None else resolve_month_day(month, day, issue_date)
    return text[: m.start()].rstrip(), date


# --------------------------------------------------------------------------- captions

#: A caption in brackets: 〈캡션〉, <캡션>, 《캡션》; the whole line (``BRACKETED_CAPTION``) or
#: somewhere in it (``BRACKETED_CAPTION_IN``: a caption set on one line with other text).
BRACKETED_CAPTION = re.compile(r"^[〈<《]\s*(.+?)\s*[〉>》]$")
BRACKETED_CAPTION_IN = re.compile(r"[〈<《]\s*([^〈〉<>《》]+?)\s*[〉>》]")
#: A caption after a label, bracketed or numbered: '[표] 캡션', '[그림 2] 캡션', '<표 3> 캡션',
#: '【그림】 캡션', '표 1. 캡션' ('표 분석에 ...' opens a sentence, not a caption).
_LABEL = r"(?:표|그림|도표|사진|차트|Table|Figure|Fig\.)"
_NUMBER = r"\d+(?:\s*[-.]\s*\d+)?"
LABELLED_CAPTION = re.compile(
    r"^(?:[\[<〈【(]\s*" + _LABEL + r"\s*(?:" + _NUMBER + r")?\s*[\]>〉】)]\s*[.:：]?"
    r"|" + _LABEL + r"\s*" + _NUMBER + r"\s*[.:：]?)\s+(\S.*)$", re.I)


def caption_text(text: str) -> str | None:
    """The caption a line prints, without its brackets or label; None for other lines."""
    text = text.strip()
    m = BRACKETED_CAPTION.match(text)
    if m:
        return m.group(1)
    m = LABELLED_CAPTION.match(text)
    if m:
        inner = BRACKETED_CAPTION.match(m.group(1).strip())  # '[표] <캡션>'
        return inner.group(1) if inner else m.group(1)
    return None
