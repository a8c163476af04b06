"""Joining wrapped lines: with a space or without.

PDF producers wrap Korean text anywhere between syllables, so a line break may fall inside a
word ("분|야별로") or at a space ("구분하고|중국"). The page tells us when a break was *not*
forced by the width (the line ends well before the column edge: the break was at a space or a
new paragraph). When the line is full the geometry cannot tell, so the document itself is
asked: does the joined word occur elsewhere as one word, do the two halves occur as words of
their own, and which way does the syllable pair around the break usually go.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from .glyphs.scripts import is_cjk, is_hangul
from .model import TextLine
from .spacing import default_model

TOKEN_STRIP = "\"'‘’“”()[]{}〈〉《》「」,.;:!?·~"
URL_TAIL = re.compile(r"https?://\S*$")
LINE_MARKER = re.compile(r"^[•●○◦▪■□▶☞※-]\s")
#: A list mark alone on a line: its item wrapped whole to the line after it.
LONE_MARK = re.compile(r"^[•●○◦▪■□▶☞※]$")
NO_SPACE_AFTER = set("(/[{‘“《〈「-·~")
NO_SPACE_BEFORE = set(")]},.;:!?’”》〉」·~%")
#: Opening brackets and quotes: a line breaker never breaks right after one (UAX #14, LB14),
#: so one travels to the next line together with what follows it.
OPENERS = set("([{‘“《〈「")
#: Closing brackets and quotes: a line breaker may break right after one.
CLOSERS = set(")]}’”》〉」")
#: A closing bracket and what follows it, glued or after one space.
AFTER_CLOSER = re.compile(r"[)\]}’”》〉」](?=(\s?)(\S))")
#: A digit and the syllable after it, glued or after one space.
AFTER_NUMBER = re.compile(r"\d(\s?)([\uac00-\ud7a3])")
#: A letter, digit or syllable and the opening bracket after it, glued or after one space.
BEFORE_OPENER = re.compile(r"(\w)(\s?)(?=[(\[{《〈「])")
#: Last syllables of particles and endings that close a phrase (는 를 을 은 에 며 된): a left
#: half of two or more syllables ending in one ends a phrase: nouns hardly ever end in them.
PHRASE_END = set("는를을은에며된")
#: First syllables of particles, endings and suffixes (을 를 이 가 의 에 로 으로 과 도 만 까지
#: 부터 보다 처럼 하다 되다 들 -적 -화 -시키다 ...): a right half starting with one may
#: continue the word on the left.
GRAMMAR_START = set("을를이가은는의에로으와과도만까부보처하했한할함된되될됨들였라적화시")
#: Particles that follow a word without a space. One standing alone at the head of a wrapped
#: line, after a word, a number or a bracket, was cut from that word by the line end (이 and
#: 그 are left out: they are also words, "이 플랫폼").
PARTICLES = {"와", "과", "에", "의", "을", "를", "은", "는", "로", "으로", "에서", "에게", "에는", "에도",
             "으로는", "으로서", "도", "만", "까지", "부터", "보다", "처럼"}
#: First syllables of counters and units written glued to a number (55,000개, 2023년, 3위,
#: 100억, 11종, 1차, 300여 개, 2단계): Korean's closed class of them, not a document's.
COUNTERS = set("개명년월일시분초위건억만천백조원대종곳차회배세층편권점호등급기인척번주달살여단")
#: Suffixes glued to a number and its counter (2년간, 3번째, 2개씩, 1인당, 1년께, 3시경): with
#: the counters and the particles, what may follow a counted number inside its word.
NUMBER_SUFFIXES = set("간째씩당께경")
#: A number with one counter after it ('6대', '2020년', "'22년", '1,000명'): a whole phrase.
COUNTED_NUMBER = re.compile(r"^\d[\d,.]*[" + "".join(sorted(COUNTERS)) + r"]$")
#: Stops that a word follows after a space: a comma, a semicolon, a question or an
#: exclamation mark before Hangul ("플랫폼,|산업") is never glued to it.
SPACE_AFTER = set(",;!?")
#: Rules of ``JoinStats._decide`` that rest on single-syllable habits, not on the words.
WEAK_RULES = ("end/start", "none")
#: Rules that the spacing model (``extract.spacing``) is asked before, with the weak ones: a
#: right half seen as a word elsewhere may still end a compound ("의료|기기" when "기기" stands
#: alone somewhere), a left half ending like a particle may be a noun ("분석은" but "정은|..."):
#: on held-out policy prose the model agreed with the authors more often at these wraps (see
#: ``data/build_spacing.py``), and where it cannot tell the rule stands.
MODEL_FIRST_RULES = WEAK_RULES + ("right word", "phrase end")
#: How many more sightings across a space than inside words a character pair needs before
#: it puts a space at a wrap (rule 3 of ``JoinStats._decide``).
PAIR_MARGIN = 2
#: How many sightings the document's overall rate of word ends/starts weighs as, against a
#: syllable's own (``JoinStats._decide``, rule 5).
PRIOR_WEIGHT = 2
#: How many lines wrapped at a space, each ending in a space glyph, show that a producer
#: writes the spaces it wraps at (``JoinStats._producer_marks_space_wraps``).
MARKED_WRAPS_NEEDED = 3
HANGUL_TAIL = re.compile(r"[\uac00-\ud7a3]+$")
HANGUL_HEAD = re.compile(r"^[\uac00-\ud7a3]+")


def _core(token: str) -> str:
    return token.strip(TOKEN_STRIP)


def char_class(ch: str) -> str:
    if is_hangul(ch):
        return "H"
    if is_cjk(ch):
        return "C"
    if ch.isdigit():
        return "D"
    if ch.isalpha():
        return "L"
    return ch


def _whole_words(lines: Sequence[TextLine]) -> list[str]:
    """The cores of the tokens of one cell's (or paragraph's) ``lines`` that are whole words:
    all but a token at a wrap, which may be half a word cut by the line end (the last of a
    line that ends without a space glyph, the first of the line after it)."""
    out = []
    for k, line in enumerate(lines):
        tokens = line.text.split()
        cut_after = k + 1 < len(lines) and not line.trailing_space
        cut_before = k > 0 and not lines[k - 1].trailing_space
        for i, tok in enumerate(tokens):
            if (i == 0 and cut_before) or (i == len(tokens) - 1 and cut_after):
                continue
            core = _core(tok)
            if core:
                out.append(core)
    return out


class JoinStats:
    """Counts over one document's text that tell how its words are usually split.

    ``words``: tokens (between spaces); ``inside``/``across``: character pairs seen inside a
    token or on both sides of a space; ``starts``/``ends``/``chars``: how often a character
    begins or ends a token, of all its occurrences.
    """

    def __init__(self, lines, cells: Sequence[list] = (), use_model: bool = True,
                 all_cells: Sequence[list] | None = None):
        #: Ask the spacing model (``extract.spacing``) where the document's words do not tell.
        self.use_model = use_model
        self.words: Counter[str] = Counter()
        self.inside: Counter[str] = Counter()
        self.across: Counter[str] = Counter()
        self.class_inside: Counter[str] = Counter()
        self.class_across: Counter[str] = Counter()
        self.starts: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self.chars: Counter[str] = Counter()
        for line in lines:
            tokens = line.text.split()
            # A token at a line edge may be half a word cut by the wrap: it says nothing
            # about where words start or end, so only its inner pairs are counted. A line
            # that starts with a marker, or ends well before the column edge, has whole
            # words at that edge.
            first = 1 if tokens and len(tokens[0]) == 1 and not tokens[0].isalnum() else 0
            last = len(tokens) - 1
            if line.trailing_space or (line.column_right and line.column_right - line.x1 > 2 * line.size):
                last = len(tokens)
            for i, tok in enumerate(tokens):
                if first < i < last or (i == first and first == 1 and i < last):
                    core = _core(tok)
                    if core:
                        self.words[core] += 1
                if i > 0:
                    self.starts[tok[0]] += 1
                if i < last:
                    self.ends[tok[-1]] += 1
                self.chars.update(tok)
                for a, b in zip(tok, tok[1:]):
                    self.inside[a + b] += 1
                    self.class_inside[char_class(a) + char_class(b)] += 1
            # (A list mark and its item are no pair of words: "- 텍스트" says nothing about
            # how "-" joins what follows it inside a line.)
            for t1, t2 in zip(tokens[first:], tokens[first + 1:]):
                self.across[t1[-1] + t2[0]] += 1
                self.class_across[char_class(t1[-1]) + char_class(t2[0])] += 1
        # How the producer wraps shows in the table cells too (a short issue may have few
        # wrapped paragraphs); their words stay out of the counts above: cells are names.
        self.word_wrapping = self._producer_wraps_words([lines] + list(cells))
        self.marks_space_wraps = self._producer_marks_space_wraps([lines] + list(cells))
        # ... and the cells alone, by their own leading: some producers set a cell's lines
        # further apart than a line's size, and leave room after a line in a cell where a
        # line breaker broke with no space (``_space_wrap_only``). A cell's right edge is
        # its box's, so the room left in it is measured, not guessed as the body's is.
        self.cells_mark_space_wraps = self._producer_marks_space_wraps([c for c in cells if not centred(c)],
                                                                        by_leading=True)
        # How wide this document's space glyphs are, in em.
        widths = sorted(ln.space_width / ln.size for ln in list(lines) + [ln for run in cells for ln in run]
                        if ln.space_width and ln.size)
        self.space_em = widths[len(widths) // 2] if widths else 0.0
        # What follows a closing bracket, glued or after a space, by class ("(天智航)의료회사"
        # is written so in the cells of the table it wraps in).
        self.after_closer: Counter[str] = Counter()
        self.after_closer_space: Counter[str] = Counter()
        # ... and what stands before an opening bracket ("연구원(AIR)" or "연구원 (AIR)").
        self.before_opener: Counter[str] = Counter()
        self.before_opener_space: Counter[str] = Counter()
        # ... and which syllables follow a number glued (counters: "6,000개") or after a space.
        self.after_number: Counter[str] = Counter()
        self.after_number_space: Counter[str] = Counter()
        for line in list(lines) + [ln for run in cells for ln in run]:
            for m in AFTER_NUMBER.finditer(line.text):
                (self.after_number_space if m.group(1) else self.after_number)[m.group(2)] += 1
            for m in AFTER_CLOSER.finditer(line.text):
                (self.after_closer_space if m.group(1) else self.after_closer)[char_class(m.group(2))] += 1
            for m in BEFORE_OPENER.finditer(line.text):
                (self.before_opener_space if m.group(2) else self.before_opener)[char_class(m.group(1))] += 1
        #: The words of the table cells (``all_cells``: every cell's lines, one-line cells
        #: too), kept apart from the body's: a wrap inside a cell asks them as well, as a
        #: table's column repeats its names' parts ("... 측정기", "...(英福美)회사").
        self.cell_words: Counter[str] = Counter()
        for run in all_cells if all_cells is not None else cells:
            self.cell_words.update(_whole_words(run))
        self.table_words: Counter[str] = self.words + self.cell_words
        # ... and how often two words stand side by side in the cells and the body ("오픈
        # 소스"): a name the document writes both ways joins a cell's wrap only where it is
        # written whole more often.
        self.spaced_pairs: Counter[str] = Counter()
        for ln in list(lines) + [ln for run in (all_cells if all_cells is not None else cells) for ln in run]:
            cores = [_core(t) for t in ln.text.split()]
            self.spaced_pairs.update(f"{c1} {c2}" for c1, c2 in zip(cores, cores[1:]) if c1 and c2)
        #: How many wraps between Korean text each witness decided (``join_wrapped``): the
        #: producer's trace, the document's own words, the spacing model, or none of them.
        self.witness: Counter[str] = Counter()
        self._text: dict[bool, str] = {}
        self._runs: dict[tuple[str, bool], tuple[int, int]] = {}
        self._endings: dict[tuple[str, bool], int] = {}

    @staticmethod
    def _producer_wraps_words(runs) -> bool:
        """Does this document's producer wrap lines only at spaces? ``runs``: sequences of
        lines (the body, each table cell).

        A producer that cuts words fills a line until the next syllable does not fit, so
        before a line that starts with a lone syllable the room left is under one syllable.
        When such lines often have room for more, the producer wraps at spaces only, and a
        wrap never falls inside a word.
        """
        total = wide = 0
        pairs = ((line, nxt) for lines in runs for line, nxt in zip(lines, lines[1:]))
        for line, nxt in pairs:
            if not _is_wrap(line, nxt):
                continue
            unit = first_unit(nxt.text)
            if len(unit) != 1 or not is_hangul(unit):
                continue
            room = line.column_right - line.x1
            total += 1
            if room >= estimate_width(unit, line.size) + 0.15 * line.size:
                wide += 1
        return total >= 5 and wide >= 0.3 * total

    @staticmethod
    def _producer_marks_space_wraps(runs, by_leading: bool = False) -> bool:
        """Does this document's producer write the space it wraps a line at (a space glyph
        after the line's last visible glyph)? ``runs``: sequences of lines. ``by_leading``:
        two lines of a run are one paragraph's when the blank between them is no more than
        the run's usual one (``_usual_gap``), and only wraps where a line breaker breaks at
        a space alone count (``_space_wrap_only``).

        Lines that end with room for the next unit were wrapped at a space for sure. When the
        producer ends nearly every one of them with a space glyph, and does so often, a full
        line that ends without one was cut inside a word: the room left cannot tell, the
        producer's own space can. (At a ``_class_break``, "(華科)|정밀", or by a sign glued
        to its neighbour, a line breaker may break with room left and no space.)
        """
        marked = unmarked = 0
        for lines in runs:
            gap = _usual_gap(lines) if by_leading else 0.0
            for line, nxt in zip(lines, lines[1:]):
                if not _is_wrap(line, nxt, gap) or by_leading and not _space_wrap_only(line.text, nxt.text):
                    continue
                if not line_was_full(line, nxt.text):
                    if line.trailing_space:
                        marked += 1
                    else:
                        unmarked += 1
        return marked >= MARKED_WRAPS_NEEDED and unmarked <= 0.1 * (marked + unmarked)

    def _standalone_or_prefix(self, run: str, table: bool = False) -> tuple[int, int]:
        """How often the Hangul run ``run`` stands as a word of its own (alone, or before a
        bracket as in "word(gloss)"), and how often it begins a longer word."""
        if (run, table) not in self._runs:
            if table not in self._text:
                self._text[table] = " ".join((self.table_words if table else self.words).elements())
            text = self._text[table]
            head = r"(?:^|(?<=[\s\"'‘’“”()\[\]{}〈〉《》「」·/]))" + re.escape(run)
            alone = len(re.findall(head + r"(?=$|[\s\"'‘’“”()\[\]{}〈〉《》「」·/])", text))
            longer = len(re.findall(head + r"(?=[\uac00-\ud7a3])", text))
            self._runs[run, table] = (alone, longer)
        return self._runs[run, table]

    def _ending(self, run: str, table: bool = False) -> int:
        """How many tokens longer than ``run`` end in it."""
        if (run, table) not in self._endings:
            words = self.table_words if table else self.words
            self._endings[run, table] = sum(n for w, n in words.items() if len(w) > len(run) and w.endswith(run))
        return self._endings[run, table]

    def decide_join(self, left: str, right: str, table: bool = False) -> bool | None:
        """True: join without space; False: with a space; None: no evidence. ``table``: the
        wrap is inside a table cell, and the cells' words count too."""
        decision, self.last_rule = self._decide(left, right, table)
        return decision

    def _decide(self, left: str, right: str, table: bool = False) -> tuple[bool | None, str]:
        # A table's words may join a wrap (a name its column writes whole elsewhere), not
        # split one: cells set names' parts apart and together alike ("의료 기기", "의료기기").
        joins = self.table_words if table else self.words
        words = self.words
        lt = _core(left.split()[-1]) if left.split() else ""
        rt = _core(right.split()[0]) if right.split() else ""
        # 1. The joined word occurs elsewhere as one word.
        if lt and rt and joins.get(lt + rt, 0) > (self.spaced_pairs.get(f"{lt} {rt}", 0) if table else 0):
            return True, "joined word"
        m = HANGUL_TAIL.search(left)
        lh = m.group() if m else ""  # the Hangul end of the left half, past any bracket
        # 1b. A compound: the end of the left half (two syllables or more) and the right half
        #     make a word seen elsewhere ("해양공학|기술" when "공학기술" occurs): Korean glues
        #     nouns into compounds, and a known compound inside a longer one stays glued.
        if rt:
            for k in range(len(lh) - 1, 1, -1):
                if joins.get(lh[-k:] + rt, 0) > 0:
                    return True, "compound"
        # 1c. After a digit, Hangul is a counter or a unit glued to its number (6,000개,
        #     2023년) as the document mostly writes them: its habit for the pair decides
        #     before any word of the right half does ("개에" may stand alone after 여). The
        #     document's habit for this syllable after a number first ("'2022 글로벌": 글 is
        #     no counter), the habit of the class only for Korean's counters.
        if left[-1].isdigit() and is_hangul(right[0]):
            habit = _habit(self.after_number.get(right[0], 0), self.after_number_space.get(right[0], 0))
            if habit is not None:
                return habit, "number and counter"
            ci, cx = self.class_inside.get("DH", 0), self.class_across.get("DH", 0)
            if right[0] in COUNTERS and ci > 2 * cx:
                return True, "number and counter"
        # 2. The right half occurs elsewhere as a word of its own (one-syllable halves are
        #    too often endings and particles to count).
        if len(rt) >= 2 and words.get(rt, 0) > 0:
            return False, "right word"
        # 2a. A one-syllable right half that stands alone as a word again and again and
        #     hardly ever ends a longer one ("및", "등"): a word of its own.
        if len(rt) == 1 and is_hangul(rt) and right.split()[0] == rt and words.get(rt, 0) >= 3:
            if words[rt] > 2 * self._ending(rt, table):
                return False, "right word"
        # 2b. The left half ends in a particle or an ending that closes a phrase.
        if len(lh) >= 2 and lh[-1] in PHRASE_END:
            return False, "phrase end"
        # 2b''. A one-syllable right half never written alone but ending words again and
        #     again ("사" of "Takeda사", "회사"): the end of the word on the left.
        if len(rt) == 1 and is_hangul(rt) and right.split()[0] == rt and not words.get(rt) \
                and self._ending(rt, table) >= 2:
            return True, "suffix"
        # 2b'. A one-syllable particle glued to a number ("2.64%에", "3위를") ends that word,
        #     unless it and the right half make a longer particle ("%에|서"). (After a
        #     bracket or a foreign word 의 may begin a word: "(潤邁德)의|료회사".)
        if len(lh) == 1 and lh in PARTICLES and len(left) >= 2 and (left[-2].isdigit() or left[-2] == "%") \
                and not any(
                    p.startswith(lh + right[:len(p) - 1]) for p in PARTICLES if len(p) > 1):
            return False, "particle after a sign"
        # 2c. The left half is a word that stands on its own far more often than it begins a
        #     longer word, and the right half does not start like a particle or an ending.
        m = HANGUL_HEAD.match(right)
        rh = m.group() if m else ""
        if len(lh) >= 2 and len(rh) >= 2 and rh[0] not in GRAMMAR_START:
            alone, longer = self._standalone_or_prefix(lh)
            if alone > 2 * longer:
                return False, "left word"
        a, b = left[-1], right[0]
        # 3. The pair of characters around the break, inside words versus across spaces.
        #    Inside a word once is telling (a part of a word seen again: "실험|실"); across
        #    a space the two are often strangers side by side (one "과제 공고" says nothing
        #    about "제|공"), so a space needs the pair across twice more than inside.
        inside, across = self.inside.get(a + b, 0), self.across.get(a + b, 0)
        if inside > across or across - inside >= PAIR_MARGIN:
            return inside > across, "pair"
        # 4. Between different kinds of characters (Hangul and a bracket, a digit and Hangul)
        #    the document's habit for that kind of pair.
        ca, cb = char_class(a), char_class(b)
        if ca + cb != "HH":
            ci, cx = self.class_inside.get(ca + cb, 0), self.class_across.get(ca + cb, 0)
            if ci != cx:
                return ci > cx, "class pair"
            return None, "none"
        # 4b. After a number and its counter ("6대", "2020년"), a word of two syllables or more
        #     that starts like no particle, ending or suffix is a word of its own ("6대|분야",
        #     not "2년|간에"): a counted number is a whole phrase. (A compound counter the
        #     document writes, "4분기", was joined by its pair in rule 3.)
        if COUNTED_NUMBER.match(lt) and len(rh) >= 2 and rh[0] not in GRAMMAR_START | NUMBER_SUFFIXES:
            return False, "after a counted number"
        # 5. Does ``a`` usually end a word and ``b`` usually begin one? A rare syllable's
        #    few sightings are drawn towards the document's overall rate (one sighting of a
        #    syllable at a word's end says little about the next one).
        na, nb = self.chars.get(a, 0), self.chars.get(b, 0)
        if na and nb:
            total = sum(self.chars.values())
            end_rate, start_rate = sum(self.ends.values()) / total, sum(self.starts.values()) / total
            p_end = (self.ends.get(a, 0) + PRIOR_WEIGHT * end_rate) / (na + PRIOR_WEIGHT)
            p_start = (self.starts.get(b, 0) + PRIOR_WEIGHT * start_rate) / (nb + PRIOR_WEIGHT)
            return p_end * p_start <= (1 - p_end) * (1 - p_start), "end/start"
        return None, "none"


