"""The extractive answerer: which sentences it quotes, how it cites them, and when it declines.

A bag-of-words embedder stands in for the model, so every outcome here is exact.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tutor.answer.grounded import NOT_COVERED, AnswerTuning, confidence
from tutor.answer.service import AnswerService
from tutor.knowledge.hashing_embedder import HashingEmbedder

IAM = """# iam

## IAM roles {#iam-roles}

An IAM role is an identity that has permissions but no password or access keys of its own. Anyone allowed to assume a role receives temporary security credentials that expire. Roles suit applications running on Amazon EC2. A role is assumed, not signed in to.

## Multi-factor authentication {#iam-mfa}

MFA asks for a second proof of identity after the password. MFA asks for a second proof of identity after the password is typed. Turn on MFA for the root user first.
"""

ENCRYPTION = """# encryption

## AWS KMS {#enc-kms}

AWS KMS creates and controls the encryption keys that protect your data. KMS keys never leave the service unencrypted. Temporary credentials from a role can be allowed to use a KMS key.
"""


@pytest.fixture
def service(tmp_path):
    (tmp_path / "02-iam.md").write_text(IAM)
    (tmp_path / "06-encryption.md").write_text(ENCRYPTION)
    tuning = AnswerTuning(min_confidence=0.2, margin=0.4, max_units=4)
    return AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning)


def test_quotes_the_best_sentences_in_reading_order_and_numbers_each_section_by_first_use(service):
    answer = service.ask("Does an IAM role give temporary credentials, and do KMS keys leave the service?", k=3)
    assert answer.answer == (
        "KMS keys never leave the service unencrypted. [1] "
        "Temporary credentials from a role can be allowed to use a KMS key. [1] "
        "An IAM role is an identity that has permissions but no password or access keys of its own. [2]"
    )
    assert [(c.id, c.title, c.source) for c in answer.citations] == [
        ("enc-kms", "AWS KMS", "corpus/06-encryption.md"),
        ("iam-roles", "IAM roles", "corpus/02-iam.md"),
    ]
    assert [r.id for r in answer.retrieved] == ["enc-kms", "iam-roles", "iam-mfa"]
    assert answer.abstained is False


def test_a_second_section_is_not_cited_when_it_adds_no_term_the_question_asks_about(tmp_path):
    (tmp_path / "02-iam.md").write_text(IAM)
    (tmp_path / "06-encryption.md").write_text(ENCRYPTION)
    question = "What temporary credentials does an IAM role give?"
    strict = AnswerTuning(min_confidence=0.2, max_units=5)
    loose = AnswerTuning(min_confidence=0.2, max_units=5, new_section_needs_new_terms=False)
    kms_sentence = "Temporary credentials from a role can be allowed to use a KMS key. [2]"

    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=strict).ask(question, k=3)
    assert answer.answer == (
        "An IAM role is an identity that has permissions but no password or access keys of its own. [1] "
        "Anyone allowed to assume a role receives temporary security credentials that expire. [1] "
        "Roles suit applications running on Amazon EC2. [1] "
        "A role is assumed, not signed in to. [1]"
    )
    assert [c.id for c in answer.citations] == ["iam-roles"]
    # Without the rule, the KMS sentence (temporary, credentials, role: nothing new) earns a citation.
    restated = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=loose).ask(question, k=3)
    assert kms_sentence in restated.answer
    assert [c.id for c in restated.citations] == ["iam-roles", "enc-kms"]


GROUPS = """# iam

## IAM groups {#iam-groups}

An IAM group is a named set of IAM users.

Facts about IAM groups:

