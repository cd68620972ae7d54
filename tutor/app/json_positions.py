"""Where in a JSON text a validator's path (`Statement[1].Condition.StringEquals`) points.

The IAM validator reports schema errors by JSON path; the policy lab needs a line and column to
mark them and move the cursor there. This walks the text once, recording where each value
starts. Only valid JSON is walked: syntax errors already come with their own line and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_PATH_PART = re.compile(r"\[(\d+)\]")


@dataclass
class _Node:
    offset: int
    end: int = 0
    members: dict[str, tuple[int, _Node]] = field(default_factory=dict)
    """For an object: key -> (offset of the key, value node)."""
    items: list[_Node] = field(default_factory=list)


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()

    def value(self) -> _Node:
        node = self._value()
        node.end = self.pos
        return node

    def _value(self) -> _Node:
        self.skip()
        node = _Node(self.pos)
        ch = self.text[self.pos]
        if ch == "{":
            self.pos += 1
            self.skip()
            if self.text[self.pos] == "}":
                self.pos += 1
                return node
            while True:
                self.skip()
                key_offset = self.pos
                key = self.string()
                self.skip()
                self.pos += 1  # the colon
                child = self.value()
                node.members.setdefault(key, (key_offset, child))
                self.skip()
                closing = self.text[self.pos]
                self.pos += 1
                if closing == "}":
                    return node
        if ch == "[":
            self.pos += 1
            self.skip()
            if self.text[self.pos] == "]":
                self.pos += 1
                return node
            while True:
                node.items.append(self.value())
                self.skip()
                closing = self.text[self.pos]
                self.pos += 1
                if closing == "]":
                    return node
        if ch == '"':
            self.string()
            return node
        for literal in ("true", "false", "null"):
            if self.text.startswith(literal, self.pos):
                self.pos += len(literal)
                return node
        self.pos = _NUMBER.match(self.text, self.pos).end()
        return node

    def string(self) -> str:
        decoded, end = json.decoder.scanstring(self.text, self.pos + 1)
        self.pos = end
        return decoded


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def locate(text: str, path: str) -> tuple[int, int] | None:
    """1-based (line, column) of the value at `path` in `text`; None if `text` is not JSON.

    A path to a missing element (`Statement[0].Effect` with no Effect) points at the key of its
    parent, or at the parent value itself when that is a list item or the whole document.
    """
    found = locate_span(text, path)
    return found[0] if found else None


def locate_span(text: str, path: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Start and end (1-based line, column; end exclusive) of what `locate` points at."""
    try:
        json.loads(text)
        root = _Walker(text).value()
    except (ValueError, IndexError, AttributeError, RecursionError):
        return None
    node, start, end = root, root.offset, root.end
    rest = path
    while rest:
        rest = rest.lstrip(".")
        index = _PATH_PART.match(rest)
        if index:
            position = int(index.group(1))
            if position >= len(node.items):
                break
            node = node.items[position]
            start, end = node.offset, node.end
            rest = rest[index.end() :]
            continue
        # Keys may themselves hold dots (condition keys), so take the longest key the path starts with.
        matches = [k for k in node.members if rest == k or rest.startswith(k + ".") or rest.startswith(k + "[")]
        if not matches:
            break
        key = max(matches, key=len)
        key_offset, child = node.members[key]
        rest = rest[len(key) :]
        if rest.strip(".") and not _child_has(child, rest):
            # The next part is missing: point at the element that lacks it, by its key.
            start, end = key_offset, key_offset + len(json.dumps(key))
            node = child
            break
        node, start, end = child, child.offset, child.end
    return _line_col(text, start), _line_col(text, end)


def _child_has(node: _Node, rest: str) -> bool:
    rest = rest.lstrip(".")
    index = _PATH_PART.match(rest)
    if index:
        return int(index.group(1)) < len(node.items)
    return any(rest == k or rest.startswith(k + ".") or rest.startswith(k + "[") for k in node.members)