def _usual_gap(lines: Sequence[TextLine]) -> float:
    """The blank between two lines of ``lines`` that follow each other down one page, as it
    mostly is (the lower median): the leading of the run's lines. A producer that sets
    lines far apart (LibreOffice sets Noto Serif CJK's lines over twice their size apart)
    leaves more than a line's size blank between two lines of one paragraph."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.page == a.page and b.top > a.bottom)
    return gaps[(len(gaps) - 1) // 2] if gaps else 0.0


#: A line that ends within this many of its size of its column's edge ran to it (a line
#: breaker stops up to a word short), and the line under it, its wrap, starts at most this
#: many further in (``_is_wrap``; the segmenter learns its line gap from such pairs).
WRAP_ROOM_EMS = 6.0
WRAP_INDENT_EMS = 2.0
#: How much more blank than its run's usual leading (``_usual_gap``), in the line's size,
#: still makes two lines one paragraph's (``_is_wrap``).
LEADING_SLACK = 0.2


def _is_wrap(line: TextLine, nxt: TextLine, usual_gap: float = 0.0) -> bool:
    """Is ``nxt`` the wrapped continuation of ``line`` (same column, next line down, no list
    mark, not a paragraph that ended early or a right-aligned line)? The blank between them
    is at most a line's size, or at most the ``usual_gap`` of their run (``_usual_gap``):
    lines set far apart are one paragraph's when all its lines are."""
    limit = max(line.size, usual_gap + LEADING_SLACK * line.size)
    if nxt.page != line.page or not line.column_right or nxt.top - line.bottom > limit:
        return False
    if LINE_MARKER.match(nxt.text) or nxt.x0 < line.x0 - 1:
        return False
    return line.column_right - line.x1 <= WRAP_ROOM_EMS * line.size and nxt.x0 <= line.x0 + WRAP_INDENT_EMS * line.size


