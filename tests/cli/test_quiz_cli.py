"""`tutor quiz`, `tutor quiz bank` and `tutor progress` driven as a learner would, checked against SQLite."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tutor import paths
from tutor.cli.main import app
from tutor.quiz.bank import load_bank

NOTES = {
    "01-shared-responsibility.md": """\
        # shared-responsibility

        ## Overview {#srm-overview}

        AWS secures the physical data centres. The customer secures its own data.
        """,
    "02-iam.md": """\
        # iam

        ## Roles {#iam-roles}

        An IAM role hands out temporary credentials when it is assumed.
        """,
    "05-ddos.md": """\
        # ddos

        ## DDoS {#ddos-overview}

        AWS Shield Standard protects every AWS customer against common DDoS attacks at no extra cost.
        """,
}

BANK = """\
- topic: shared-responsibility
  kind: single
  difficulty: 1
  stem: Who secures the physical data centres?
  options:
    - {text: AWS secures the physical data centres, correct: true, explanation: AWS secures the physical data centres., cite: srm-overview}
    - {text: The customer, correct: false, explanation: The customer secures its own data instead., cite: srm-overview}
    - {text: Nobody, correct: false, explanation: Every layer has an owner; AWS owns this one., cite: srm-overview}
- topic: iam
  kind: single
  difficulty: 1
  stem: Which identity hands out temporary credentials when assumed?
  options:
    - {text: An IAM role, correct: true, explanation: An IAM role hands out temporary credentials., cite: iam-roles}
    - {text: The root user, correct: false, explanation: The root user signs in with a password., cite: iam-roles}
    - {text: An access key, correct: false, explanation: An access key is a long-term credential., cite: iam-roles}
- topic: ddos
  kind: single
  difficulty: 1
  stem: Which protection do all AWS customers get against common DDoS attacks at no extra cost?
  options:
    - {text: AWS Shield Standard, correct: true, explanation: Shield Standard protects every AWS customer at no extra cost., cite: ddos-overview}
    - {text: A bigger instance, correct: false, explanation: Size is not a DDoS protection., cite: ddos-overview}
