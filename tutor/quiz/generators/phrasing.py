"""English for generated questions: articles, verb-led phrases, quoted definitions, option lengths.

Fact cards hold short fragments ("Watches account activity", "IAM role", "Scanning software");
these functions fit them into exam-style sentences without changing what they state.
"""

from __future__ import annotations

import re

from tutor.quiz.assembly import lower_first, sentence

# Verbs (third person) that start a card's purpose or feature: such a phrase can follow
# "Which AWS service..." directly ("Which AWS service scans EC2 instances?").
_LEADING_VERBS = frozenset(
    """adds aggregates analyses applies caches calculates can checks collects combines configures controls
    defends denies deploys detects distributes does encrypts filters finds flags gives governs grants handles helps
    identifies is issues keeps manages means mitigates needs offers protects provides provisions
    raises reads records renews requires rescans retrieves rotates runs scales scans sends sets shares shows
    stores supports uses validates waits watches""".split()
)
_ADVERBS = frozenset({"also", "automatically", "centrally", "continuously", "never", "still"})
_SILENT_E = ("dg", "u", "c", "at", "ag", "id", "ak", "iz", "ur", "ov", "in")


def verb_led(text: str) -> bool:
    """True for 'Scans EC2 instances' or 'Never issues long-term credentials', not for 'Stateful'."""
    words = [w.strip(",;:").lower() for w in text.strip().split()]
    while words and words[0] in _ADVERBS:
        words = words[1:]
    return bool(words) and words[0] in _LEADING_VERBS


def plural_verb_phrase(text: str) -> str:
    """'Sets the maximum permissions' -> 'Set the maximum permissions', for a plural subject
    ('Service control policies set...'); the first verb after any adverb changes."""
    words = text.strip().split()
    index = 0
    while index < len(words) and words[index].lower() in _ADVERBS:
        index += 1
    if index == len(words):
        return text
    word, tail = words[index].rstrip(",;:"), words[index][len(words[index].rstrip(",;:")) :]
    lowered = word.lower()
    irregular = {"is": "are", "does": "do", "has": "have", "can": "can"}
    if lowered in irregular:
        plural = irregular[lowered]
    elif lowered.endswith("ies"):
        plural = lowered[:-3] + "y"
    elif lowered.endswith(("sses", "shes", "ches", "xes")):
        plural = lowered[:-2]
    elif lowered.endswith("s"):
        plural = lowered[:-1]
    else:
        return text
    if word[:1].isupper():
        plural = capitalised(plural)
    return " ".join([*words[:index], plural + tail, *words[index + 1 :]])


def article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by its first sound ('an IAM role', 'a federated user', 'an HSM')."""
    first = phrase.strip().split()[0] if phrase.strip() else ""
    if first.isupper() and len(first) > 1:
        # Read as letters: "an IAM...", "an SCP", "a KMS key".
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1].lower() in "aeiou" else "a"


def with_article(name: str) -> str:
    """An identity type's name as used inside a sentence.

    'IAM role' -> 'an IAM role'; 'Federated user' -> 'a federated user';
    'AWS account root user' -> 'the AWS account root user' (there is exactly one per account).
    """
    text = lower_first(name)
    if "root user" in text.lower():
        return f"the {text}"
    return f"{article(text)} {text}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def option_phrase(text: str) -> str:
    """A noun phrase as an option: capitalised, without a full stop ('Cross-account access')."""
    text = text.strip().rstrip(".")
    return capitalised(text)


def quoted(text: str) -> str:
    """A whole sentence in quotation marks: '"A named set of IAM users."'."""
    return f'"{sentence(text)}"'


def to_infinitive(practice: str) -> str:
    """'Turn on MFA' -> 'to turn on MFA'; 'Do not create keys' -> 'not to create keys'."""
    text = practice.strip().rstrip(".")
    match = re.match(r"(?i)^(do not|don't|never)\s+(.*)$", text)
    if match:
        return f"not to {match.group(2)}"
    return f"to {lower_first(text)}"


def _third_person(gerund: str) -> str | None:
    word = gerund.lower()
    if word == "being":
        return "is"
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]  # scanning -> scan, flagging -> flag
    elif stem.endswith(_SILENT_E) and not stem.endswith(("ain", "ein", "oin")):
        stem += "e"  # judging -> judge, issuing -> issue, creating -> create
    if stem.endswith(("s", "sh", "ch", "x", "z")):
        return stem + "es"
    return stem + "s"


def as_statement(text: str) -> str:
    """A caveat written as a gerund ('Scanning software', 'Creating and managing keys') turned into
    the form of the features it stands among ('Scans software', 'Creates and manages keys'), so
    that the odd one out is not given away by its grammar. Other phrases are left as they are."""
    words = text.strip().split()
    if not words:
        return text
    first = _third_person(words[0])
    if first is None:
        return text
    out = [capitalised(first)]
    rest = words[1:]
    if len(rest) >= 2 and rest[0] == "and" and (second := _third_person(rest[1])) is not None:
        out += ["and", second]
        rest = rest[2:]
    return " ".join(out + rest)


def similar_length_first(texts: list[str], key: str, ratio: float = 2.0) -> list[list[str]]:
    """Split candidate option texts into those within `ratio` of the key's length and the rest,
    so distractors are drawn from the first group first and no option stands out by its length."""
    size = max(len(key), 1)
    close = [t for t in texts if 1 / ratio <= len(t) / size <= ratio]
    return [close, [t for t in texts if t not in close]]


def without_aside(text: str) -> tuple[str, str | None]:
    """'Filtering by port (security groups do that)' -> ('Filtering by port', 'security groups do that').

    An aside in brackets at the end of a caveat names the right service and would give a NOT
    question away; it belongs in the explanation instead."""
    match = re.match(r"^(.*\S)\s*\(([^()]*)\)\.?$", text.strip())
    if not match:
        return text, None
    return match.group(1), match.group(2)