def _space_wrap_only(left: str, right: str) -> bool:
    """Can a line breaker break between the texts ``left`` and ``right`` only at a space:
    not at a ``_class_break``, nor by a sign written glued to its neighbour?"""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    return not (_class_break(a, b) or a in NO_SPACE_AFTER or b in NO_SPACE_BEFORE)


def first_unit(text: str) -> str:
    """The start of ``text`` that a line breaker cannot split: a Hangul or CJK character,
    together with the Latin letters, digits and signs glued to it, or a Latin word; opening
    brackets go with what follows them."""
    start = 0
    while start < len(text) - 1 and text[start] in OPENERS:
        start += 1
    unit = text[:start + 1]
    for ch in text[start + 1:]:
        if ch.isspace() or is_hangul(ch) or is_cjk(ch):
            break
        unit += ch
    return unit


#: Narrow signs: brackets, quotes and stops are about a third of an em in Korean fonts.
NARROW = set("()[]{}'\"‘’“”,.:;!|·")


def estimate_width(token: str, size: float) -> float:
    """Rough printed width of a token: CJK glyphs are square, brackets, quotes and stops about
    a third as wide, other signs, letters and digits about half."""
    return sum(size * (0.95 if is_hangul(c) or is_cjk(c) else 0.35 if c in NARROW else 0.55)
               for c in token)


