"""The template farm (samples/template_farm.py): its HTML keeps the content's text whatever the
template, its sidecar names every dimension, and (where Chromium is installed) a render's
golden finds every article's and table's pages."""
from __future__ import annotations

import dataclasses
import html
import json
import random
import re
import shutil
import sys

import pytest

from helpers import SAMPLES

sys.path.insert(0, str(SAMPLES))
import template_farm as tf  # noqa: E402

CONTENT = SAMPLES / "content" / "kostec-2024-01-12.json"


def _content() -> dict:
    return json.loads(CONTENT.read_text(encoding="utf-8"))


def _variants() -> list[tf.Template]:
    return [tf.PRESETS["second"], tf.PRESETS["second-b"], tf.random_template(random.Random(7), "r7")]


def _count(page: str, text: str) -> int:
    return page.count(html.escape(text, quote=False))


@pytest.mark.parametrize("template", _variants(), ids=lambda t: t.name)
def test_every_text_of_the_content_is_printed_once(template):
    c = _content()
    page = tf.document_html(c, template)
    for sec in c["sections"]:
        for art in sec["articles"]:
            # the contents list the titles of their sections once more
            assert _count(page, art["title"]) == 1 + bool(sec.get("in_contents")), art["title"]
            assert _count(page, art["lead"]) == 1, art["lead"]
            for block in art["blocks"]:
                if block["t"] == "bullet":
                    assert _count(page, block["text"]) == 1, block["text"]
    for item in c["summary"]:
        assert _count(page, item) == 1, item
    # well-formed enough for every producer: no tag with two class attributes
    assert not re.search(r'<[^>]*\bclass="[^"]*"[^>]*\bclass=', page)
    assert not re.search(r'<[^>]*\bstyle="[^"]*"[^>]*\bstyle=', page)
    # each page part of a table starts a page
    parts = sum(len(b.get("break_before") or []) for s in c["sections"] for a in s["articles"] for b in a["blocks"])
    assert page.count('<table class="data page" style="page-break-before: always') == parts


def test_every_choice_of_every_dimension_builds():
    # each value once, on the default template: none raises, and each leaves the text in
    c = _content()
    lead = c["sections"][0]["articles"][0]["lead"]
    for dim, values in tf.CHOICES.items():
        for value in values:
            page = tf.document_html(c, dataclasses.replace(tf.Template(), **{dim: value}))
            assert _count(page, lead) == 1, (dim, value)


def test_the_sidecar_names_every_dimension():
    t = tf.random_template(random.Random(3), "r3")
    side = tf.sidecar(t, {"content": CONTENT.name, "seed": 3})
    assert side["template"] == "r3" and side["seed"] == 3
    assert set(side["dimensions"]) == set(tf.CHOICES)
    for dim, value in side["dimensions"].items():
        assert value in tf.CHOICES[dim], (dim, value)


def test_lead_dates_and_issue_dates_in_each_form():
    art = {"date_md": "12.28", "date_sep": "."}
    assert tf.lead_date(art, "2024-01-12", "md") == "(12.28)"
    assert tf.lead_date(art, "2024-01-12", "yymd") == "('23.12.28)"  # December before a January issue
    assert tf.lead_date(art, "2024-01-12", "korean") == "(12월 28일)"
    assert tf.printed_date("2023-12-28", "dots_spaced_end") == "2023. 12. 28."
    assert tf.printed_date("2023-12-28", "korean") == "2023년 12월 28일"
    assert tf.printed_date("2023-12-28", "short_year") == "'23.12.28"
    assert tf.printed_date("2023-12-28", "dots_weekday") == "2023. 12. 28.(목)"


def test_a_page_break_sits_on_the_first_element():
    # LibreOffice honours a break only on the element itself, not on a wrapping div
    assert tf.new_page("<p>x</p>").startswith('<p style="page-break-before: always')
    assert tf.new_page('<p style="color:red">x</p>').startswith('<p style="page-break-before: always; break-before: '
                                                               'page; color:red')
    assert tf.new_page("text").startswith('<p style="page-break-before')
    # an element with a style of its own keeps it, with the break in the same attribute
    broken = tf.new_page('<p class="banner" style="font-size: 15pt">x</p>')
    assert broken.count("style=") == 1 and "font-size: 15pt" in broken and "page-break-before" in broken


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="Chromium is not installed (apt-get install chromium fonts-nanum); "
                           "the farm's HTML is tested above without it")
def test_a_chromium_render_has_a_golden_with_pages(tmp_path):
    c = _content()
    t = dataclasses.replace(tf.PRESETS["second"], producer="chromium", contents="leaders")
    pdf = tmp_path / "issue.second.chromium.pdf"
    gold = tf.render(c, t, pdf, {"content": CONTENT.name})
    assert gold["source"]["pages"] >= 5
    n = gold["source"]["pages"]
    previous = 0
    for sec in gold["sections"]:
        for art in sec["articles"]:
            # located after the contents and summary, in order, within the document
            assert 2 <= art["pages"][0] <= art["pages"][-1] <= n, art["title"]
            assert art["pages"][0] >= previous
            previous = art["pages"][0]
            assert "(" not in art["lead"][-8:], art["lead"]  # the lead's date is not in it
    assert all(t_["pages"] for t_ in gold["tables"])
    dated = [a for s in gold["sections"] for a in s["articles"] if a["date"]]
    assert dated and all(len(a["date"]) == 10 for a in dated)
    side = json.loads(pdf.with_suffix(".template.json").read_text(encoding="utf-8"))
    assert set(side["dimensions"]) == set(tf.CHOICES)
    # the leaders' page numbers are the pages the golden found
    from pypdf import PdfReader

    contents = tf.render_html._norm(PdfReader(str(pdf)).pages[0].extract_text())
    for sec in gold["sections"][:1]:
        for art in sec["articles"]:
            assert tf.render_html._norm(art["title"]) + str(art["pages"][0]) in contents, art["title"]
