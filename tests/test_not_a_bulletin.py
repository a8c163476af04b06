"""A PDF that is no bulletin still gives valid JSON: its tables, no sections, a warning."""
from __future__ import annotations

import extract
from extract.validate import validation_errors
from helpers import make_pdf


def _report_with_table(c):
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 770, "Quarterly report on regional output")
    c.setFont("Helvetica", 10)
    c.drawString(72, 745, "The table below lists output by region for the last quarter.")
    xs, ys = [72, 200, 320, 440], [700, 680, 660, 640]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    cells = [["Region", "Output", "Change"], ["North", "1,204", "+3.1%"], ["South", "987", "-0.4%"]]
    for r, row in enumerate(cells):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 4, ys[r] - 14, text)
    c.showPage()


def test_plain_report_gives_tables_and_a_warning(tmp_path):
    data = extract.run(make_pdf(tmp_path / "report.pdf", _report_with_table)).data
    assert validation_errors(data) == []
    assert data["sections"] == []
    assert any("no bulletin structure" in w for w in data["warnings"])
    grids = [t["header"] + t["rows"] for t in data["tables"]]
    assert [["Region", "Output", "Change"], ["North", "1,204", "+3.1%"], ["South", "987", "-0.4%"]] in grids


def test_icdar_document(corpus):
    pdf = corpus / "public" / "icdar2013" / "eu-001.pdf"
    data = extract.run(pdf).data
    assert validation_errors(data) == []
    assert data["sections"] == [] and data["tables"]
    assert any("no bulletin structure" in w for w in data["warnings"])