def _width_scale(line: TextLine) -> float:
    """Printed over estimated width of ``line``: how wide this font runs compared with the
    rough estimate (full-width or narrow brackets, wider Hangul), within sensible bounds."""
    glyphs = line.text.replace(" ", "")
    if len(glyphs) < 4:
        return 1.0
    est = estimate_width(glyphs, line.size) + 0.3 * line.size * (len(line.text) - len(glyphs))
    return min(1.25, max(0.8, (line.x1 - line.x0) / est)) if est > 0 else 1.0


def line_was_full(line: TextLine, following: str, whole_word: bool = False) -> bool:
    """Did ``line`` end for want of room: would the first unbreakable unit of the text
    ``following`` it (with ``whole_word``, all of it up to the next space) not have fitted in
    the room left before the column edge? (A line with no known column edge counts as full:
    nothing says otherwise.)"""
    if not line.column_right:
        return True
    room = line.column_right - line.x1
    unit = following.split()[0] if whole_word and following.split() else first_unit(following)
    return room < estimate_width(unit, line.size) * _width_scale(line) + 0.15 * line.size


#: Room within this many points of one syllable's width is a tie (``_syllable_fitted``): a
#: producer places glyphs to its own rounding, and the column's edge is another line's end.
ROOM_TIE = 0.01
#: Width of a space in Korean fonts, in ems, where a line has no space glyph to measure.
SPACE_EMS = 0.3


def _syllable_fitted(prev: TextLine, a: str, right: str, edge: float | None = None) -> bool:
    """Would the syllable the next line starts with have fitted where ``prev`` ended (between
    two Hangul syllables, ``a`` the last one)? Korean fonts set every syllable equally wide,
    and ``prev`` measured its own (``TextLine.hangul_width``): a line breaker that cuts inside
    a word fills the line until the next syllable no longer fits, so room for one means the
    line was broken at a space. ``line_was_full`` guesses the width from the size with a
    margin for fonts it does not know, and leaves the band between the two undecided.
    (Not after a bracket or a Latin word, where a line breaker may break with room left.)

    The room is measured to the furthest line end seen (``edge``, else the column's edge, a
    high percentile of the body's line ends): the true edge is at least there. A cell's box
    minus its padding is no such measure (padding is not always even: 0.65 pt too far on an
    h3 template), so a cell's line is measured only against its column's ``edge``. A line
    broken at a space left less room than the space and the next syllable: more room than
    that says the edge is not this line's (a box), and the room says nothing."""
    if not (prev.hangul_width and is_hangul(a) and right and is_hangul(right[0])):
        return False
    if first_unit(right) != right[0]:
        return False  # Latin letters or signs glued to the syllable travel with it
    if prev.column_right is None or edge is None and prev.role == "table":
        return False
    room = (prev.column_right if edge is None else min(prev.column_right, edge)) - prev.x1
    space = prev.space_width or SPACE_EMS * prev.size
    # (room just equal to a syllable is a tie the producer's own rounding may have decided
    # either way: WeasyPrint broke "역|할" with 9.4018 pt left for a 9.4 pt syllable)
    return prev.hangul_width + ROOM_TIE < room < prev.hangul_width + space + ROOM_TIE


