"""Splitting chunk text into quotable units: whole sentences and list items.

`answer_units` (the answerer's, precomputed in the sentence index) keeps each list item with
its lead-in; `split_units` (the exam solver's evidence) quotes a short list whole.
"""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by space and a capital, digit, quote or bracket.
# Requiring the capital keeps "e.g. an IAM role" and "i.e. the" in one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|Inc|Ltd|No)\.$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_MARKUP = re.compile(r"\*\*|__|`")

UNITS_VERSION = "3"
"""Bump when `answer_units` changes: the sentence index is then rebuilt (the chunks are not)."""

# For `split_units`: a list together with the sentence introducing it is one unit when this
# short; a longer list is quoted item by item.
MAX_LIST_UNIT_CHARS = 600


def _split_prose(paragraph: str) -> list[str]:
    text = " ".join(line.strip() for line in paragraph.splitlines() if line.strip())
    pieces = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """("prose" | "list" | "gap", lines) in reading order; code blocks and headings are left out."""
    blocks: list[tuple[str, list[str]]] = []
    in_fence = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or _HEADING.match(line):
            continue
        if not line.strip():
            blocks.append(("gap", []))
            continue
        if _LIST_ITEM.match(line):
            if not blocks or blocks[-1][0] != "list":
                blocks.append(("list", []))
            blocks[-1][1].append(_LIST_ITEM.sub("", line).strip())
        elif blocks and blocks[-1][0] == "list" and raw.startswith((" ", "\t")):
            blocks[-1][1][-1] += " " + line.strip()  # continuation of a wrapped list item
        else:
            if not blocks or blocks[-1][0] != "prose":
                blocks.append(("prose", []))
            blocks[-1][1].append(line)
    return blocks


def split_units(text: str) -> list[str]:
    """Quotable units of a chunk, in reading order; code blocks and headings are left out."""
    units: list[str] = []
    for kind, lines in _blocks(text):
        if kind == "prose":
            units.extend(_clean(s) for s in _split_prose("\n".join(lines)))
        elif kind == "list":
            items = [_clean(item) for item in lines if item.strip()]
            lead = units[-1] if units and units[-1].endswith(":") else None
            combined = "\n".join([lead or "", *(f"- {item}" for item in items)]).strip()
            if lead is not None and len(combined) <= MAX_LIST_UNIT_CHARS:
                units[-1] = combined
            else:
                units.extend(items)
    return [u for u in units if u]


LIST_ITEM_MARK = "\n- "
"""Joins a lead-in and its list item in a unit of `answer_units`: "Facts about X:\n- item"."""


def answer_units(text: str) -> list[str]:
    """The units the answerer quotes: sentences, and each list item together with its lead-in.

    An item alone ("Cannot be nested.") loses its subject, and a whole list buries the one
    item asked about; so each item is its own unit that carries the sentence introducing it,
    and the answerer merges items of the same list back under one lead-in.
    """
    units: list[str] = []
    for kind, lines in _blocks(text):
        if kind == "prose":
            units.extend(_clean(s) for s in _split_prose("\n".join(lines)))
        elif kind == "list":
            items = [_clean(item) for item in lines if item.strip()]
            lead = units.pop() if units and units[-1].endswith(":") else None
            units.extend(f"{lead}{LIST_ITEM_MARK}{item}" if lead else item for item in items if item)
    return [u for u in units if u]


def lead_and_item(unit: str) -> tuple[str | None, str]:
    """A unit of `answer_units` split into (lead-in, the rest); (None, unit) when it has no lead-in."""
    lead, mark, item = unit.partition(LIST_ITEM_MARK)
    return (lead, item) if mark and lead.endswith(":") else (None, unit)


def unit_in_context(title: str, unit: str) -> str:
    """The text embedded for a unit: its section title in front, so "It never leaves the
    service" is still about AWS KMS when compared with a question."""
    return f"{title}: {unit}" if title else unit
