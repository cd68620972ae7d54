"""Specs for the question-answering eval datasets: evals/qa.jsonl and evals/out_of_scope.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tutor import paths

EVALS = paths.project_root() / "evals"
CORPUS = paths.project_root() / "corpus"
TOPICS = {"shared-responsibility", "iam", "organizations", "compliance", "ddos", "encryption", "security-services"}
HEADING = re.compile(r"^## .+? \{#(?P<id>[^}]+)\}\s*$", re.MULTILINE)
WORD = re.compile(r"[a-z0-9']+")


def read_jsonl(path: Path) -> list[dict]:
    """Every line as a JSON object; fail naming the file and line of the first bad one."""
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            pytest.fail(f"{path.name}:{lineno}: not valid JSON ({error.msg})")
        if not isinstance(row, dict):
            pytest.fail(f"{path.name}:{lineno}: each line must be a JSON object")
        rows.append(row)
    return rows


def corpus_sections() -> dict[str, str]:
    """Section id -> section text with whitespace collapsed, from every note file."""
    sections: dict[str, str] = {}
    for path in sorted(CORPUS.glob("*.md")):
        if path.name == "README.md":
            continue
        text = path.read_text(encoding="utf-8")
        matches = list(HEADING.finditer(text))
        for match, following in zip(matches, [*matches[1:], None]):
            body = text[match.end() : following.start() if following else len(text)]
            sections[match["id"]] = " ".join(body.split())
    return sections


def qa_rows() -> list[dict]:
    return read_jsonl(EVALS / "qa.jsonl")


def oos_rows() -> list[dict]:
    return read_jsonl(EVALS / "out_of_scope.jsonl")


def test_qa_rows_have_the_required_fields_with_the_right_types():
    problems = []
    for row in qa_rows():
        where = row.get("id", "?")
        if not re.fullmatch(r"qa-\d{3}", str(row.get("id", ""))):
            problems.append(f"{where}: id must look like qa-001")
        if not isinstance(row.get("question"), str) or not row["question"].strip():
            problems.append(f"{where}: question must be non-empty text")
        if row.get("topic") not in TOPICS:
            problems.append(f"{where}: unknown topic {row.get('topic')!r}")
        gold = row.get("gold_sections")
        if not isinstance(gold, list) or not gold or not all(isinstance(g, str) for g in gold):
            problems.append(f"{where}: gold_sections must be a non-empty list of section ids")
        facts = row.get("key_facts")
        if not isinstance(facts, list) or not 1 <= len(facts) <= 3:
            problems.append(f"{where}: key_facts must list 1-3 phrases")
        elif not all(isinstance(f, str) and 1 <= len(f.split()) <= 5 for f in facts):
            problems.append(f"{where}: each key fact must be a phrase of 1-5 words")
    assert problems == []


def test_qa_ids_are_unique_and_there_are_at_least_110():
    ids = [row["id"] for row in qa_rows()]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 110


def test_qa_gold_sections_exist():
    sections = corpus_sections()
    unknown = {row["id"]: g for row in qa_rows() for g in row["gold_sections"] if g not in sections}
    assert unknown == {}


def test_every_key_fact_appears_verbatim_in_one_of_its_gold_sections():
    sections = corpus_sections()
    missing = {
        row["id"]: fact
        for row in qa_rows()
        for fact in row["key_facts"]
        if not any(fact.lower() in sections.get(g, "").lower() for g in row["gold_sections"])
    }
    assert missing == {}


def test_every_section_is_gold_for_some_question_and_every_topic_is_asked_about():
    rows = qa_rows()
    assert set(corpus_sections()) - {g for row in rows for g in row["gold_sections"]} == set()
    assert {row["topic"] for row in rows} == TOPICS


def test_questions_do_not_copy_runs_of_six_words_from_their_gold_sections():
    """Questions are phrased the way learners ask, so retrieval cannot win by string matching."""
    sections = corpus_sections()
    copied = {}
    for row in qa_rows():
        question = WORD.findall(row["question"].lower())
        runs = {tuple(question[i : i + 6]) for i in range(len(question) - 5)}
        for gold in row["gold_sections"]:
            body = WORD.findall(sections[gold].lower())
            shared = runs & {tuple(body[i : i + 6]) for i in range(len(body) - 5)}
            if shared:
                copied[row["id"]] = sorted(" ".join(r) for r in shared)
    assert copied == {}


def test_out_of_scope_rows_are_well_formed_unique_and_at_least_30():
    rows = oos_rows()
    problems = [
        f"{row.get('id', '?')}: bad row"
        for row in rows
        if not re.fullmatch(r"oos-\d{3}", str(row.get("id", "")))
        or not isinstance(row.get("question"), str)
        or not row["question"].strip()
        or row.get("kind") not in {"other-aws", "unrelated"}
    ]
    assert problems == []
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert len(rows) >= 30
    assert {row["kind"] for row in rows} == {"other-aws", "unrelated"}


def test_no_question_is_both_in_scope_and_out_of_scope():
    in_scope = {row["question"].strip().lower() for row in qa_rows()}
    assert [row["id"] for row in oos_rows() if row["question"].strip().lower() in in_scope] == []


@pytest.mark.parametrize("path", sorted(EVALS.glob("mcq*.jsonl")), ids=lambda p: p.name)
def test_every_mcq_set_is_well_formed_with_as_many_keys_as_its_stems_ask_for(path):
    from tutor.solve.question import question_from_record

    rows = read_jsonl(path)
    questions = [question_from_record(row) for row in rows]
    assert len({q.id for q in questions}) == len(rows)
    assert {q.topic for q in questions} <= TOPICS
    assert [q.id for q in questions if len(q.answer) != q.select] == []