- A user can belong to several groups at once.
- Groups cannot be nested inside other groups.
- Nobody can sign in as a group.
- A group holds users only, never roles.
"""


def test_a_list_item_is_quoted_with_its_lead_in_and_without_the_rest_of_its_list(tmp_path):
    (tmp_path / "02-iam.md").write_text(GROUPS)
    tuning = AnswerTuning(min_confidence=0.0, max_units=1)
    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning).ask(
        "Can groups be nested inside other groups?"
    )
    assert answer.answer == "Facts about IAM groups:\n- Groups cannot be nested inside other groups. [1]"


def test_items_of_one_list_are_quoted_under_one_lead_in_in_reading_order(tmp_path):
    (tmp_path / "02-iam.md").write_text(GROUPS)
    tuning = AnswerTuning(min_confidence=0.0, max_units=1, margin=10.0)
    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning).ask(
        "Can a group be nested, and can anyone sign in as a group?"
    )
    # max_units=1: the items count as one unit because they share their lead-in.
    assert answer.answer == (
        "Facts about IAM groups:\n"
        "- A user can belong to several groups at once.\n"
        "- Groups cannot be nested inside other groups.\n"
        "- Nobody can sign in as a group.\n"
        "- A group holds users only, never roles. [1]"
    )


def test_near_duplicate_sentences_are_quoted_once(service):
    answer = service.ask("What does MFA ask for after the password?", k=3)
    assert answer.answer == "MFA asks for a second proof of identity after the password. [1]"
    assert [c.id for c in answer.citations] == ["iam-mfa"]


def test_every_quoted_sentence_is_verbatim_from_the_notes(service):
    answer = service.ask("Which service controls encryption keys?", k=3)
    for part in answer.answer.split(" [")[:-1]:
        sentence = part.split("] ")[-1]
        assert sentence in IAM + ENCRYPTION


def test_a_question_the_notes_do_not_cover_is_declined_with_the_closest_topics(service):
    answer = service.ask("How do I bake sourdough bread?", k=3)
    assert answer.abstained is True
    assert answer.citations == []
    assert answer.answer == (
        f"{NOT_COVERED} The closest topics it covers are: Multi-factor authentication; IAM roles; AWS KMS."
    )
    assert answer.closest_topics == ["Multi-factor authentication", "IAM roles", "AWS KMS"]


def test_the_confidence_threshold_decides_abstention(tmp_path):
    (tmp_path / "02-iam.md").write_text(IAM)
    question = "What does MFA ask for after the password?"
    lenient = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=AnswerTuning(min_confidence=0.6))
    assert lenient.ask(question).abstained is False  # its confidence is 0.6556
    strict = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=AnswerTuning(min_confidence=0.66))
    assert strict.ask(question).abstained is True


def path_hash(path: Path) -> str:
    """The 8-hex-digit hash of a file's absolute path that its source id carries."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]


def test_the_learners_own_file_is_cited_by_its_name_and_folder_with_a_lead_in(service, tmp_path):
    service.ask("What is an IAM role?")  # the corpus is indexed first
    (tmp_path / "mine").mkdir()
    notes = tmp_path / "mine" / "my-notes.md"
    notes.write_text("# Inspector\n\nAmazon Inspector scans EC2 instances for software vulnerabilities.\n")
    report, index_report = service.ingest([notes])
    assert report.stored == ["my-notes.md (from mine/)"] and (index_report.added, index_report.unchanged) == (1, 3)
    answer = service.ask("What scans EC2 instances for software vulnerabilities?", k=3)
    assert answer.answer == (
        "From your notes: Amazon Inspector scans EC2 instances for software vulnerabilities. [1]"
    )
    assert [(c.id, c.title, c.source) for c in answer.citations] == [
        (f"user:my-notes.md@{path_hash(notes)}#inspector", "Inspector", "my-notes.md (from mine/)")
    ]


