"""The solver on a literal world (tests/solve/fakes.py): picks, negation, responsibility, JSON."""

from __future__ import annotations

from tutor.solve.question import ExamQuestion, parse_question

SERVICES = {"A": "AWS Artifact", "B": "Amazon GuardDuty", "C": "Amazon Inspector", "D": "AWS Organizations"}


def test_the_service_whose_purpose_matches_the_requirement_is_picked(solver):
    question = ExamQuestion("Which service scans EC2 instances for software vulnerabilities?", SERVICES)
    assert solver.solve(question).picked == ["C"]


def test_a_not_for_line_counts_against_a_service(solver):
    question = ExamQuestion("Which service detects malicious IP addresses in network traffic?", SERVICES)
    solution = solver.solve(question)
    assert solution.picked == ["B"]
    assert solution.options["C"].score < solution.options["B"].score


def test_negation_picks_the_option_the_notes_do_not_support(solver):
    question = parse_question(
        "Which of the following does AWS Organizations NOT provide?\n"
        "A. Central management of many accounts\n"
        "B. Consolidated billing for member accounts\n"
        "C. Scanning container images for software vulnerabilities"
    )
    assert solver.solve(question).picked == ["C"]


def test_select_two_picks_exactly_two(solver):
    question = parse_question(
        "Which TWO does AWS Organizations offer? (Select TWO.)\n"
        "A. Consolidated billing for member accounts\nB. Downloads of SOC reports\n"
        "C. Managing many accounts centrally\nD. Scanning for software vulnerabilities"
    )
    solution = solver.solve(question)
    assert solution.picked == ["A", "C"]
    assert [v.verdict for v in solution.options.values()] == ["correct", "incorrect", "correct", "incorrect"]


RESPONSIBILITIES = {
    "A": "Physical security of the data centres",
    "B": "Patching the guest operating system of an EC2 instance",
    "C": "Securing the hypervisor",
}


def test_customer_direction_picks_the_customer_row(solver):
    question = ExamQuestion("Under the shared responsibility model, which is the customer's responsibility on Amazon EC2?", RESPONSIBILITIES)
    solution = solver.solve(question)
    assert solution.picked == ["B"]
    assert "the customer is responsible" in solution.options["B"].reason


def test_aws_direction_with_negation_picks_the_customer_row(solver):
    question = ExamQuestion("Under the shared responsibility model, which task is NOT AWS's responsibility?", RESPONSIBILITIES)
    assert solver.solve(question).picked == ["B"]


def test_aws_direction_picks_an_aws_row(solver):
    question = ExamQuestion(
        "A company uses Amazon RDS. Under the shared responsibility model, which task does AWS take care of?",
        {"A": "Configuring security group rules", "B": "Patching the database engine of the RDS database"},
    )
    assert solver.solve(question).picked == ["B"]


def test_json_contract(solver):
    solution = solver.solve(ExamQuestion("Where are SOC and ISO compliance reports downloaded on demand?", SERVICES))
    document = solution.to_json()
    assert document["picked"] == ["A"]
    assert set(document) == {"picked", "options", "confidence", "tentative"}
    assert set(document["options"]) == {"A", "B", "C", "D"}
    assert document["options"]["A"]["verdict"] == "correct"
    assert document["options"]["A"]["citations"] == [
        {"id": "compliance-artifact", "title": "AWS Artifact", "source": "corpus/test.md"}
    ]
    assert all(isinstance(o["reason"], str) and o["reason"] for o in document["options"].values())
    assert 0.5 <= document["confidence"] <= 1.0


def test_who_question_picks_the_party_that_owns_the_task(solver):
    question = parse_question(
        "A bakery runs its site on Amazon EC2. Who patches the guest operating system of its instances?\n"
        "A. AWS, because it owns the hardware\nB. The bakery, through its own patching\nC. Both, in equal parts\nD. The chip maker"
    )
    solution = solver.solve(question)
    assert solution.picked == ["B"]
    assert solution.options["B"].reason == (
        'The task is "Patching the guest operating system of an EC2 instance" with Amazon EC2, which is the '
        "responsibility of the customer. This option names the customer, which matches."
    )


