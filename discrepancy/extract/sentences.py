"""Split article text into sentences with their character offsets (no model, no download), and tell which
of a sentence's figures a word after them belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt maj rep sen gov st no nos vs etc approx est dept univ inc corp
    ltd co jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave fig p.m a.m u.s u.k u.n e.g i.e""".split()
)
# A candidate boundary: terminal punctuation, optional closing quote/bracket, whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n\s*\n|\n(?=[-•*]\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial ("U.S.", "Gen.", "J.")."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or len(word) == 1 or "." in word


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed, in order."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        punct_end = match.start() + len(match.group(0).rstrip())
        if "\n" not in match.group(0):
            following = text[match.end(): match.end() + 1]
            # "... said 3.5 million people" never splits; lower-case continuations rarely start sentences.
            if following and following.islower():
                continue
            if text[match.start()] == "." and _is_abbreviation(text, match.start()):
                continue
        yield from _trimmed(text, start, punct_end)
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


_FIGURE_AT = re.compile(r"\S*\d[\d,.]*\S*")


def figure_between(sentence: str, start: int, pos: int) -> bool:
    """Whether another figure stands between the figure starting at `start` and a later position `pos`: a date
    or a source after it is then that other figure's ("a figure of 30,000, ... the 40,000 who marched on
    31 January", "at 1.28m, against 3.5m according to the CGT")."""
    own = _FIGURE_AT.match(sentence, start)
    return pos > start and bool(re.search(r"\d", sentence[own.end() if own else start:pos]))