def test_same_named_files_from_two_folders_are_both_indexed_and_cited_by_their_own_folder(service, tmp_path):
    service.index()  # the corpus first, so the ingest below adds only the two files
    for folder, fact in (("a", "Amazon Macie finds personal data in S3 buckets."),
                         ("b", "Amazon Detective groups related findings into one graph.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(f"{fact}\n")
    report, index_report = service.ingest([tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"])
    assert report.stored == ["notes.md (from a/)", "notes.md (from b/)"] and index_report.added == 2

    macie = service.ask("What finds personal data in S3 buckets?", k=3)
    detective = service.ask("What groups related findings into one graph?", k=3)
    assert macie.answer == "From your notes: Amazon Macie finds personal data in S3 buckets. [1]"
    assert [(c.id, c.source) for c in macie.citations] == [
        (f"user:notes.md@{path_hash(tmp_path / 'a' / 'notes.md')}#notes-md", "notes.md (from a/)")
    ]
    assert detective.answer == "From your notes: Amazon Detective groups related findings into one graph. [1]"
    assert [(c.id, c.source) for c in detective.citations] == [
        (f"user:notes.md@{path_hash(tmp_path / 'b' / 'notes.md')}#notes-md", "notes.md (from b/)")
    ]


def test_ingesting_the_same_path_again_replaces_its_old_text_in_answers(service, tmp_path):
    service.index()
    notes = tmp_path / "notes.md"
    notes.write_text("Amazon Macie finds personal data in S3 buckets.\n")
    service.ingest([notes])
    notes.write_text("Amazon Macie discovers sensitive data such as names in S3 buckets.\n")
    report, index_report = service.ingest([notes])
    assert (report.stored, index_report.added, index_report.removed) == ([f"notes.md (from {tmp_path.name}/)"], 1, 1)
    answer = service.ask("What does Amazon Macie find in S3 buckets?", k=3)
    assert answer.answer == "From your notes: Amazon Macie discovers sensitive data such as names in S3 buckets. [1]"
    assert [c.source for c in answer.citations] == [f"notes.md (from {tmp_path.name}/)"]


def test_confidence_is_lowered_for_unknown_names_and_unknown_terms(service):
    known = service.retriever.retrieve("What does MFA ask for after the password?", 3)
    unknown = service.retriever.retrieve("What does MFA ask for after the password in SageMaker?", 3)
    assert (known.named_terms, known.unknown_named_terms) == (["mfa"], [])
    assert (unknown.named_terms, unknown.unknown_named_terms) == (["mfa", "sagemaker"], ["sagemaker"])
    assert confidence(known, AnswerTuning()) == pytest.approx(known.top_cosine)
    assert unknown.term_coverage == 0.75  # mfa, ask, password known; sagemaker not
    tuning = AnswerTuning(unknown_name_penalty=0.3, unknown_term_weight=0.2)
    assert confidence(unknown, tuning) == pytest.approx(unknown.top_cosine - 0.3 - 0.2 * 0.25)


def test_an_answer_quotes_at_most_max_units_sentences(tmp_path):
    (tmp_path / "02-iam.md").write_text(IAM)
    tuning = AnswerTuning(min_confidence=0.0, margin=10.0, max_units=2)
    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning).ask("What is an IAM role?")
    assert answer.answer.count("[1]") + answer.answer.count("[2]") == 2


PATCHING = """# srm

## Guest patching {#srm-patching}

Guest operating system patches arrive monthly.

The customer applies guest operating system patches on its own instances.
"""


def test_a_who_question_prefers_the_sentence_that_names_an_owner(tmp_path):
    (tmp_path / "01-srm.md").write_text(PATCHING)
    question = "Who handles guest operating system patches?"

    def best_sentence(cue_bonus: float) -> str:
        tuning = AnswerTuning(min_confidence=0.0, max_units=1, cue_bonus=cue_bonus)
        return AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning).ask(question).answer

    assert best_sentence(0.0) == "Guest operating system patches arrive monthly. [1]"
    assert best_sentence(AnswerTuning().cue_bonus) == (
        "The customer applies guest operating system patches on its own instances. [1]"
    )


def test_words_that_frame_a_comparison_do_not_count_as_its_subject(tmp_path):
    (tmp_path / "05-ddos.md").write_text(
        "# ddos\n\n## DoS and DDoS {#ddos-overview}\n\n"
        "DDoS attacks hit different layers.\n\nA DDoS attack comes from many sources, a DoS attack from one.\n"
    )
    tuning = AnswerTuning(min_confidence=0.0, max_units=1)
    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning).ask(
        "How is a DDoS attack different from a DoS attack?"
    )
    assert answer.answer == "A DDoS attack comes from many sources, a DoS attack from one. [1]"


def test_the_sentence_after_a_quoted_one_is_preferred_even_across_a_chunk_boundary(tmp_path):
    numbers = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
    filler = " ".join(f"Filler sentence number {n} talks about gardens and rivers." for n in numbers)
    (tmp_path / "06-encryption.md").write_text(
        "# encryption\n\n## AWS KMS {#enc-kms}\n\n"
        f"{filler} KMS keys protect data at rest.\n\n"
        "They never leave the service unencrypted, and nobody at AWS can read them or export them in plain text.\n\n"
        "Rotation happens every year on a schedule.\n"
    )

    def answer(adjacent_bonus: float) -> str:
        tuning = AnswerTuning(min_confidence=0.0, max_units=2, margin=10.0, adjacent_bonus=adjacent_bonus)
        service = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path, tuning=tuning)
        assert [c.metadata["chunk_index"] for c in service.retriever.section_chunks("enc-kms")] == [0, 1]
        return service.ask("How do KMS keys protect data?").answer

    # "They never ..." opens the second chunk but continues the last sentence of the first.
    assert answer(0.3) == (
        "KMS keys protect data at rest. [1] They never leave the service unencrypted, "
        "and nobody at AWS can read them or export them in plain text. [1]"
    )
    assert answer(0.0) == "KMS keys protect data at rest. [1] Rotation happens every year on a schedule. [1]"
