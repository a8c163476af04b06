"""A page's objects as pdfplumber's dictionaries, made without pdfplumber's generic path.

pdfplumber turns every pdfminer layout object into a dict through one generic routine
(filter the object's attributes, ``resolve_all`` every value, regex the class name), which
on a text page costs about a fifth of parsing the page itself. Glyphs are nearly all of a
page's objects and their attributes are plain values, so :func:`parse_objects` builds their
dicts by direct reads; lines, rectangles and curves copy their plain attributes and map
their points once (pdfplumber resolves every coordinate before replacing it); everything
else (images, and any glyph with an unusual attribute) goes to pdfplumber's own
``process_object``. The result is the same dict, key for key:
``tests/test_pdfobjects.py`` compares the two on every page of the samples and corpus.
"""
from __future__ import annotations

from unicodedata import normalize as normalize_unicode

_PLAIN = (int, float, str, bool, type(None))


def parse_objects(page) -> dict[str, list[dict]]:
    """What ``pdfplumber.Page.parse_objects()`` returns (laparams off, as we open PDFs)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect

    # pdfplumber's internals (pinned below its next minor in pyproject.toml); a pdfplumber
    # without them gets its own path, page.parse_objects().
    try:
        from pdfplumber.page import ALL_ATTRS
        from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode
    except ImportError:  # pragma: no cover
        return page.parse_objects()

    curves = {LTRect: "rect", LTLine: "line", LTCurve: "curve"}

    if page.pdf.laparams is not None:  # then pdfplumber also emits the containers
        return page.parse_objects()
    if not hasattr(page, "process_object") or not hasattr(page, "point2coord"):  # pragma: no cover
        return page.parse_objects()
    objects: dict[str, list[dict]] = {}
    chars: list[dict] = []
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop0 = page.initial_doctop
    number = page.page_number
    norm = page.pdf.unicode_norm
    process = page.process_object
    colour_spaces: dict[object, object] = {}
    # A flat walk with an explicit stack: a recursive closure would be a reference cycle
    # holding every glyph dict of the page until the cyclic collector next runs.
    # (a container's ``_objs`` is pdfminer's private list; iterating the container is the public way)
    stack = [iter(getattr(page.layout, "_objs", page.layout))]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if type(obj) is LTChar:
            d = obj.__dict__
            mcid, tag = d.get("mcid"), d.get("tag")
            if type(mcid) not in _PLAIN or type(tag) not in _PLAIN or type(d["fontname"]) is not str:
                chars.append(process(obj))  # references to resolve, a byte font name
                continue
            y0, y1, x0, x1 = d["y0"], d["y1"], d["x0"], d["x1"]
            if mb_x0:
                x0, x1 = x0 + mb_x0, x1 + mb_x0
            ncs = d["ncs"].name
            space = colour_spaces.get(ncs)
            if space is None:
                space = colour_spaces[ncs] = resolve_and_decode(ncs)
            gs = d["graphicstate"]
            stroke, fill = gs.scolor, gs.ncolor
            text = d["_text"] if "_text" in d else obj.get_text()  # (pdfminer's private field, else its getter)
            top = (height - y1) + mb_top
            chars.append({
                "matrix": d["matrix"], "fontname": d["fontname"], "adv": d["adv"], "upright": d["upright"],
                "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": d["width"], "height": d["height"],
                "size": d["size"], "mcid": mcid, "tag": tag, "object_type": "char", "page_number": number,
                "ncs": space, "text": normalize_unicode(norm, text) if norm is not None else text,
                "stroking_color": stroke if isinstance(stroke, tuple) else (stroke,),
                "non_stroking_color": fill if isinstance(fill, tuple) else (fill,),
                "top": top, "bottom": (height - y0) + mb_top, "doctop": doctop0 + top,
            })
        elif isinstance(obj, LTContainer):
            stack.append(iter(getattr(obj, "_objs", obj)))
        elif type(obj) in curves and not ("ncs" in obj.__dict__ or "scs" in obj.__dict__):
            kind = curves[type(obj)]
            objects.setdefault(kind, []).append(
                _curve_dict(obj, kind, number, page.point2coord, height, mb_x0, mb_top, doctop0,
                            ALL_ATTRS, resolve_all))
        else:
            made = process(obj)
            kind = made["object_type"]
            if kind != "anno":
                objects.setdefault(kind, []).append(made)
    if chars:
        objects["char"] = chars
    return objects


_NUMBERS = (int, float)


def _curve_dict(obj, kind: str, number: int, point2coord, height: float, mb_x0: float, mb_top: float,
                doctop0: float, all_attrs, resolve_all) -> dict:
    """pdfplumber's dict of a line, rectangle or curve. Its points are mapped to page
    coordinates (pdfplumber resolves them first, value by value, only to replace them);
    the other attributes are copied where they are plain values and resolved otherwise
    (``all_attrs`` and ``resolve_all`` are pdfplumber's, passed in by the page's walk)."""
    attr: dict = {}
    for key, value in obj.__dict__.items():
        if key not in all_attrs:
            continue
        if key == "pts" or type(value) in _PLAIN or (
                type(value) is tuple and all(type(v) in _NUMBERS for v in value)):
            attr[key] = value
        else:
            attr[key] = resolve_all(value)
    attr["object_type"] = kind
    attr["page_number"] = number
    pts = attr["pts"]
    if not all(type(pt) is tuple and type(pt[0]) in _NUMBERS and type(pt[1]) in _NUMBERS for pt in pts):
        pts = resolve_all(pts)
    attr["pts"] = [point2coord(pt) for pt in pts]
    attr["path"] = [(cmd, *map(point2coord, pts)) for cmd, *pts in obj.original_path]
    attr["dash"] = obj.dashing_style
    if "y0" in attr:
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = doctop0 + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr
