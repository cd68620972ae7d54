"""Which card or section an option (or a question) names, e.g. 'AWS KMS' -> the KMS card."""

from __future__ import annotations

import re

from tutor.solve.facts import Entity

_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_BRAND = re.compile(r"\b(?:aws|amazon)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^)]*)\)")


def _norm(text: str) -> str:
    text = _BRAND.sub(" ", text.lower())
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(_ARTICLE.sub("", text.strip()).split())


# Words that dress up a title or an option without naming anything ("The principle of least privilege").
_FILLER = frozenset("of the a an and for to what is how by with in on principle attack attacks".split())


def _words(text: str) -> list[str]:
    return [w.rstrip("s") if len(w) > 3 else w for w in _norm(text).split() if w not in _FILLER]


def _names(entity: Entity) -> list[str]:
    names = [entity.name, *entity.aliases]
    names += [m.group(1) for name in list(names) for m in _PAREN.finditer(name)]
    names += [_PAREN.sub(" ", name) for name in list(names)]
    return [n for n in dict.fromkeys(_norm(n) for n in names) if n]


def name_match(option: str, entity: Entity) -> float:
    """How completely `option` is just a name of `entity`: 1.0 for an exact name, 0 when unrelated."""
    option_words = _words(_PAREN.sub(" ", option)) or _words(option)
    parenthetical = [_words(m.group(1)) for m in _PAREN.finditer(option)]
    if not option_words:
        return 0.0
    best = 0.0
    for name in _names(entity):
        name_words = _words(name)
        for candidate in [option_words, *parenthetical]:
            if candidate == name_words:
                return 1.0
            if not name_words or not candidate:
                continue
            inside = _contains(candidate, name_words)
            if inside:  # the name inside a longer option: strong only if it is most of the option
                best = max(best, len(name_words) / len(candidate))
            elif _contains(name_words, candidate):  # "Slowloris" for the section "Slowloris attacks"
                best = max(best, 0.9 * len(candidate) / len(name_words))
    return best


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def option_entity(option: str, entities: list[Entity], threshold: float = 0.55) -> Entity | None:
    """The entity an option names, preferring fact cards over sections when they tie."""
    best: tuple[float, int, Entity] | None = None
    for entity in entities:
        score = name_match(option, entity)
        rank = 0 if entity.kind != "section" else 1
        if score >= threshold and (best is None or (score, -rank) > (best[0], -best[1])):
            best = (score, rank, entity)
    return best[2] if best else None


def _find(haystack: list[str], needle: list[str]) -> int:
    n = len(needle)
    return next((i for i in range(len(haystack) - n + 1) if haystack[i : i + n] == needle), -1)


def mentioned_entities(text: str, entities: list[Entity], in_order: bool = False) -> list[Entity]:
    """Cards whose name or alias appears in `text` (not sections), longest mention first, or in the
    order they appear with `in_order`.

    A long name also counts when its last two words appear ("AWS account root user" in "the root
    user"); a shorter name inside a longer mention ("root" of "root user") is not a second mention.
    """
    words = _words(text)
    found: list[tuple[float, int, int, Entity]] = []
    for entity in entities:
        if entity.kind in {"section", "practice"}:
            continue
        best: tuple[float, int, int] | None = None
        for name in _names(entity):
            name_words = _words(name)
            candidates = [(float(len(name_words)), name_words)]
            if len(name_words) >= 3:
                candidates.append((1.5, name_words[-2:]))
            for weight, needle in candidates:
                start = _find(words, needle) if needle else -1
                if start >= 0 and (best is None or weight > best[0]):
                    best = (weight, start, start + len(needle))
        if best:
            found.append((*best, entity))
    found.sort(key=lambda item: (-item[0], item[1]))
    taken: list[tuple[int, int]] = []
    mentioned = []
    for _, start, end, entity in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        mentioned.append((start, entity))
    if in_order:
        mentioned.sort(key=lambda pair: pair[0])
    return [entity for _, entity in mentioned]


def mentions(text: str, entity: Entity) -> bool:
    """Whether `text` names `entity` by its name or an alias."""
    words = _words(text)
    return any(_words(n) and _find(words, _words(n)) >= 0 for n in _names(entity))


