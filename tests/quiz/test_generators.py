"""Each generator: a tiny literal fact file in, exact questions out for a fixed seed."""

from __future__ import annotations

import pytest

from tutor.quiz.facts import load_facts
from tutor.quiz.generators import concepts, identity, services, shared_responsibility

SERVICES = """
- id: guardduty
  name: Amazon GuardDuty
  category: threat-detection
  purpose: Watches account activity to detect threats.
  features: [Reads VPC Flow Logs, Raises findings]
  not_for: [Scanning software for vulnerabilities]
  confused_with: [inspector]
  section: svc-guardduty
- id: inspector
  name: Amazon Inspector
  category: vulnerability-management
  purpose: Scans workloads for software vulnerabilities.
  features: [Scans EC2 instances, Scans container images]
  confused_with: [guardduty]
  section: svc-inspector
"""

SHARED = """
- {id: ec2-os, item: Patching the guest operating system of an EC2 instance, owner: customer, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-sg, item: Configuring security groups, owner: customer, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-hypervisor, item: Patching the hypervisor, owner: aws, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: ec2-hardware, item: Maintaining the physical servers, owner: aws, service: ec2, service_type: infrastructure, section: srm-by-service}
- {id: patch-management, item: Patch management, owner: shared, service: general, service_type: general, section: srm-shared-controls}
"""

IDENTITY = """
identity_types:
  - id: iam-role
    name: IAM role
    definition: An identity with permissions but no long-term credentials.
    credentials: temporary
    use_for: [Access for an application on EC2, Cross-account access]
    not_for: [Daily sign-in by one person]
    section: iam-roles
  - id: iam-user
    name: IAM user
    definition: One person or application with long-term credentials.
    credentials: long-term
    use_for: [A person who signs in every day]
    section: iam-users
best_practices:
  - id: root-mfa
    practice: Turn on MFA for the root user
    rationale: A stolen password alone is then not enough to sign in.
    applies_to: root-user
    section: iam-root-best-practices
  - id: no-root-keys
    practice: Do not create access keys for the root user
    rationale: Keys that do not exist cannot leak.
    applies_to: root-user
    section: iam-root-best-practices
"""

CONCEPTS = """
- id: explicit-deny
  term: Explicit deny
  definition: A matching Deny statement; it overrides any Allow.
  category: iam-policy
  section: iam-policy-evaluation
- id: implicit-deny
  term: Implicit deny
  definition: The default refusal when nothing allows a request.
  category: iam-policy
  section: iam-policy-evaluation
- id: scp
  term: Service control policy
  definition: An organization policy that caps what member accounts may do.
  category: organizations
  section: org-scps
"""


