"""The hand-written bank loader: letters follow file order; a bad entry is reported and skipped."""

from __future__ import annotations

from tutor.quiz.bank import load_bank, load_bank_file

GOOD_AND_BAD = """\
- topic: iam
  kind: single
  difficulty: 1
  stem: Which identity gets temporary credentials when assumed?
  options:
    - {text: An IAM role, correct: true, explanation: Roles hand out temporary credentials., cite: iam-roles}
    - {text: An IAM user, correct: false, explanation: Users keep long-term credentials., cite: iam-roles}
- topic: iam
  kind: single
  difficulty: 5
  stem: A question with a bad difficulty and a missing citation
  options:
    - {text: One, correct: true, explanation: Because.}
    - {text: Two, correct: false, explanation: No., cite: iam-roles}
- topic: iam
  kind: multiple
  difficulty: 2
  stem: Which are IAM identities? (Select TWO.)
  options:
    - {text: User, correct: true, explanation: A user is an identity., cite: iam-users}
    - {text: Role, correct: true, explanation: A role is an identity., cite: iam-roles}
    - {text: Bucket, correct: false, explanation: A bucket is a resource., cite: iam-policies}
"""


def test_a_malformed_entry_is_reported_with_file_line_and_index_and_the_rest_load(tmp_path):
    path = tmp_path / "iam.yaml"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    loaded = load_bank_file(path)
    assert [q.stem for q in loaded.questions] == [
        "Which identity gets temporary credentials when assumed?",
        "Which are IAM identities? (Select TWO.)",
    ]
    assert loaded.problems == [
        "iam.yaml:8: question [1] skipped (difficulty: Input should be less than or equal to 3; "
        "options.0.cite: Field required)"
    ]


def test_bank_questions_letter_options_in_file_order_and_cite_their_sections(tmp_path):
    path = tmp_path / "iam.yaml"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    multiple = load_bank_file(path).questions[1]
    assert [(o.key, o.text, o.correct, o.citation) for o in multiple.options] == [
        ("A", "User", True, "iam-users"),
        ("B", "Role", True, "iam-roles"),
        ("C", "Bucket", False, "iam-policies"),
    ]
    assert (multiple.kind, multiple.keys, multiple.answers_required) == ("multiple", ("A", "B"), 2)
    assert (multiple.source, multiple.support) == ("bank:iam.yaml", ("iam-roles", "iam-users"))


def test_a_file_that_is_not_yaml_is_reported_and_other_files_still_load(tmp_path):
    (tmp_path / "a-broken.yaml").write_text("- topic: iam\n  stem: [unclosed\n", encoding="utf-8")
    (tmp_path / "b-good.yaml").write_text(GOOD_AND_BAD, encoding="utf-8")
    loaded = load_bank(tmp_path)
    assert len(loaded.questions) == 2
    assert loaded.problems[0].startswith("a-broken.yaml:")
    assert "not valid YAML" in loaded.problems[0]


def test_a_file_that_is_not_a_list_is_reported(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("topic: iam\n", encoding="utf-8")
    assert load_bank_file(path).problems == ["odd.yaml: expected a list of questions, found dict"]