#: A Latin word or a number (with its decimal point, commas, sign and percent).
LATIN_OR_NUMBER = re.compile(r"^[A-Za-z0-9.,%+\-]+$")
#: A line breaker cuts a word only in a column narrower than the word; a column this many
#: ems wide or wider holds the short words of a table's narrow columns whole, so a break
#: between letters there was at a space (a number has none inside, in any column). A
#: stream table's column edge is its own furthest text: the widest word in it always
#: "fills" its line, whatever the column's real width.
CUT_WORD_MAX_COLUMN_EMS = 3.0


def _cut_word(left: str, right: str, prev: TextLine) -> bool:
    """Were the last word of ``left`` and the first of ``right`` (Latin or a number) one word
    cut by a line breaker because it was wider than the whole line ``prev`` stands in? Only
    then does a producer that wraps such words at spaces break inside one: after moving it to
    a line of its own (a line with other words before the piece, "ZAP Surgical|Systems.Inc.",
    was wrapped at a space), filling that line up to the character that no longer fits ("HDR|
    Vivid" leaves room for a letter more). A piece after a comma, or one that starts like a
    capitalised word ("Vivid"), is a word of its own."""
    head, tail = left.split()[-1], right.split()[0]
    if not prev.column_right or prev.text.split() != [head] or head[-1] in ",;:" \
            or not (LATIN_OR_NUMBER.match(head) and LATIN_OR_NUMBER.match(tail)):
        return False
    if tail[0].isupper() and any(c.islower() for c in tail[1:]):
        return False
    if head[-1] == "." and len(head) > 1 and head[-2].isalpha():
        return False  # an abbreviation ("Reg.|no.") ends a word
    if prev.column_right - prev.x0 >= CUT_WORD_MAX_COLUMN_EMS * prev.size \
            and any(c.isalpha() for c in head + tail):
        return False  # (a number has no space inside: cut wherever the column ends, "2021.1|2")
    scale = _width_scale(prev)
    if prev.column_right - prev.x1 >= estimate_width(tail[0], prev.size) * scale + 0.15 * prev.size:
        return False
    return estimate_width(head + tail, prev.size) * scale > prev.column_right - prev.x0


def _bracket_break(a: str, b: str) -> bool:
    """A break after a closing bracket before Hangul or an ideograph: a line breaker may
    break there without a space ("(天智航)|의료회사"). (Before an opening bracket it may too,
    but there documents write a space as often as not: "연구원 (AIR)".)"""
    return a in CLOSERS and (is_hangul(b) or is_cjk(b))