@pytest.fixture
def facts(tmp_path):
    for name, text in [
        ("services.yaml", SERVICES),
        ("shared_responsibility.yaml", SHARED),
        ("identity.yaml", IDENTITY),
        ("concepts.yaml", CONCEPTS),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    book = load_facts(tmp_path)
    assert book.problems == []
    return book


def options(question):
    return [(o.key, o.text, o.correct, o.explanation, o.citation) for o in question.options]


def by_stem(questions, stem):
    matches = [q for q in questions if q.stem == stem]
    assert len(matches) == 1, [q.stem for q in questions]
    return matches[0]


def test_services_generator_asks_which_service_does_what_a_purpose_says(facts):
    q = by_stem(services.generate(facts, seed=7), "Which AWS service or feature watches account activity to detect threats?")
    assert (q.topic, q.kind, q.difficulty, q.source, q.support) == (
        "security-services", "single", 1, "generated:services", ("services:guardduty",)
    )
    assert options(q) == [
        ("A", "Amazon GuardDuty", True, "Amazon GuardDuty watches account activity to detect threats.", "svc-guardduty"),
        ("B", "Amazon Inspector", False, "Amazon Inspector scans workloads for software vulnerabilities.", "svc-inspector"),
    ]


def test_services_generator_asks_what_is_not_a_feature_using_a_known_misconception_in_the_features_grammar(facts):
    q = by_stem(services.generate(facts, seed=7), "Which of these does NOT describe Amazon GuardDuty?")
    assert options(q) == [
        ("A", "Raises findings.", False, "This is true of Amazon GuardDuty, so it is not the answer.", "svc-guardduty"),
        ("B", "Reads VPC Flow Logs.", False, "This is true of Amazon GuardDuty, so it is not the answer.", "svc-guardduty"),
        ("C", "Scans software for vulnerabilities.", True, "This does not describe Amazon GuardDuty, which watches account activity to detect threats.", "svc-guardduty"),
    ]


def test_services_generator_tells_confused_pairs_apart(facts):
    q = by_stem(
        services.generate(facts, seed=7),
        "Amazon GuardDuty and Amazon Inspector are easy to mix up. Which of these describes Amazon Inspector rather than Amazon GuardDuty?",
    )
    assert q.difficulty == 3 and q.support == ("services:inspector",)
    assert options(q) == [
        ("A", "Raises findings.", False, "This describes Amazon GuardDuty, not Amazon Inspector.", "svc-guardduty"),
        ("B", "Reads VPC Flow Logs.", False, "This describes Amazon GuardDuty, not Amazon Inspector.", "svc-guardduty"),
        ("C", "Scans container images.", True, "This is one of the features of Amazon Inspector.", "svc-inspector"),
    ]


def test_services_generator_makes_every_template_for_every_card(facts):
    stems = sorted(q.stem for q in services.generate(facts, seed=7))
    assert stems == sorted([
        "Which AWS service or feature watches account activity to detect threats?",
        "Which AWS service or feature scans workloads for software vulnerabilities?",
        "What is Amazon GuardDuty used for?",
        "What is Amazon Inspector used for?",
        "Which AWS service or feature reads VPC Flow Logs?",
        "Which AWS service or feature raises findings?",
        "Which AWS service or feature scans EC2 instances?",
        "Which AWS service or feature scans container images?",
        "Which of these does NOT describe Amazon GuardDuty?",
        "Which of these does NOT describe Amazon Inspector?",
        "Amazon GuardDuty and Amazon Inspector are easy to mix up. Which of these describes Amazon Inspector rather than Amazon GuardDuty?",
        "Amazon Inspector and Amazon GuardDuty are easy to mix up. Which of these describes Amazon GuardDuty rather than Amazon Inspector?",
    ])


def test_services_generator_words_common_noun_cards_in_the_plural_and_quotes_features_that_are_not_verbs(tmp_path):
    (tmp_path / "services.yaml").write_text(
        "- {id: sg, name: Security groups, category: network, purpose: Virtual firewall for EC2 instances.,"
        " features: [Stateful, Supports allow rules only], section: ddos-security-groups}\n"
        "- {id: waf, name: AWS WAF, category: network, purpose: Filters web requests with rules.,"
        " features: [Offers managed rule groups, Blocks SQL injection], section: ddos-waf}\n",
        encoding="utf-8",
    )
    questions = services.generate(load_facts(tmp_path), seed=1)
    what_for = by_stem(questions, "What are security groups used for?")
    assert [o.explanation for o in what_for.options if o.correct] == [
        "This is what security groups are for. For example, they support allow rules only."
    ]
    stateful = by_stem(questions, 'Which AWS service or feature does this describe? "Stateful."')
    assert sorted((o.text, o.explanation) for o in stateful.options) == [
        ("AWS WAF", "AWS WAF filters web requests with rules."),
        ("Security groups", "This is a feature of security groups, which act as a virtual firewall for EC2 instances."),
    ]
    assert by_stem(questions, "Which AWS service or feature is a virtual firewall for EC2 instances?").keys


def test_generators_are_deterministic_for_a_seed_and_shuffle_answer_positions(facts):
    first = [(q.id, options(q)) for q in services.generate(facts, seed=7)]
    again = [(q.id, options(q)) for q in services.generate(facts, seed=7)]
    assert first == again
    key_positions = {q.keys for q in services.generate(facts, seed=7)}
    assert len(key_positions) > 1  # the key is not always in the same place


def test_question_ids_ignore_option_order(facts):
    seven = {q.stem: q.id for q in services.generate(facts, seed=7)}
    other = {q.stem: q.id for q in services.generate(facts, seed=8)}
    what_for = "What is Amazon GuardDuty used for?"
    assert seven[what_for] == other[what_for]


def test_shared_responsibility_generator_asks_who_owns_an_item(facts):
    q = by_stem(
        shared_responsibility.generate(facts, seed=7),
        "Under the shared responsibility model, who is responsible for patch management?",
    )
    assert (q.difficulty, q.support) == (1, ("shared_responsibility:patch-management",))
    assert options(q) == [
        ("A", "AWS", False, "Not AWS alone: both AWS and the customer are responsible for this, each in its own layer.", "srm-shared-controls"),
        ("B", "The customer", False, "Not the customer alone: both AWS and the customer are responsible for this, each in its own layer.", "srm-shared-controls"),
        ("C", "Both AWS and the customer", True, "Both AWS and the customer are responsible for patch management.", "srm-shared-controls"),
    ]
    hypervisor = by_stem(
        shared_responsibility.generate(facts, seed=7),
        "Under the shared responsibility model, who is responsible for patching the hypervisor?",
    )
    assert [o.explanation for o in hypervisor.options] == [
        "AWS is responsible for patching the hypervisor when using Amazon EC2.",
        "The customer is not responsible for this when using Amazon EC2; AWS is.",
        "This is not shared when using Amazon EC2: AWS alone is responsible for it.",
    ]


def test_shared_responsibility_generator_asks_select_two_customer_duties_per_service(facts):
    q = by_stem(
        shared_responsibility.generate(facts, seed=7),
        "Which of these are the customer's responsibility when using Amazon EC2? (Select TWO.)",
    )
    assert q.kind == "multiple" and q.answers_required == 2
    assert q.support == ("shared_responsibility:ec2-os", "shared_responsibility:ec2-sg")
    assert options(q) == [
        ("A", "Patching the hypervisor", False, "AWS is responsible for patching the hypervisor when using Amazon EC2.", "srm-by-service"),
        ("B", "Maintaining the physical servers", False, "AWS is responsible for maintaining the physical servers when using Amazon EC2.", "srm-by-service"),
        ("C", "Patching the guest operating system of an EC2 instance", True, "The customer is responsible for patching the guest operating system of an EC2 instance.", "srm-by-service"),
        ("D", "Configuring security groups", True, "The customer is responsible for configuring security groups when using Amazon EC2.", "srm-by-service"),
    ]


def test_shared_responsibility_generator_asks_the_service_type(facts):
    q = by_stem(shared_responsibility.generate(facts, seed=7), "Under the shared responsibility model, which type of service is Amazon EC2?")
    assert [(o.text, o.correct, o.explanation) for o in q.options] == [
        ("An infrastructure service", True, "Amazon EC2 is an infrastructure service."),
        ("A container (managed) service", False, "Amazon EC2 is an infrastructure service, not a container (managed) service."),
        ("An abstracted service", False, "Amazon EC2 is an infrastructure service, not an abstracted service."),
    ]


def test_identity_generator_asks_credentials_and_poor_uses_with_articles(facts):
    questions = identity.generate(facts, seed=7)
    creds = by_stem(questions, "Which credentials does an IAM role have?")
    assert [(o.text, o.correct, o.explanation) for o in creds.options] == [
        ("Long-term credentials that stay valid until someone changes them", False,
         "An IAM role has temporary credentials that expire on their own, not long-term credentials."),
        ("No credentials of its own", False, "An IAM role does have credentials: temporary credentials that expire on their own."),
        ("Temporary credentials that expire on their own", True, "An IAM role has temporary credentials that expire on their own."),
    ]
    poor = by_stem(questions, "Which of these is NOT a good use of an IAM role?")
    assert options(poor) == [
        ("A", "Access for an application on EC2", False, "An IAM role is a good fit for access for an application on EC2.", "iam-roles"),
        ("B", "Daily sign-in by one person", True, "An IAM role is not meant for daily sign-in by one person.", "iam-roles"),
        ("C", "Cross-account access", False, "An IAM role is a good fit for cross-account access.", "iam-roles"),
    ]


def test_identity_generator_quotes_a_whole_definition_and_explains_distractors_with_theirs(facts):
    q = by_stem(identity.generate(facts, seed=7), 'Which of these matches this description? "One person or application with long-term credentials."')
    assert options(q) == [
        ("A", "IAM user", True, "An IAM user is one person or application with long-term credentials.", "iam-users"),
        ("B", "IAM role", False, "An IAM role is an identity with permissions but no long-term credentials.", "iam-roles"),
    ]


def test_identity_generator_asks_why_a_best_practice_is_recommended(facts):
    questions = identity.generate(facts, seed=7)
    q = by_stem(questions, "Why is it recommended to turn on MFA for the root user?")
    assert options(q) == [
        ("A", "A stolen password alone is then not enough to sign in.", True, "This is why AWS recommends that you turn on MFA for the root user.", "iam-root-best-practices"),
        ("B", "Keys that do not exist cannot leak.", False, 'This is the reason for a different practice: "Do not create access keys for the root user."', "iam-root-best-practices"),
    ]
    assert "Why is it recommended not to create access keys for the root user?" in [q.stem for q in questions]


def test_concepts_generator_draws_distractors_from_the_same_category_first(facts):
    questions = concepts.generate(facts, seed=7)
    q = by_stem(questions, 'What does the term "Explicit deny" mean?')
    assert q.topic == "iam"
    assert options(q) == [
        ("A", "The default refusal when nothing allows a request.", False, 'This is the meaning of a different term: "Implicit deny".', "iam-policy-evaluation"),
        ("B", "An organization policy that caps what member accounts may do.", False, 'This is the meaning of a different term: "Service control policy".', "org-scps"),
        ("C", "A matching Deny statement; it overrides any Allow.", True, 'This is what "Explicit deny" means.', "iam-policy-evaluation"),
    ]
    scp = by_stem(questions, 'Which term matches this definition? "An organization policy that caps what member accounts may do."')
    assert scp.topic == "organizations"
    assert [(o.text, o.correct) for o in scp.options] == [
        ("Service control policy", True), ("Implicit deny", False), ("Explicit deny", False)
    ]


def test_no_generated_question_repeats_an_option(facts):
    for generate in (services.generate, shared_responsibility.generate, identity.generate, concepts.generate):
        for q in generate(facts, seed=3):
            texts = [" ".join(o.text.lower().split()) for o in q.options]
            assert len(texts) == len(set(texts)), q.stem


def test_a_definition_that_names_its_own_term_loses_that_clause_not_its_grammar(tmp_path):
    (tmp_path / "concepts.yaml").write_text(
        "- {id: sqli, term: SQL injection, definition: 'An attack that smuggles database commands into input fields;"
        " AWS WAF rules can block SQL injection attempts.', category: ddos, section: ddos-waf}\n"
        "- {id: xss, term: Cross-site scripting (XSS), definition: 'An attack that plants scripts in pages other users load;"
        " AWS WAF can block cross-site scripting.', category: ddos, section: ddos-waf}\n",
        encoding="utf-8",
    )
    stems = [q.stem for q in concepts.generate(load_facts(tmp_path), seed=1)]
    assert 'Which term matches this definition? "An attack that smuggles database commands into input fields."' in stems
    # The long form of a bracketed term gives it away as surely as the term itself.
    assert 'Which term matches this definition? "An attack that plants scripts in pages other users load."' in stems
