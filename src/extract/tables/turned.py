"""Tables on pages whose text runs sideways (a landscape table stored on a portrait page
without /Rotate, or turned by a scanner): the table stage reads them in their reading frame.

:class:`TurnedPage` is the page seen turned so that its text reads left to right: its glyphs,
ruling lines, rectangles and curves have their boxes mapped into that frame, so pdfplumber's
table finder and our stream detector work on it unchanged. The fragments found there are
mapped back (``to_page``) so that their boxes in the output and the areas taken from the
body are in page coordinates like every other table's.

Quarter turns are counted as in ``layout.direction``: 1 text running up the page, 2 upside
down, 3 running down.
"""
from __future__ import annotations

from ..glyphs.rows import derotate
from ..model import BBox, TableFragment


def turn_point(x: float, top: float, turn: int, width: float, height: float) -> tuple[float, float]:
    """A point of the page (pdfplumber coordinates) in the reading frame."""
    if turn == 1:
        return height - top, x
    if turn == 3:
        return top, width - x
    return width - x, height - top


def turn_box(box: BBox, turn: int, width: float, height: float) -> BBox:
    """A page box (x0, top, x1, bottom) in the reading frame."""
    xa, ya = turn_point(box[0], box[1], turn, width, height)
    xb, yb = turn_point(box[2], box[3], turn, width, height)
    return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


def page_box(box: BBox, turn: int, width: float, height: float) -> BBox:
    """A reading-frame box back in page coordinates (the inverse of :func:`turn_box`)."""
    x0, top, x1, bottom = box
    if turn == 1:
        return (top, height - x1, bottom, height - x0)
    if turn == 3:
        return (width - bottom, x0, width - top, x1)
    return (width - x1, height - bottom, width - x0, height - top)


def _turn_object(obj: dict, turn: int, width: float, height: float, frame_height: float) -> dict:
    x0, top, x1, bottom = turn_box((obj["x0"], obj["top"], obj["x1"], obj["bottom"]), turn, width, height)
    out = dict(obj, x0=x0, x1=x1, top=top, bottom=bottom, width=x1 - x0, height=bottom - top,
               y0=frame_height - bottom, y1=frame_height - top, doctop=top)
    if "pts" in obj:
        out["pts"] = [turn_point(x, t, turn, width, height) for x, t in obj["pts"]]
    out.pop("path", None)
    return out


def turned_page(page, turn: int, chars: list[dict]):
    """The page as its reading frame shows it (a pdfplumber page: the table finder reads its
    edges); ``chars`` are the page's glyphs after the load stage's repairs."""
    from pdfplumber.page import DerivedPage

    width, height = float(page.width), float(page.height)
    frame = (height, width) if turn in (1, 3) else (width, height)
    view = DerivedPage(page)
    view.bbox = (0, 0, frame[0], frame[1])
    objects = {kind: [_turn_object(o, turn, width, height, frame[1]) for o in page.objects.get(kind, [])]
               for kind in ("rect", "line", "curve")}
    objects["char"] = derotate(chars, turn, right=width)
    view._objects = objects  # pdfplumber's cache of a page's objects (private; pinned below its next minor)
    if view.objects is not objects:  # pragma: no cover - a pdfplumber that caches them elsewhere
        view = _page_with_objects(page, view.bbox, objects)
    return view


def _page_with_objects(page, bbox, objects: dict):
    """A derived page of ``page`` whose objects are ``objects``, through pdfplumber's public
    ``objects`` property (the fallback of ``turned_page``)."""
    from pdfplumber.page import DerivedPage

    class ObjectsPage(DerivedPage):
        @property
        def objects(self):
            return objects

    view = ObjectsPage(page)
    view.bbox = bbox
    return view


def to_page(fragment: TableFragment, turn: int, width: float, height: float) -> TableFragment:
    """Put a fragment found on the turned page into page coordinates. Its column and row
    edges stay in the reading frame (stitching compares them with the next turned page's);
    ``turn`` says so."""
    fragment.turn = turn
    fragment.bbox = page_box(fragment.bbox, turn, width, height)
    if fragment.caption_bbox:
        fragment.caption_bbox = page_box(fragment.caption_bbox, turn, width, height)
    if fragment.notes_bbox:
        fragment.notes_bbox = page_box(fragment.notes_bbox, turn, width, height)
    fragment.quality["turned"] = 90 * turn
    return fragment