"""


def write_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "quiz").mkdir(parents=True)
    for name, text in NOTES.items():
        (corpus / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (corpus / "quiz" / "basics.yaml").write_text(BANK, encoding="utf-8")
    return corpus


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path)
    monkeypatch.setattr(paths, "corpus_dir", lambda: folder)
    return folder


@pytest.fixture
def ids(corpus):
    """Question ids by topic, from the bank file itself."""
    return {q.topic: q.id for q in load_bank(corpus / "quiz").questions}


def rows(sql):
    conn = sqlite3.connect(paths.progress_db())
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_practice_session_through_the_cli_writes_exactly_the_answers_given(corpus, ids):
    # Weakest topics first; with nothing answered yet the order is the topic order: srm, iam, ddos.
    # The learner answers srm right, mistypes, misses iam, answers ddos right, then re-drills iam.
    result = CliRunner().invoke(app, ["quiz", "-n", "3", "--seed", "5"], input="A\nZ\nB\nA\nA\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Z is not an option; answer with one of A, B, C" in out
    assert out.count("Correct.") == 3 and out.count("Not quite. The answer is A.") == 1
    assert "[iam-roles]" in out and "Score 2/3 (67%)" in out and "Re-drilled 1 missed question(s)." in out
    log = rows("SELECT session_id, question_id, topic, chosen, correct, rating, redrill FROM review_log ORDER BY id")
    assert log == [
        (1, ids["shared-responsibility"], "shared-responsibility", "A", 1, 4, 0),
        (1, ids["iam"], "iam", "B", 0, 1, 0),
        (1, ids["ddos"], "ddos", "A", 1, 4, 0),
        (1, ids["iam"], "iam", "A", 1, 4, 1),
    ]
    assert all(isinstance(ms, int) and 0 <= ms < 8000 for (ms,) in rows("SELECT response_ms FROM review_log"))
    assert rows("SELECT question_id, topic, reps, lapses FROM cards ORDER BY topic") == [
        (ids["ddos"], "ddos", 1, 0),
        (ids["iam"], "iam", 2, 1),
        (ids["shared-responsibility"], "shared-responsibility", 1, 0),
    ]
    [(mode, topic, requested, seed, finished)] = rows("SELECT mode, topic, requested, seed, finished_at FROM quiz_sessions")
    assert (mode, topic, requested, seed) == ("practice", None, 3, 5) and finished is not None


def test_end_of_input_saves_what_was_answered_and_exits_cleanly(corpus, ids):
    result = CliRunner().invoke(app, ["quiz", "-n", "3", "--seed", "5"], input="A\n")
    assert result.exit_code == 0
    assert "Stopped. 1 answer(s) saved." in result.stdout
    assert "Traceback" not in result.output
    assert rows("SELECT question_id, correct FROM review_log") == [(ids["shared-responsibility"], 1)]


def test_exam_mode_shows_elapsed_time_and_gives_feedback_only_at_the_end(corpus):
    result = CliRunner().invoke(app, ["quiz", "--mode", "exam", "-n", "3", "--seed", "1"], input="B\nB\nB\n")
    assert result.exit_code == 0
    out = result.stdout
    assert "elapsed 00:00" in out
    assert "Correct." not in out and "Not quite." not in out
    assert "Exam finished in" in out and "Answers" in out and "Score 0/3 (0%)" in out
    assert "Weak topics: shared-responsibility, iam, ddos" in out
    assert rows("SELECT COUNT(*), SUM(redrill) FROM review_log") == [(3, 0)]


def test_progress_reports_json_and_exports_every_answer_as_csv(corpus, ids, tmp_path):
    CliRunner().invoke(app, ["quiz", "-n", "3", "--seed", "5"], input="A\nB\nA\nA\n")
    export = tmp_path / "answers.csv"
    result = CliRunner().invoke(app, ["progress", "--json", "--export", str(export)])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    by_topic = {t["topic"]: (t["answered"], t["correct"]) for t in report["topics"]}
    assert by_topic["iam"] == (2, 1) and by_topic["ddos"] == (1, 1) and by_topic["encryption"] == (0, 0)
    assert (report["answered"], report["correct"], report["streak"]) == (4, 3, 1)
    lines = export.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "reviewed_at,session_id,question_id,topic,chosen,correct,rating,response_ms,redrill"
    assert [line.split(",")[2:5] for line in lines[1:]] == [
        [ids["shared-responsibility"], "shared-responsibility", "A"],
        [ids["iam"], "iam", "B"],
        [ids["ddos"], "ddos", "A"],
        [ids["iam"], "iam", "A"],
    ]
    assert "Exported 4 answer(s)" in result.stderr


def test_quiz_bank_json_lists_every_question_with_its_validation(corpus, ids):
    result = CliRunner().invoke(app, ["quiz", "bank", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [(q["id"], q["topic"], q["kind"], q["source"], q["valid"], q["problems"]) for q in listed] == [
        (ids["shared-responsibility"], "shared-responsibility", "single", "bank:basics.yaml", True, []),
        (ids["iam"], "iam", "single", "bank:basics.yaml", True, []),
        (ids["ddos"], "ddos", "single", "bank:basics.yaml", True, []),
    ]


def test_quiz_bank_flags_an_invalid_question_and_exits_non_zero(corpus):
    broken = BANK.replace("cite: ddos-overview}\n    - {text: A bigger", "cite: ddos-nowhere}\n    - {text: A bigger")
    (corpus / "quiz" / "basics.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(app, ["quiz", "bank", "--json"])
    assert result.exit_code == 1
    bad = [q for q in json.loads(result.stdout) if not q["valid"]]
    assert [(q["topic"], q["problems"]) for q in bad] == [
        ("ddos", ["option A cites 'ddos-nowhere', which is not a corpus section"])
    ]


def test_an_unknown_topic_is_one_clear_error_line(corpus):
    result = CliRunner().invoke(app, ["quiz", "--topic", "billing"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown topic 'billing'; choose one of shared-responsibility")
    assert "Traceback" not in result.output


def test_a_corrupt_progress_database_is_reported_not_replaced(corpus):
    paths.progress_db().write_bytes(b"garbage" * 200)
    result = CliRunner().invoke(app, ["progress"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {paths.progress_db()} is not a readable progress database")
    assert paths.progress_db().read_bytes() == b"garbage" * 200


class Output:
    """Collects a child's stdout in the background so the test can wait for prompts."""

    def __init__(self, stream):
        self.text = ""
        self._lock = threading.Lock()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        while chunk := os.read(stream.fileno(), 4096):
            with self._lock:
                self.text += chunk.decode("utf-8", "replace")

    def wait_for(self, needle: str, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.text.count(needle) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {count} x {needle!r}; got:\n{self.text}")


def test_killing_the_quiz_mid_session_keeps_every_answered_question(tmp_path):
    corpus = write_corpus(tmp_path)
    launcher = (
        "import sys\nfrom pathlib import Path\nimport tutor.paths\n"
        f"tutor.paths.corpus_dir = lambda: Path({str(corpus)!r})\n"
        "from tutor.cli.main import app\nsys.argv = ['tutor', 'quiz', '-n', '3', '--seed', '5']\napp()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-u", "-c", launcher],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        cwd=paths.project_root(), env={**os.environ, "PYTHONPATH": str(paths.project_root())},
    )
    output = Output(child.stdout)
    try:
        for answered in range(2):
            output.wait_for("Answer (", answered + 1)
            child.stdin.write(b"A\n")
            child.stdin.flush()
        output.wait_for("Answer (", 3)  # the third question is on screen, unanswered
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    shown = re.findall(r"id ([0-9a-f]{12})", output.text)
    assert len(shown) == 3
    assert rows("SELECT question_id, chosen FROM review_log ORDER BY id") == [(shown[0], "A"), (shown[1], "A")]
    assert rows("SELECT COUNT(*) FROM cards") == [(2,)]
    [(finished,)] = rows("SELECT finished_at FROM quiz_sessions")
    assert finished is None  # killed: nobody closed the session, and nothing was lost


def test_review_with_nothing_due_says_so_and_succeeds(corpus):
    result = CliRunner().invoke(app, ["quiz", "--mode", "review"])
    assert result.exit_code == 0
    assert result.stdout == "Nothing to review: no cards are due for review yet; try practice mode.\n"


def test_review_asks_only_the_due_card(corpus, ids):
    from datetime import datetime, timedelta, timezone

    from fsrs import Card, Rating

    from tutor.store import ReviewStore, open_store

    past = datetime.now(timezone.utc) - timedelta(days=2)
    conn = open_store()
    ReviewStore(conn).record_answer(
        session_id=None, question_id=ids["ddos"], topic="ddos", chosen=("B",), correct=False,
        rating=Rating.Again, response_ms=900, card=Card(card_id=7, due=past), now=past,
    )
    conn.close()
    result = CliRunner().invoke(app, ["quiz", "--mode", "review"], input="A\n")
    assert result.exit_code == 0, result.output
    assert "Question 1/1 · ddos" in result.stdout and "Correct." in result.stdout
    assert rows("SELECT question_id, chosen, correct, session_id FROM review_log ORDER BY id") == [
        (ids["ddos"], "B", 0, None),
        (ids["ddos"], "A", 1, 1),
    ]
    assert rows("SELECT reps, lapses FROM cards") == [(2, 1)]
