"""Specifications for the hand-written quiz bank (corpus/quiz/*.yaml) and the exam-style set (evals/mcq.jsonl).

Both are data, so these tests read the files as they are on disk and check the shape every reader
(the quiz bank loader, the MCQ solver, `tutor eval mcq`) relies on, plus the coverage the team agreed on.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tutor.topics import TOPICS

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "corpus"
QUIZ_DIR = CORPUS_DIR / "quiz"
MCQ_PATH = ROOT / "evals" / "mcq.jsonl"

SECTION_HEADING = re.compile(r"^##\s+.+\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)
SELECT_COUNT = re.compile(r"\(Select (TWO|THREE)\.\)")
COUNT_WORDS = {"TWO": 2, "THREE": 3}
NEGATION = re.compile(r"\b(NOT|NEVER)\b")
SHARED_RESPONSIBILITY_WORDS = re.compile(r"responsib|patch", re.IGNORECASE)
BANK_FIELDS = {"topic", "kind", "difficulty", "stem", "options"}
OPTION_FIELDS = {"text", "correct", "explanation", "cite"}


def _section_ids() -> set[str]:
    ids: set[str] = set()
    for note in sorted(CORPUS_DIR.glob("*.md")):
        if note.name.lower() == "readme.md":
            continue
        ids.update(SECTION_HEADING.findall(note.read_text(encoding="utf-8")))
    return ids


def _mcq_lines() -> list[tuple[int, str]]:
    lines = MCQ_PATH.read_text(encoding="utf-8").splitlines()
    return [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]


def _mcq_items() -> list[dict]:
    """Every line that parses; a line that does not is reported by the line-by-line test."""
    items = []
    for _, line in _mcq_lines():
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return items


def _bank_files() -> list[Path]:
    return sorted(QUIZ_DIR.glob("*.yaml"))


@functools.cache
def _bank_file(path: Path):
    # Parsed once per run: the pure-Python YAML loader is the slow part of this module.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _bank_questions() -> list[tuple[str, int, dict]]:
    """(file name, 1-based position, question) for every question in the bank."""
    found = []
    for path in _bank_files():
        for position, question in enumerate(_bank_file(path), start=1):
            found.append((path.name, position, question))
    return found


def _expected_correct(question: dict) -> int:
    match = SELECT_COUNT.search(question["stem"])
    if question["kind"] == "multiple":
        assert match, "a 'multiple' question must say (Select TWO.) or (Select THREE.)"
        return COUNT_WORDS[match.group(1)]
    assert not match, "only 'multiple' questions may ask to select several options"
    return 1


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# ---------------------------------------------------------------- evals/mcq.jsonl


@pytest.mark.parametrize(("number", "line"), [pytest.param(*entry, id=f"line-{entry[0]}") for entry in _mcq_lines()])
def test_every_mcq_line_is_an_object_with_id_question_options_answer_and_topic(number, line):
    item = json.loads(line)
    assert isinstance(item, dict), f"line {number}"
    assert set(item) == {"id", "question", "options", "answer", "topic"}, f"line {number}"
    assert item["question"].strip(), f"line {number}: empty question"
    assert item["topic"] in TOPICS, f"line {number}: unknown topic {item['topic']!r}"


def test_mcq_ids_are_unique_and_numbered_mcq_nnn():
    ids = [item["id"] for item in _mcq_items()]
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert all(re.fullmatch(r"mcq-\d{3}", name) for name in ids)


@pytest.mark.parametrize("item", _mcq_items(), ids=lambda item: item["id"])
def test_mcq_options_run_a_to_d_or_a_to_e_with_distinct_texts(item):
    letters = list(item["options"])
    assert letters in (list("ABCD"), list("ABCDE"))
    texts = [_normalised(text) for text in item["options"].values()]
    assert all(texts) and len(set(texts)) == len(texts)


@pytest.mark.parametrize("item", _mcq_items(), ids=lambda item: item["id"])
def test_mcq_answer_letters_exist_and_match_the_count_the_question_asks_for(item):
    answer = item["answer"]
    assert answer and len(set(answer)) == len(answer)
    assert set(answer) <= set(item["options"])
    match = SELECT_COUNT.search(item["question"])
    expected = COUNT_WORDS[match.group(1)] if match else 1
    assert len(answer) == expected


def test_mcq_set_has_160_questions_and_at_least_15_per_topic():
    items = _mcq_items()
    per_topic = Counter(item["topic"] for item in items)
    assert len(items) >= 160
    assert {topic: per_topic[topic] for topic in TOPICS if per_topic[topic] < 15} == {}


def test_mcq_set_mixes_select_two_select_three_negations_and_shared_responsibility():
    items = _mcq_items()
    answer_sizes = Counter(len(item["answer"]) for item in items)
    negations = [item for item in items if NEGATION.search(item["question"])]
    shared = [item for item in items if item["topic"] == "shared-responsibility"
              or SHARED_RESPONSIBILITY_WORDS.search(item["question"])]
    assert answer_sizes[2] >= 20
    assert answer_sizes[3] >= 2
    assert len(negations) >= 20
    assert len(shared) >= 25


def test_mcq_single_answer_keys_are_spread_over_a_to_d():
    keys = Counter(item["answer"][0] for item in _mcq_items() if len(item["answer"]) == 1)
    total = sum(keys.values())
    # A solver that always picks one letter must not score far above chance.
    assert all(keys[letter] >= 0.18 * total for letter in "ABCD"), keys
    assert all(keys[letter] <= 0.32 * total for letter in "ABCD"), keys


def test_mcq_questions_do_not_repeat_quiz_bank_stems():
    bank_stems = {_normalised(question["stem"]) for _, _, question in _bank_questions()}
    repeated = [item["id"] for item in _mcq_items() if _normalised(item["question"]) in bank_stems]
    assert repeated == []


# ---------------------------------------------------------------- corpus/quiz/*.yaml


def test_the_bank_has_one_file_per_topic_named_after_it():
    assert sorted(path.stem for path in _bank_files()) == sorted(TOPICS)


@pytest.mark.parametrize("path", _bank_files(), ids=lambda path: path.name)
def test_every_bank_file_is_a_list_of_questions_of_its_own_topic(path):
    questions = _bank_file(path)
    assert isinstance(questions, list) and questions
    assert {question["topic"] for question in questions} == {path.stem}


@pytest.mark.parametrize(
    ("file", "position", "question"),
    [pytest.param(*entry, id=f"{entry[0]}:{entry[1]}") for entry in _bank_questions()],
)
def test_every_bank_question_has_the_documented_fields_and_one_right_key(file, position, question):
    where = f"{file} question {position}"
    assert set(question) == BANK_FIELDS, where
    assert question["kind"] in {"single", "multiple", "true_false"}, where
    assert question["difficulty"] in {1, 2, 3}, where
    assert isinstance(question["stem"], str) and question["stem"].strip(), where
    options = question["options"]
    assert all(set(option) == OPTION_FIELDS for option in options), where
    assert all(isinstance(option["correct"], bool) for option in options), where
    assert all(option["explanation"].strip() for option in options), where
    if question["kind"] == "true_false":
        assert [option["text"] for option in options] == ["True", "False"], where
    else:
        assert len(options) in (4, 5), where
    assert sum(option["correct"] for option in options) == _expected_correct(question), where
    texts = [_normalised(option["text"]) for option in options]
    assert len(set(texts)) == len(texts), f"{where}: two options say the same thing"


def test_every_bank_cite_names_a_section_heading_in_the_corpus_notes():
    known = _section_ids()
    unknown = sorted(
        {f"{file} question {position}: {option['cite']}"
         for file, position, question in _bank_questions()
         for option in question["options"] if option["cite"] not in known}
    )
    assert unknown == []


def test_the_bank_has_95_questions_with_10_per_topic_and_the_agreed_mix():
    questions = [question for _, _, question in _bank_questions()]
    per_topic = Counter(question["topic"] for question in questions)
    select_two = [q for q in questions if q["kind"] == "multiple" and "(Select TWO.)" in q["stem"]]
    negations = [q for q in questions if NEGATION.search(q["stem"])]
    shared = [q for q in questions if q["topic"] == "shared-responsibility"
              or SHARED_RESPONSIBILITY_WORDS.search(q["stem"])]
    assert len(questions) >= 95
    assert {topic: per_topic[topic] for topic in TOPICS if per_topic[topic] < 10} == {}
    assert len(select_two) >= 12
    assert len(negations) >= 10
    assert len(shared) >= 12


def test_the_bank_varies_the_position_of_the_correct_option():
    positions = Counter(
        next(index for index, option in enumerate(question["options"]) if option["correct"])
        for _, _, question in _bank_questions() if question["kind"] == "single"
    )
    total = sum(positions.values())
    assert all(positions[index] >= 0.15 * total for index in range(4)), positions


def test_the_correct_single_option_is_not_systematically_the_longest():
    singles = [question for _, _, question in _bank_questions() if question["kind"] == "single"]
    longest_is_key = sum(
        max(question["options"], key=lambda option: len(option["text"]))["correct"] for question in singles
    )
    assert longest_is_key <= 0.4 * len(singles)
