"""The glyph and geometry library every stage shares: a leaf that imports no stage.

- ``geometry``: boxes, points, one-dimensional runs and clusters, medians.
- ``scripts``: which script a character is written in.
- ``clean``: glyph text as the reader means it, overprinted duplicates dropped.
- ``rows``: glyphs grouped into rows, sideways pages read upright.
- ``lines``: rows into lines of words, parted by the page's own word gap.

Import from the submodules (``from extract.glyphs.lines import chars_to_lines``): this
file imports nothing, so that ``model`` can take ``BBox`` from ``geometry`` without a cycle.
"""