def _class_break(a: str, b: str) -> bool:
    """A break a line breaker may take where no space stands, even one that keeps Korean
    words whole: between two ideographs, after a closing bracket or before an opening one,
    between a number, a Latin word or a sign and Hangul (UAX #14 breaks between these
    classes; "6,000|개", "400P|에", "신약|(NDA", ")|의료회사", "姜子|牙"). There the room
    left before the edge tells nothing unless the whole word after the break would have
    fitted: the producer may have waited for a break opportunity, not a space."""
    if is_cjk(a) and is_cjk(b):
        return True
    if a in CLOSERS and (is_hangul(b) or is_cjk(b)):
        return True
    if b in OPENERS and a.isalnum():
        return True
    ca, cb = char_class(a), char_class(b)
    return (ca in "DL" or a == "%") and cb == "H" or ca == "H" and cb in "DL"


def _habit(glued: int, spaced: int) -> bool | None:
    """The document's habit from two counts: glued or spaced when one is more than twice
    the other, else none."""
    if glued > 2 * spaced:
        return True
    if spaced > 2 * glued:
        return False
    return None


def _class_break_join(left: str, right: str, stats: "JoinStats") -> bool | None:
    """At a ``_class_break``: join (True), a space (False), or no telling (None).

    After a number,
    a Latin word, a sign or a bracket, Hangul that is a particle ("400P|에") or, after a
    number, a counter ("153|개의", "'22|년도") belongs to it. Before an opening bracket and
    after a closing one the document's habit for such a pair decides, when it has one."""
    a, b = left[-1], right[0]
    ca, cb = char_class(a), char_class(b)
    head = right.split()[0].rstrip(",.")
    if cb == "H" and ca != "H":
        if head in PARTICLES:
            return True
        if ca == "D" and head[0] in COUNTERS:
            return True
    if b in OPENERS:
        # Documents write "연구원(AIR)" and "연구원 (AIR)" alike: the habit is asked only
        # where nothing else would be (a producer that wraps at spaces, whose trace says a
        # space); elsewhere the document's words and pairs decide (``JoinStats._decide``).
        if not stats.word_wrapping:
            return None
        return _habit(stats.before_opener.get(ca, 0), stats.before_opener_space.get(ca, 0))
    if a in CLOSERS:
        return _habit(stats.after_closer.get(cb, 0), stats.after_closer_space.get(cb, 0))
    return None


def _korean(a: str, b: str) -> bool:
    return is_hangul(a) or is_hangul(b) or is_cjk(a) or is_cjk(b)


def centred(lines: Sequence[TextLine]) -> bool:
    """Lines of one cell set centred: two or more, of different widths, their middles lined
    up. (A centred line's room is on both sides of it, and a producer leaves the space it
    wrapped at out of the line it centres.)"""
    if len(lines) < 2:
        return False
    middles = [(ln.x0 + ln.x1) / 2 for ln in lines]
    starts = [ln.x0 for ln in lines]
    size = max(ln.size for ln in lines)
    return max(middles) - min(middles) <= 0.15 * size and max(starts) - min(starts) > 0.2 * size


def join_wrapped(left: str, right: str, prev: TextLine | None, stats: JoinStats | None,
                 tally: Counter[str] | None = None, in_centred: bool = False, edge: float | None = None) -> str:
    """Append a wrapped line ``right`` to the text ``left`` whose last line is ``prev``.

    Where the wrap stands between Korean (or Chinese) characters, ``stats.witness`` counts
    what decided it: ``trace`` (the producer's space glyph, the room left on the line, its
    way of wrapping), ``vocabulary`` (the document's own words), ``model`` (the spacing
    model of ``extract.spacing``) or ``default`` (none of them: a full line is taken as cut
    inside a word). ``tally``, where given, counts it too: the wraps of one article's text.
    ``in_centred``: the lines are a cell's, set ``centred``. ``edge``: the furthest end of the
    lines ``prev`` runs with (a table column's, the contents'), where the column's edge is no
    measure of the room a line left (a cell's box, a contents line before its page number).
    """
    joined, witness = _join_wrapped(left, right, prev, stats, in_centred, edge)
    if stats is not None and witness:
        stats.witness[witness] += 1
        if tally is not None:
            tally[witness] += 1
    return joined


