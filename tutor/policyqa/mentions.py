"""Where a question names the scenario's principals and resources, by name, alias or ARN.

Names are matched case-insensitively on word boundaries, longest first, without overlaps, so
"Sam at the register" wins over "Sam" and "receipts key" over "receipts". A plural alias also
matches its singular ("receipts" -> "a receipt"), which marks the mention as the *contents*
of the resource (an object) rather than the container (the bucket).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tutor.iam import Principal, Resource, Scenario

# Names too generic to show that a question is about the scenario: "can I use MFA with the root
# user?" is a general question even though the coffee shop's owner has "root user" as an alias.
WEAK_NAMES = frozenset({"root", "root user", "the root user", "account root user", "kms key", "key", "user",
                        "admin", "administrator", "role"})

_ARN = re.compile(r"\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:[^\s,;)\]\"'`?]+"
                  r"|\bs3://[a-z0-9][a-z0-9.-]+(?:/[^\s,;)\]\"'`?]*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One name found in the question."""

    entity: Principal | Resource
    is_principal: bool
    alias: str
    start: int
    end: int
    weak: bool
    container: bool
    """True when the words name the container itself ("receipts bucket"), not what is in it ("receipts")."""

    @property
    def is_resource(self) -> bool:
        return not self.is_principal or getattr(self.entity, "type", "") == "role"


def _variants(alias: str) -> list[tuple[str, bool]]:
    """The alias, and its singular or plural form; the flag says whether the form is singular of a plural."""
    lowered = alias.lower()
    out = [(lowered, False)]
    if " " in lowered or lowered.isalpha():
        head, _, last = lowered.rpartition(" ")
        prefix = head + " " if head else ""
        if last.endswith("s") and len(last) > 3:
            out.append((prefix + last[:-1], True))
        elif last.isalpha():
            out.append((prefix + last + "s", False))
    return out


@lru_cache(maxsize=32)
def _index(scenario: Scenario) -> tuple[re.Pattern[str], dict[str, tuple[object, bool, bool, bool]]]:
    """One regex over every name, and what each name stands for: (entity, is_principal, singular, weak)."""
    table: dict[str, tuple[object, bool, bool, bool]] = {}
    for principal in scenario.principals.values():
        for name in [principal.name, *principal.aliases]:
            for form, singular in _variants(name):
                table.setdefault(form, (principal, True, singular, name.lower() in WEAK_NAMES))
    for resource in scenario.resources.values():
        for name in [resource.name, *resource.aliases]:
            for form, singular in _variants(name):
                table.setdefault(form, (resource, False, singular, name.lower() in WEAK_NAMES))
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?:'s)?(?![\w-])")
    return pattern, table


def find_mentions(text: str, scenario: Scenario) -> list[Mention]:
    """Every name of a scenario principal or resource in `text`, in order of appearance."""
    lowered = text.lower()
    pattern, table = _index(scenario)
    written = arns_in(text)
    mentions: list[Mention] = []
    for match in pattern.finditer(lowered):
        if any(start <= match.start() < end for _, start, end in written):
            continue  # "Ben" inside arn:aws:iam::...:user/Ben is part of the ARN, read below
        entity, is_principal, singular, weak = table[match.group(1)]
        alias = match.group(1)
        noun = _container_noun(entity)
        container = bool(noun and noun in alias.split()) or (not singular and _is_bare_name(alias, entity))
        mentions.append(Mention(entity, is_principal, alias, match.start(), match.end(), weak, container))
    for arn, start, end in written:
        entity = _by_arn(scenario, arn)
        if entity is not None:
            mentions.append(Mention(entity[0], entity[1], arn, start, end, False, True))
    mentions.sort(key=lambda m: m.start)
    return mentions


def arns_in(text: str) -> list[tuple[str, int, int]]:
    """Every ARN written in `text`: (arn, start, end)."""
    found = []
    for match in _ARN.finditer(text):
        arn = match.group(0).rstrip(".")
        if arn.lower().startswith("s3://"):  # an S3 URL names the same bucket or object as its ARN
            arn = "arn:aws:s3:::" + arn[5:].rstrip("/")
        found.append((arn, match.start(), match.end()))
    return found


def _container_noun(entity: object) -> str | None:
    return {"s3-bucket": "bucket", "dynamodb-table": "table", "kms-key": "key", "role": "role"}.get(
        getattr(entity, "type", ""))


def _is_bare_name(alias: str, entity: object) -> bool:
    """A bucket's own name (`coffee-shop-receipts`) names the bucket, not its objects.

    Only names that cannot be ordinary words count: "inventory" is also just a word.
    """
    arn = str(getattr(entity, "arn", "")).lower()
    if alias.isalpha():
        return False
    return bool(arn) and (arn.endswith(":" + alias) or arn.endswith("/" + alias))


def _by_arn(scenario: Scenario, arn: str) -> tuple[object, bool] | None:
    lowered = arn.lower()
    for principal in scenario.principals.values():
        if principal.arn.lower() == lowered:
            return principal, True
    for resource in scenario.resources.values():
        if lowered == resource.arn.lower() or lowered.startswith(resource.arn.lower() + "/"):
            return resource, False
    return None