def test_a_section_sentence_naming_a_rival_is_not_evidence_for_this_option(solver):
    from tutor.solve.naming import option_entity
    from tutor.solve.scoring import score_named

    bank = solver.bank
    guardduty, inspector = (option_entity(name, bank.entities) for name in ("Amazon GuardDuty", "Amazon Inspector"))
    question = "Which service scans container images for software vulnerabilities?"
    vector = bank.vectors([question])[0]
    alone = score_named(bank, "Amazon GuardDuty", guardduty, question, vector)
    with_rival = score_named(bank, "Amazon GuardDuty", guardduty, question, vector, [inspector])
    assert with_rival.score < alone.score
    assert "Inspector" in alone.evidence and "Inspector" not in with_rival.evidence


def test_one_close_row_decides_but_a_claim_matching_rows_of_both_owners_does_not(solver):
    from tutor.solve.scoring import row_decides

    bank = solver.bank
    assert row_decides(bank, "Patching the guest operating system of an EC2 instance", "general")
    assert not row_decides(bank, "security of everything it uses in the cloud", "general")
    assert not row_decides(bank, "patching, whatever the service", "general")


def test_an_owner_claim_no_row_decides_is_verified_as_a_statement(solver):
    question = ExamQuestion(
        "Which statement about the shared responsibility model is correct?",
        {"A": "AWS patches the guest operating system of EC2 instances",
         "B": "The customer is always responsible for patching, whatever the service",
         "C": "The customer configures security group rules"},
    )
    solution = solver.solve(question)
    assert solution.picked == ["C"]
    assert solution.options["A"].reason.startswith('This is "Patching the guest operating system of an EC2 instance"')
    # No single row owns "patching, whatever the service": the table's answer is not forced on it.
    assert not solution.options["B"].reason.startswith("This is")


def test_statement_options_are_embedded_in_one_batch(world):
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.solver import ExamSolver

    fakes = world

    class CountingEmbedder(fakes.HashingEmbedder):
        calls = 0

        def embed(self, texts):
            CountingEmbedder.calls += 1
            return super().embed(texts)

    solver = ExamSolver(EvidenceBank(fakes.SECTIONS, fakes.CARDS, CountingEmbedder(), retriever=fakes.LexicalRetriever()))
    CountingEmbedder.calls = 0
    solver.solve(ExamQuestion(
        "Which statement about compliance reports is correct?",
        {"A": "Artifact gives downloads of SOC reports and is free",
         "B": "GuardDuty issues ISO certificates", "C": "Inspector audits data centres",
         "D": "It is issued by AWS Artifact"},
    ))
    # Including what the claim book checks: "It is issued..." is checked as "compliance reports is issued...".
    assert CountingEmbedder.calls == 1


def test_owner_table_rows_are_embedded_when_the_bank_is_built_not_per_question(world):
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.solver import ExamSolver

    fakes = world

    class RecordingEmbedder(fakes.HashingEmbedder):
        seen: list[str] = []

        def embed(self, texts):
            RecordingEmbedder.seen.extend(texts)
            return super().embed(texts)

    solver = ExamSolver(EvidenceBank(fakes.SECTIONS, fakes.CARDS, RecordingEmbedder(), retriever=fakes.LexicalRetriever()))
    rows = {item.item for item in fakes.CARDS.responsibilities}
    assert rows <= set(RecordingEmbedder.seen)
    RecordingEmbedder.seen = []
    solver.solve(ExamQuestion("Under the shared responsibility model, which is the customer's responsibility on Amazon EC2?", RESPONSIBILITIES))
    assert not rows & set(RecordingEmbedder.seen)


