"""Why each option is right or wrong, in a sentence or two, with the sections that say so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.solve.intent import QuestionIntent, claimed_owner

if TYPE_CHECKING:
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.scoring import OptionScore

_OWNER_TEXT = {"aws": "AWS", "customer": "the customer", "shared": "shared between AWS and the customer"}
_SERVICE_TEXT = {"ec2": "Amazon EC2", "rds": "Amazon RDS", "lambda": "AWS Lambda", "s3": "Amazon S3"}


@dataclass(frozen=True)
class Citation:
    """A corpus section that supports a reason."""

    id: str
    title: str
    source: str

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source}


def _quote(text: str | None, limit: int = 220) -> str:
    if not text:
        return ""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"}"'


def citations_for(bank: EvidenceBank, *section_ids: str | None) -> list[Citation]:
    """Citations for the given sections, skipping unknown and repeated ids."""
    found: list[Citation] = []
    for section_id in dict.fromkeys(s for s in section_ids if s):
        title_source = bank.section_title(section_id)
        if title_source:
            found.append(Citation(section_id, *title_source))
    return found


def _owner_phrase(owner: str) -> str:
    return _OWNER_TEXT.get(owner, owner)


def _responsibility_reason(text: str, score: OptionScore, intent: QuestionIntent, picked: bool) -> str:
    item = score.matched_item
    if item is None:
        return "No row of the shared responsibility table matches this option."
    where = f" with {_SERVICE_TEXT[item.service]}" if item.service in _SERVICE_TEXT else ""
    fact = f'This is "{item.item}"{where}: {_owner_phrase(item.owner)}' + (
        "." if item.owner == "shared" else "'s responsibility." if item.owner == "aws" else " is responsible."
    )
    claim = claimed_owner(text)
    if claim:
        judged = "which the option states correctly" if claim == item.owner else f"so the option is wrong to name {_owner_phrase(claim)}"
        return f"{fact} The option names {_owner_phrase(claim)}, {judged}."
    if intent.direction:
        asked = (
            f"the question asks for {'something that is NOT' if intent.negated else 'something'} shared by AWS and the customer"
            if intent.direction == "shared"
            else f"the question asks what is {'NOT ' if intent.negated else ''}{_owner_phrase(intent.direction)}'s responsibility"
        )
        return f"{fact} {'It fits' if picked else 'It does not fit'}: {asked}."
    return fact


_PARTY_TEXT = {**_OWNER_TEXT, "other": "a party outside the shared responsibility model", None: "no party"}


def _party_reason(score: OptionScore, picked: bool) -> str:
    item = score.matched_item
    if item is None:
        return "No row of the shared responsibility table matches the task in the question."
    where = f" with {_SERVICE_TEXT[item.service]}" if item.service in _SERVICE_TEXT else ""
    owner = _owner_phrase(item.owner)
    fact = f'The task is "{item.item}"{where}, which is {"" if item.owner == "shared" else "the responsibility of "}{owner}.'
    named = _PARTY_TEXT.get(score.party, score.party)
    return f"{fact} This option names {named}, {'which matches' if picked else 'which does not match'}."


_CLAIM_SAYS = 0.5
"""The claim book's verdict is the reason only when it is clear; a faint match explains nothing."""


def _claim_reason(score: OptionScore, intent: QuestionIntent, picked: bool) -> str:
    """A statement the claim book recognises: say whether it is the truth or a common mistake, and why."""
    verdict = score.claim
    assert verdict is not None
    correction = verdict.claim.why.rstrip(".") + "."
    if verdict.says_false:
        lead = "This is the false statement" if intent.negated and picked else "This is a common mistake"
        return f"{lead}: {correction}"
    if intent.negated or picked:
        return f"This is true: {correction}"
    return f"This is true, but it does not answer what is asked: {correction}"


def explain_option(
    bank: EvidenceBank, text: str, score: OptionScore, intent: QuestionIntent, strategy: str, picked: bool
) -> tuple[str, list]:
    """The reason for an option's verdict and the sections cited for it."""
    citations = citations_for(bank, score.section_id, score.entity.section if score.entity else None)
    if score.shortcut:
        if intent.negated and picked:
            return f"This is the one that is not good security practice: it {score.shortcut}.", citations
        return f"This is an insecure shortcut: it {score.shortcut}, which no AWS security practice recommends.", citations
    if strategy == "responsibility" and score.kind == "responsibility":
        return _responsibility_reason(text, score, intent, picked), citations
    if strategy == "party":
        return _party_reason(score, picked), citations
    evidence = _quote(score.evidence)
    against = f" The notes say it is not for: {_quote(score.against)}." if score.against else ""
    if strategy == "named" and score.entity is not None:
        name = score.entity.name
        if intent.negated:
            reason = (
                f"{name} is the one that does not fit the description; what it does: {evidence}."
                if picked
                else f"{name} fits the description: {evidence}."
            )
        else:
            purpose = _quote(score.entity.statements[0]) if score.entity.kind != "section" and score.entity.statements else evidence
            reason = (
                f"{name} matches what the question asks for: {evidence}."
                if picked
                else f"{name} is for something else: {purpose}.{against}"
            )
        return reason, citations
    if score.claim is not None and abs(score.claim.truth) >= _CLAIM_SAYS:
        return _claim_reason(score, intent, picked), citations_for(bank, score.claim.claim.section, score.section_id)
    # For a statement, `against` is whatever contradicts it: a not_for line or a sentence saying the opposite.
    against = f" The notes say otherwise: {_quote(score.against)}." if score.against else ""
    if intent.negated:
        reason = (
            f"This is the exception: the notes do not support it.{against or (' Closest note: ' + evidence + '.' if evidence else '')}"
            if picked
            else f"The notes support this: {evidence}."
        )
    elif picked:
        reason = f"The notes support this and it answers the question: {evidence}."
    elif score.against:
        reason = f"Contradicted by the notes.{against}"
    else:
        reason = f"This does not answer what is asked, or the notes do not support it; the closest note: {evidence}."
    return reason, citations
