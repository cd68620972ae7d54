"""Request context from plain phrases: MFA, source IP, HTTPS, Region, tags and literal `key=value` pairs.

Each rule is a row of data (pattern -> keys); `read_context` applies them all and says which
phrase set which key, so the answer can show what it understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_IP = r"(\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)"
_REGION = r"([a-z]{2}(?:-gov)?-[a-z]+-\d)"

# (pattern, key, value); a value of None takes the first group of the match.
_RULES: tuple[tuple[str, str, str | None], ...] = (
    (r"\b(?:without|no|not using|not signed in with|didn't use|did not use|hasn't used|has not used)\s+(?:an?\s+)?mfa\b",
     "aws:MultiFactorAuthPresent", "false"),
    (r"\bmfa\s+(?:is\s+)?(?:off|not present|absent|missing)\b", "aws:MultiFactorAuthPresent", "false"),
    (r"\b(?:with|using|after|signed in with|signing in with|has used|used)\s+(?:an?\s+)?mfa\b",
     "aws:MultiFactorAuthPresent", "true"),
    (r"\bmfa\s+(?:is\s+)?(?:on|present|used)\b", "aws:MultiFactorAuthPresent", "true"),
    (r"\b(?:from|source ip|ip address|ip)\s+(?:ip\s+|address\s+)?" + _IP, "aws:SourceIp", None),
    (r"\b(?:over|using|uses|use|via|through)\s+(?:plain\s+)?http\b(?!s)", "aws:SecureTransport", "false"),
    (r"\b(?:unencrypted|insecure|plain[- ]text|non-tls|without tls|without https|without ssl)\s*(?:connection|transport|http)?\b",
     "aws:SecureTransport", "false"),
    (r"\b(?:over|using|uses|use|via|through)\s+(?:https|tls|ssl)\b", "aws:SecureTransport", "true"),
    (r"\b(?:encrypted|secure)\s+(?:connection|transport)\b", "aws:SecureTransport", "true"),
    (r"\b(?:in|to|from|region)\s+(?:the\s+)?(?:region\s+)?" + _REGION + r"\b", "aws:RequestedRegion", None),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), key, value) for p, key, value in _RULES)

# "tagged project=alpha", "request tag team=blue", "principal tag station=register", "aws:SourceVpc=vpc-1"
_TAG = re.compile(r"\b(request|principal|resource)?\s*tag(?:ged)?\s+(?:with\s+)?([\w.:/+-]+)\s*[=:]\s*\"?([\w.:/+@-]+)\"?",
                  re.IGNORECASE)
_LITERAL = re.compile(r"\b((?:aws|s3|kms|ec2|iam|sts|dynamodb)[:][A-Za-z][\w/:-]*)\s*=\s*\"?([^\s\",;?]+)\"?")


@dataclass
class ContextReading:
    """The keys a question set, and the phrase behind each."""

    context: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Where in the text the phrases were, so other readers can skip them (an IP is not a resource)."""


def read_context(text: str) -> ContextReading:
    """Condition-key values stated in `text`; the first rule to set a key wins."""
    reading = ContextReading()
    for pattern, key, value in _COMPILED:
        if key in reading.context:
            continue
        match = pattern.search(text)
        if match:
            reading.context[key] = value if value is not None else match.group(1)
            reading.phrases[key] = match.group(0).strip()
            reading.spans.append(match.span())
    for match in _TAG.finditer(text):
        where = (match.group(1) or "resource").lower()
        key = {"request": "aws:RequestTag", "principal": "aws:PrincipalTag", "resource": "aws:ResourceTag"}[where]
        reading.context[f"{key}/{match.group(2)}"] = match.group(3)
        reading.phrases[f"{key}/{match.group(2)}"] = match.group(0).strip()
        reading.spans.append(match.span())
    for match in _LITERAL.finditer(text):
        reading.context[match.group(1)] = match.group(2)
        reading.phrases[match.group(1)] = match.group(0).strip()
        reading.spans.append(match.span())
    return reading
