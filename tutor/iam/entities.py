"""The principals and resources a scenario holds, with the policies attached to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.iam.model import Policy

FULL_ACCESS = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
RCP_FULL_ACCESS = {"Version": "2012-10-17",
                   "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
_MUST_ALLOW_TYPES = {"kms-key", "role"}


@dataclass
class Principal:
    """A user, role, role session or root user of the scenario, with its attached policies."""

    name: str
    type: str
    arn: str
    account: str
    aliases: list[str] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    boundary: Policy | None = None
    session_policy: Policy | None = None
    tags: dict[str, str] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    role: str | None = None
    source: str | None = None
    trust: Policy | None = None


@dataclass
class Resource:
    """A resource with its resource-based policy (bucket policy, key policy, trust policy)."""

    name: str
    type: str
    arn: str
    account: str | None
    aliases: list[str] = field(default_factory=list)
    policy: Policy | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def must_allow(self) -> bool:
        return self.type in _MUST_ALLOW_TYPES