def test_a_which_service_question_with_one_descriptive_distractor_is_still_a_choice_of_services(solver):
    question = ExamQuestion(
        "Which AWS service should a team use to scan EC2 instances for software vulnerabilities?",
        {"A": "Amazon GuardDuty", "B": "A spreadsheet of installed packages kept by hand", "C": "Amazon Inspector"},
    )
    solution = solver.solve(question)
    assert (solution.strategy, solution.picked) == ("named", ["C"])


def test_a_dynamodb_task_takes_the_owner_of_the_same_task_on_another_abstracted_service(world):
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.facts import FactCards, ResponsibilityItem
    from tutor.solve.scoring import owner_of

    fakes = world
    lambda_row = ResponsibilityItem("lambda-os", "Patching the operating system that runs functions", "aws", "lambda", "srm-aws")
    cards = FactCards(fakes.CARDS.entities, [*fakes.CARDS.responsibilities, lambda_row])
    bank = EvidenceBank(fakes.SECTIONS, cards, fakes.HashingEmbedder())
    task = "Patching the operating system of the instances"
    assert owner_of(bank, task, "ec2")[0].id == "guest"
    assert owner_of(bank, task, "dynamodb")[0].id == "lambda-os"


def test_options_naming_the_same_service_are_told_apart_by_the_words_the_question_uses(solver):
    question = ExamQuestion(
        "Where can a clinic download the SOC compliance reports of AWS?",
        {"A": "AWS Artifact agreements", "B": "AWS Artifact reports", "C": "Amazon GuardDuty"},
    )
    assert solver.solve(question).picked == ["B"]


def test_a_service_that_has_nothing_to_do_with_the_problem_costs_the_option(solver):
    stem = "Where can auditors download the SOC compliance reports of AWS?"
    vector = solver.bank.vectors([stem])[0]
    assert solver._misapplied("Turn on Amazon Inspector so the auditors receive reports", vector, set()) == 0.15
    assert solver._misapplied("Download them from AWS Artifact", vector, set()) == 0.0
    assert solver._misapplied("Ask the auditors to visit a data centre", vector, set()) == 0.0


def test_a_party_outside_the_model_fits_when_the_owner_row_names_it(world):
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.facts import FactCards, ResponsibilityItem
    from tutor.solve.solver import ExamSolver

    fakes = world
    audit = ResponsibilityItem("audits", "Independent third-party auditors audit the data centres against ISO standards", "aws", "general", "srm-aws")
    solver = ExamSolver(EvidenceBank(fakes.SECTIONS, FactCards(fakes.CARDS.entities, [*fakes.CARDS.responsibilities, audit]), fakes.HashingEmbedder()))
    question = ExamQuestion(
        "Who audits the data centres of AWS against ISO standards?",
        {"A": "The customer", "B": "Independent third-party auditors", "C": "Amazon GuardDuty", "D": "Both AWS and the customer"},
    )
    solution = solver.solve(question)
    assert (solution.strategy, solution.picked) == ("party", ["B"])


def test_an_action_gains_by_how_well_the_service_it_brings_in_fits_the_need(solver, monkeypatch):
    import tutor.solve.solver as solver_module
    from tutor.solve.intent import analyse

    question = ExamQuestion(
        "A company must find software vulnerabilities in its EC2 instances. What should the company do?",
        {"A": "Turn on Amazon GuardDuty for the account", "B": "Turn on Amazon Inspector for the account",
         "C": "Turn on AWS Artifact for the account"},
    )
    _, with_fit = solver.score_options(question, analyse(question.stem))
    monkeypatch.setattr(solver_module, "ACTION_FIT_WEIGHT", 0.0)
    _, without = solver.score_options(question, analyse(question.stem))
    gain = {letter: with_fit[letter].score - without[letter].score for letter in "ABC"}
    assert max(gain, key=gain.get) == "B"
    assert gain["B"] > 0 > gain["C"]