def _join_wrapped(left: str, right: str, prev: TextLine | None,
                  stats: JoinStats | None, in_centred: bool = False,
                  edge: float | None = None) -> tuple[str, str | None]:
    """``join_wrapped``, with the witness that decided (None where the wrap is not one between
    Korean characters, or a sign settles it)."""
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right, None
    if not right:
        return left, None
    # A URL broken over lines continues without a space when the next line is URL-like.
    if URL_TAIL.search(left) and " " not in right and not any(is_hangul(c) for c in right):
        return left + right, None
    a, b = left[-1], right[0]
    if LINE_MARKER.match(right) or LONE_MARK.match(right):
        return left + " " + right, None  # a new item (a bullet inside a cell) after a wrapped one
    if a in NO_SPACE_AFTER and a != "-":
        return left + right, None
    if b in NO_SPACE_BEFORE:
        return left + right, None
    if a in "-–" and b.isalnum() and not is_hangul(b):
        return left + right, None  # a hyphenated Latin word or number range: keep the hyphen, no space
    if a in SPACE_AFTER and (is_hangul(b) or is_cjk(b)):
        return left + " " + right, None
    korean = "trace" if _korean(a, b) else None
    if prev is not None and prev.trailing_space:
        return left + " " + right, korean
    if is_cjk(a) and is_cjk(b):
        # Two ideographs: one Chinese name ("姜子|牙"); Chinese is written without spaces
        # and a line breaker breaks between any two, full line or not.
        return left + right, "default"
    class_break = _class_break(a, b)
    if prev is not None and prev.column_right:
        # A producer that may cut words fills a line until the next unbreakable unit (one
        # syllable, or a Latin/number run) no longer fits. If that unit would have fitted
        # in the room left, the line was broken at a space (word wrapping, or a forced
        # break), so the words are separate. Where a line breaker may break without a space
        # (``_class_break``), only the whole word after the break having fitted tells.
        # (Not before an opening bracket: it goes to the next line with the one unit after
        # it, and ideographs inside brackets break one by one.)
        if not line_was_full(prev, right, whole_word=class_break and b not in OPENERS) \
                and not (stats is not None and stats.word_wrapping and _bracket_break(a, b)):
            return left + " " + right, korean
    if prev is not None and prev.column_right and not in_centred and _syllable_fitted(prev, a, right, edge):
        return left + " " + right, korean
    if not korean:
        # Latin words and numbers wrap at spaces, unless one is wider than the whole line: a
        # column narrower than "67.6" or "no" (a table's number column) gets it cut
        # anywhere, and what the line breaker cut is one word.
        if prev is not None and prev.column_right and _cut_word(left, right, prev):
            return left + right, None
        return left + " " + right, None
    if stats is not None and prev is not None and prev.column_right \
            and (stats.marks_space_wraps or prev.role == "table" and not in_centred and stats.cells_mark_space_wraps) \
            and prev.column_right - prev.x1 >= stats.space_em * prev.size:
        # This producer writes the space it wraps at when the space fits on the line; one
        # would have fitted, and there is none: the line was cut inside a word.
        return left + right, "trace"
    if class_break and stats is not None:
        verdict = _class_break_join(left, right, stats)
        if verdict is not None:
            return (left + right if verdict else left + " " + right), "vocabulary"
    head = right.split()[0].rstrip(",.")
    if head in PARTICLES and (stats is None or not (stats.word_wrapping or stats.words.get(head))):
        # A particle the document never writes on its own, cut from its word by a producer
        # that breaks lines between syllables (one that wraps at spaces moves it with it).
        return left + right, "vocabulary"
    if stats is not None and stats.word_wrapping:
        # This producer wraps at spaces, and where a line breaker may break with no space
        # (``_class_break``, "(天智航)|의료회사"; the document's habits were asked above).
        # Otherwise it cuts a word only when the word is wider than the whole line (a long
        # name in a narrow table cell). Such a word filled the line up to the edge, as two
        # words wrapped at a space may have done too: the document's words decide between
        # them; without evidence about these words (only the weak end/start habits of single
        # syllables) the producer's habit, a space, stands.
        word = left.split()[-1] + right.split()[0]
        if prev is not None and prev.column_right and \
                estimate_width(word, prev.size) * _width_scale(prev) > prev.column_right - prev.x0:
            decision = stats.decide_join(left, right, prev.role == "table")
            if decision and stats.last_rule not in WEAK_RULES:
                return left + right, "vocabulary"
        return left + " " + right, "trace"
    decision = stats.decide_join(left, right, prev is not None and prev.role == "table") if stats else None
    if decision is not None and stats is not None and stats.last_rule not in MODEL_FIRST_RULES:
        return (left + right if decision else left + " " + right), "vocabulary"
    # Neither the page nor the document's words tell: the spacing model of Korean text,
    # then the document's weak habits of single syllables.
    model = default_model() if stats is None or stats.use_model else None
    if any(c.isdigit() for c in left.split()[-1]):
        # After a number and its counter ("6대|", "9,462만|") the table knows the legal style
        # of its texts ("제18대국회", "만원"), not the reports' ("6대 분야", "만 원").
        model = None
    overruling = decision is not None and stats is not None and stats.last_rule not in WEAK_RULES
    guess = None if model is None else \
        model.decide(left, right, model.overrule_confidence if overruling else None, both_sides=overruling)
    if guess is not None:
        return (left + right if guess else left + " " + right), "model"
    if decision is not None:
        return (left + right if decision else left + " " + right), "vocabulary"
    if char_class(a) + char_class(b) in ("HD", "HL", "LH"):
        # Between Hangul and a number or a Latin word that is no particle or counter (those
        # were joined above): Korean writes them as words of their own ("건설에 5.5억",
        # "대형 모델 baichuan", "AI 지원").
        return left + " " + right, "default"
    # A full line that ends inside Hangul is more often cut inside a word than at a
    # space: most syllable boundaries are inside words.
    return left + right, "default"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
