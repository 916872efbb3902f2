"""The reports' own Markdown marks (headings, **bold**, *italic*) drawn as HTML, with one span of
the raw text highlighted.

Claims give their quotes as code-point offsets into the raw text, marks included. So the text is
not converted and then searched: each code point keeps its raw offset, the marks are dropped, and
the highlight opens and closes at the raw offsets. What the highlight shows is exactly
text[start:end] without the marks.
"""

import re
from bisect import bisect_left
from functools import lru_cache

from markupsafe import Markup, escape

HEADING = re.compile(r"^(#{1,6}) +", re.MULTILINE)
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
# open tags from the outside in: the highlight outermost, so it is one element however it falls
ORDER = ("mark", "heading", "strong", "em")


@lru_cache(maxsize=8)
def styles_of(text: str) -> tuple[tuple[bool, ...], tuple[frozenset, ...]]:
    """For each code point: whether it is a mark to drop, and the styles it is drawn in; worked out
    once per text, as every claim of a report reads the same whole report."""
    hidden = [False] * len(text)
    styles = [set() for _ in text]
    for found in HEADING.finditer(text):
        hidden[found.start() : found.end()] = [True] * (found.end() - found.start())
        line_end = text.find("\n", found.end())
        for i in range(found.end(), len(text) if line_end < 0 else line_end):
            styles[i].add(f"heading{len(found.group(1))}")
    for pattern, style, width in ((STRONG, "strong", 2), (EMPHASIS, "em", 1)):
        for found in pattern.finditer(text):
            if any(hidden[found.start() : found.end()]):
                continue  # inside a mark already taken (the ** of bold are not two italics)
            for i in (*range(found.start(), found.start() + width), *range(found.end() - width, found.end())):
                hidden[i] = True
            for i in range(found.start() + width, found.end() - width):
                styles[i].add(style)
    return tuple(hidden), tuple(frozenset(s) for s in styles)


def shown(text: str, start: int = 0, end: int | None = None) -> str:
    """What a reader sees of text[start:end]: its code points less the marks (found in the whole text)."""
    hidden, _ = styles_of(text)
    return "".join(text[i] for i in range(start, len(text) if end is None else end) if not hidden[i])


def open_tag(style: str, attributes: str) -> str:
    if style == "mark":
        return f"<mark{attributes}>"
    if style.startswith("heading"):
        return f'<span class="md-h md-h{style[-1]}" role="heading" aria-level="{style[-1]}">'
    return f"<{style}>"


def close_tag(style: str) -> str:
    return "</span>" if style.startswith("heading") else f"</{style}>"


def rank(style: str) -> int:
    return ORDER.index("heading" if style.startswith("heading") else style)


def render(text: str, start: int = 0, end: int = 0, mark: str = "", escape_run=escape) -> Markup:
    """The text as HTML with its marks drawn, and text[start:end] inside one <mark{mark}>.

    `escape_run` turns a run of plain text into HTML (the site's sets Arabic right to left)."""
    out, stack, run_styles, marked = [], [], None, False
    for styles, offsets, chars in runs_of(text):
        # a run splits where the highlight opens and closes
        a, b = (bisect_left(offsets, start), bisect_left(offsets, end)) if start < end else (0, 0)
        for lo, hi, in_mark in ((0, a, False), (a, b, True), (b, len(offsets), False)):
            if lo >= hi:
                continue
            marked |= in_mark
            wanted = sorted(styles | ({"mark"} if in_mark else set()), key=rank)
            if wanted != run_styles:
                keep = 0
                while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
                    keep += 1
                while len(stack) > keep:
                    out.append(close_tag(stack.pop()))
                for style in wanted[keep:]:
                    out.append(open_tag(style, mark))
                    stack.append(style)
                run_styles = wanted
            out.append(str(escape_run(chars[lo:hi])))
    if end > start and not marked:
        out.append(open_tag("mark", mark) + "</mark>")  # a quote of marks alone keeps its anchor
    while stack:
        out.append(close_tag(stack.pop()))
    return Markup("".join(out))


@lru_cache(maxsize=8)
def runs_of(text: str) -> tuple[tuple[frozenset, tuple[int, ...], str], ...]:
    """The text's shown code points in runs of one style, each with their raw offsets: worked out once
    per text, since every claim page draws the whole report its quote stands in."""
    hidden, styles = styles_of(text)
    runs = []
    for i, char in enumerate(text):
        if hidden[i]:
            continue
        if runs and runs[-1][0] == styles[i]:
            runs[-1][1].append(i)
            runs[-1][2].append(char)
        else:
            runs.append((styles[i], [i], [char]))
    return tuple((styles, tuple(offsets), "".join(chars)) for styles, offsets, chars in runs)
