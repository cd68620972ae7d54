"""The seven topics of the security module, in course order.

Kept apart from the quiz package so that light callers (the app's first screen) can name
the topics without importing the quiz engine.
"""

TOPICS: tuple[str, ...] = (
    "shared-responsibility",
    "iam",
    "organizations",
    "compliance",
    "ddos",
    "encryption",
    "security-services",
)
