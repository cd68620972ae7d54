"""A tiny literal corpus (notes, fact cards, a scenario, a bank file) for quiz and store specs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

NOTES = {
    "01-shared-responsibility.md": """\
        # shared-responsibility

        ## Who secures what {#srm-overview}

        AWS secures the data centres, the hardware and the hypervisor. The customer secures
        its data, its IAM identities and the guest operating system of EC2 instances.

        ## How the split changes by service {#srm-by-service}

        With Amazon EC2 the customer patches the guest operating system and configures security
        groups. With AWS Lambda, AWS patches the runtime and the customer owns the function code.
        AWS Lambda is an abstracted service. Amazon EC2 is an infrastructure service.
        """,
    "02-iam.md": """\
        # iam

        ## Roles {#iam-roles}

        An IAM role has permissions but no password or access keys of its own.

        ## Policy evaluation {#iam-policy-evaluation}

        A request is denied unless some policy allows it; an explicit Deny overrides every Allow.
        """,
    "07-threat-detection.md": """\
        # security-services

        ## Amazon Inspector {#svc-inspector}

        Amazon Inspector scans EC2 instances and container images for software vulnerabilities.

        ## Amazon GuardDuty {#svc-guardduty}

        Amazon GuardDuty watches account and network activity to detect threats.
        """,
    "08-related-services.md": """\
        # security-services

        ## AWS CloudTrail {#svc-cloudtrail}

        AWS CloudTrail records API calls made in an account.

        ## Amazon Detective {#svc-detective}

        Amazon Detective helps investigate the root cause of findings.
        """,
}

SERVICES = """\
- id: guardduty
  name: Amazon GuardDuty
  aliases: [GuardDuty]
  category: threat-detection
  purpose: Watches account and network activity to detect threats.
  features:
    - Reads VPC Flow Logs and DNS logs
    - Raises findings about suspicious activity
  not_for:
    - Scanning instances for software vulnerabilities
  confused_with: [inspector]
  section: svc-guardduty
- id: inspector
  name: Amazon Inspector
  category: vulnerability-management
  purpose: Scans workloads for software vulnerabilities.
  features:
    - Scans EC2 instances for known vulnerabilities
    - Scans container images in Amazon ECR
  confused_with: [guardduty]
  section: svc-inspector
- id: cloudtrail
  name: AWS CloudTrail
  category: logging-audit
  purpose: Records the API calls made in an account.
  features:
    - Keeps a history of who called which API
    - Delivers log files to an S3 bucket
  section: svc-cloudtrail
- id: detective
  name: Amazon Detective
  category: threat-detection
  purpose: Helps investigate the root cause of security findings.
  features:
    - Builds graphs of related activity
    - Groups related findings
  section: svc-detective
"""

SHARED = """\
- {id: ec2-guest-os, item: Patching the guest operating system of an EC2 instance, owner: customer, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-security-groups, item: Configuring security groups for EC2 instances, owner: customer, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-hypervisor, item: Patching the hypervisor under EC2 instances, owner: aws, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-hardware, item: Maintaining the physical servers that run EC2, owner: aws, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: lambda-code, item: Securing the code of a Lambda function, owner: customer, service: lambda, service_type: abstracted, section: srm-by-service}
- {id: lambda-runtime, item: Patching the Lambda runtime, owner: aws, service: lambda, service_type: abstracted, section: srm-by-service}
- {id: data-centres, item: Guarding the data centres, owner: aws, service: general, service_type: general, section: srm-overview}
"""

IDENTITY = """\
identity_types:
  - id: iam-role
    name: IAM role
    definition: An identity with permissions but no long-term credentials, assumed for temporary access.
    credentials: temporary
    use_for: [Giving an application on EC2 access to S3]
    not_for: [Daily sign-in by one person]
    section: iam-roles
  - id: iam-user
    name: IAM user
    definition: A person or application with long-term credentials in one account.
    credentials: long-term
    use_for: [A person who signs in every day]
    section: iam-roles
best_practices: []
"""

CONCEPTS = """\
- id: explicit-deny
  term: Explicit deny
  definition: A Deny statement that matches a request; it overrides any Allow.
  category: iam-policy
  section: iam-policy-evaluation
- id: implicit-deny
  term: Implicit deny
  definition: The default refusal when no policy allows a request.
  category: iam-policy
  section: iam-policy-evaluation
"""

SCENARIO = """\
name: Tiny shop
accounts:
  - {name: shop, id: "111122223333"}
policies:
  CashierAccess:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::tiny-receipts"}
      - {Effect: Allow, Action: ["s3:GetObject"], Resource: "arn:aws:s3:::tiny-receipts/*"}
      - {Effect: Deny, Action: ["s3:DeleteObject"], Resource: "*"}
principals:
  - {name: Mateo, aliases: [cashier], type: user, account: shop, policies: [CashierAccess]}
resources:
  - {name: receipts bucket, arn: "arn:aws:s3:::tiny-receipts", account: shop, type: s3-bucket}
"""

BANK = """\
- topic: iam
  kind: true_false
  difficulty: 1
  stem: An explicit Deny overrides every Allow.
  options:
    - {text: "True", correct: true, explanation: An explicit Deny always wins over an Allow., cite: iam-policy-evaluation}
    - {text: "False", correct: false, explanation: No Allow can override a matching explicit Deny., cite: iam-policy-evaluation}
"""


def write_corpus(root: Path) -> Path:
    """Write the tiny corpus under `root/corpus` and return that folder."""
    corpus = root / "corpus"
    (corpus / "facts").mkdir(parents=True)
    (corpus / "scenarios").mkdir()
    (corpus / "quiz").mkdir()
    for name, text in NOTES.items():
        (corpus / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (corpus / "facts" / "services.yaml").write_text(SERVICES, encoding="utf-8")
    (corpus / "facts" / "shared_responsibility.yaml").write_text(SHARED, encoding="utf-8")
    (corpus / "facts" / "identity.yaml").write_text(IDENTITY, encoding="utf-8")
    (corpus / "facts" / "concepts.yaml").write_text(CONCEPTS, encoding="utf-8")
    (corpus / "scenarios" / "tiny-shop.yaml").write_text(SCENARIO, encoding="utf-8")
    (corpus / "quiz" / "basics.yaml").write_text(BANK, encoding="utf-8")
    return corpus


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    return write_corpus(tmp_path)


def make_question(topic: str, number: int, kind: str = "single"):
    """A small well-formed question: option A is the key (A and B for a Select TWO)."""
    from tutor.quiz.model import Option, Question

    stem = f"{topic} question {number}" + (" (Select TWO.)" if kind == "multiple" else "")
    texts = [f"{topic} answer {number}", f"{topic} other {number}", f"{topic} third {number}"]
    keys = {0, 1} if kind == "multiple" else {0}
    options = tuple(
        Option("ABC"[i], text, i in keys, f"why {text}", "iam-roles") for i, text in enumerate(texts)
    )
    return Question(topic=topic, kind=kind, stem=stem, options=options, difficulty=1, source="bank:test", support=("iam-roles",))


@pytest.fixture
def question():
    return make_question
