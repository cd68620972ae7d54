"""Security anti-patterns: actions no AWS security answer recommends.

Exam distractors for "What should the company do?" and "Which is a best practice?" are often
insecure shortcuts (make the bucket public, share one set of credentials, put access keys in the
code, use the root user, turn off logging, do nothing). Their words are close to the right answer's,
so support from the notes cannot rule them out; recognising the shortcut itself can. An option that
negates the shortcut ("Never share the root password") is advice, not the shortcut.
"""

from __future__ import annotations

import re

from tutor.solve.lexicon import stated_negation

_ANTI_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("makes data public", r"\b(?:make|makes|making|set|setting|turn|turning|leave|leaving|configure|configuring)\b[^.]{0,40}"
                              r"\bpublic(?:ly)?\b|\b(?:open|opens|opening|allow|allows|allowing)\b[^.]{0,30}"
                              r"\b(?:to\s+(?:the\s+)?(?:internet|world|everyone)|0\.0\.0\.0/0)\b"),
        ("shares credentials", r"\bshar(?:e|es|ed|ing)\b[^.]{0,50}\b(?:credentials?|passwords?|access\s+keys?|iam\s+user|root\s+user|sign-in)\b"
                               r"|\b(?:one|a\s+single|the\s+same)\s+(?:iam\s+user|set\s+of\s+credentials|login)\b[^.]{0,40}\b(?:team|everyone|all|whole)\b"),
        ("sends credentials", r"\b(?:email|emails|emailing|send|sends|sending|post|paste)\b[^.]{0,50}\b(?:access\s+keys?|credentials|passwords?)\b"),
        ("embeds keys", r"\b(?:store|stores|storing|embed|embedding|hard-?code|hard-?coding|put|save|saving|keep|include)\b[^.]{0,40}"
                        r"\baccess\s+keys?\b[^.]{0,40}\b(?:code|application|script|source|file|instance|repository|ami)\b"),
        ("uses the root user", r"\broot\s+user(?:'s)?\s+(?:access\s+keys?|credentials)\b|\baccess\s+keys?\s+for\s+the\s+root\s+user\b"
                               r"|\buse\s+the\s+root\s+user\s+(?:for|to)\s+(?:all|every|everyday|daily|routine|day-to-day)\b"),
        ("turns off a safeguard", r"\b(?:disable|disabling|turn\s+off|turning\s+off|stop|stopping|delete|deleting|remove|removing)\b[^.]{0,30}"
                                  r"\b(?:mfa|multi-factor|cloudtrail|logging|logs|encryption|guardduty|shield|waf|firewall|security\s+hub"
                                  r"|config|inspector|macie|versioning|backups?)\b"),
        ("exposes servers", r"\bopen(?:s|ing)?\s+(?:all|every)\s+ports?\b|\bpublic\s+IP\s+address(?:es)?\s+to\s+(?:every|all|each)\b"),
        ("keeps a secret in code", r"\b(?:keep|keeps|keeping|leave|leaves|leaving)\b[^.]{0,40}\bhard-?coded\b"
                                   r"|\b(?:password|secret|key)s?\b[^.]{0,30}\binto\s+(?:a\s+)?comment\b"),
        ("grants everything", r"\b(?:administrator|admin|full)\s+access\b[^.]{0,30}\b(?:every|all|each)\b"
                              r"|\b(?:every|all|each)\s+(?:user|developer|employee)s?\b[^.]{0,30}\b(?:administrator|admin|full)\s+access\b"),
    )
)


_INACTION = re.compile(
    r"\bno\s+further\s+action\b|\btake\s+no\s+action\b|\bleav(?:e|ing)\s+(?:the\s+|it\s+)?[^.]{0,30}\bactive\b|\bignor(?:e|ing)\s+the\b",
    re.IGNORECASE,
)
# "Stop anyone from turning off CloudTrail" prevents the shortcut.
_PREVENTS = re.compile(
    r"\b(?:prevent|prevents|preventing|stop|stops|stopping|block|blocks|blocking|deny|denies|denying|forbid|forbids)\b"
    r"[^.]{0,40}\bfrom\b",
    re.IGNORECASE,
)
# Names of protective features that contain a shortcut's words.
_SAFEGUARD_NAMES = re.compile(r"\b(?:S3\s+)?Block\s+Public\s+Access\b", re.IGNORECASE)


def anti_pattern(option: str) -> str | None:
    """The insecure shortcut an option proposes ('shares credentials'), or None.

    A negated option ("Do not share...", "Never use the root user's access keys") warns against the
    shortcut and is not one."""
    if _INACTION.search(option):
        return "does nothing"  # checked first: its own words ("no further action") read as a negation
    if _PREVENTS.search(option):
        return None
    text = _SAFEGUARD_NAMES.sub(" ", option)
    for name, pattern in _ANTI_PATTERNS:
        match = pattern.search(text)
        # Only a negation before the shortcut in its own clause turns it into advice; "... so the
        # code no longer has it" after the shortcut does not.
        if match and not stated_negation(re.split(r"[,;]", text[: match.start()])[-1]):
            return name
    return None
