"""`tutor index`, `ask`, `ingest` and `sources` from the command line."""

from __future__ import annotations

import json
from hashlib import sha256

import pytest
from typer.testing import CliRunner

from tutor.answer.grounded import AnswerTuning
from tutor.answer.service import AnswerService
from tutor.cli import ask as ask_commands
from tutor.cli.main import app
from tutor.knowledge.hashing_embedder import HashingEmbedder

NOTES = """# organizations

## Service control policies {#org-scps}

A service control policy (SCP) sets the maximum permissions for the member accounts of an organization. An SCP never grants a permission by itself.
"""

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A one-file corpus and a service that embeds with the bag-of-words stand-in."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "03-organizations.md").write_text(NOTES)
    monkeypatch.setattr("tutor.paths.corpus_dir", lambda: folder)
    embedder = HashingEmbedder()
    monkeypatch.setattr(
        ask_commands,
        "_service",
        lambda: AnswerService(embedder=embedder, tuning=AnswerTuning(min_confidence=0.2)),
    )
    return folder


def test_ask_json_prints_exactly_the_contract(corpus):
    result = runner.invoke(app, ["ask", "What does an SCP set for member accounts?", "--json", "-k", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "answer": "A service control policy (SCP) sets the maximum permissions for the member accounts of an "
        "organization. [1]",
        "citations": [{"id": "org-scps", "title": "Service control policies", "source": "corpus/03-organizations.md"}],
        "abstained": False,
        "route": "general",
        "retrieved": [{"id": "org-scps", "score": 1.0}],
    }


def test_an_empty_question_gives_one_error_line_and_exit_code_2(corpus):
    result = runner.invoke(app, ["ask", "   "])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: the question is empty; type a question about the security module\n"


def test_ingest_reports_each_bad_path_on_one_line_keeps_the_good_one_and_exits_1(corpus, tmp_path):
    good = tmp_path / "kms.txt"
    good.write_text("My KMS note: rotate customer managed keys every year.")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    missing = tmp_path / "nope.pdf"
    result = runner.invoke(app, ["ingest", str(missing), str(good), str(empty)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {missing}: no such file or directory",
        f"error: {empty}: file is empty",
    ]
    assert "Ingested kms.txt" in result.stdout

    sources = runner.invoke(app, ["sources"])
    assert sources.exit_code == 0
    assert sources.stdout.splitlines() == [
        "corpus/03-organizations.md (organizations)",
        "  org-scps                     Service control policies",
        "Your files",
        f"  kms.txt (from {tmp_path.name}/)",
    ]


def test_after_ingesting_a_file_ask_cites_it_as_the_learners_source(corpus, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "waf.md").write_text("# WAF\n\nAWS WAF rules can block requests from chosen countries.\n")
    assert runner.invoke(app, ["ingest", str(mine)]).exit_code == 0
    result = runner.invoke(app, ["ask", "Can WAF rules block requests from chosen countries?", "--json"])
    payload = json.loads(result.stdout)
    source_id = f"waf.md@{sha256(str((mine / 'waf.md').resolve()).encode()).hexdigest()[:8]}"
    assert payload["citations"] == [{"id": f"user:{source_id}#waf", "title": "WAF", "source": "waf.md (from mine/)"}]
    assert payload["answer"] == "From your notes: AWS WAF rules can block requests from chosen countries. [1]"


def test_index_is_a_no_op_when_nothing_changed(corpus):
    first = runner.invoke(app, ["index"])
    assert first.exit_code == 0 and "1 chunks embedded" in first.stdout
    second = runner.invoke(app, ["index"])
    assert second.stdout.startswith("Index up to date: 0 chunks embedded, 0 removed, 1 unchanged")


@pytest.mark.slow
def test_real_model_and_corpus_answer_from_the_right_section_and_decline_off_topic():
    """End to end with all-MiniLM-L6-v2 and the bundled notes: index, then ask as a learner would."""
    indexed = runner.invoke(app, ["index"])
    assert indexed.exit_code == 0, indexed.output
    assert indexed.stdout.startswith("Rebuilt the index:")

    result = runner.invoke(app, ["ask", "Where do I download AWS compliance reports such as SOC 2?", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"answer", "citations", "abstained", "route", "retrieved"}
    assert payload["abstained"] is False
    # The reports come from AWS Artifact; the answer may lead with the sentence that contrasts it
    # with the Customer Compliance Center, but it must name Artifact and cite its section.
    assert "AWS Artifact" in payload["answer"]
    cited = {citation["id"]: citation["source"] for citation in payload["citations"]}
    assert cited["compliance-artifact"] == "corpus/04-compliance.md"
    assert "[1]" in payload["answer"]

    off_topic = json.loads(runner.invoke(app, ["ask", "How long should I boil an egg?", "--json"]).stdout)
    assert off_topic["abstained"] is True
    assert off_topic["citations"] == []
    assert off_topic["answer"].startswith("That is not covered by this module.")


def _scripted(*lines):
    """A `read` function that returns the lines in turn, then raises what the last item is if it is an exception."""
    items = list(lines)

    def read():
        item = items.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    return read


@pytest.mark.parametrize("ending", ["quit", EOFError(), KeyboardInterrupt()])
def test_question_loop_answers_with_numbered_citations_until_the_learner_leaves(corpus, ending):
    from rich.console import Console

    from tutor.cli.start import question_loop

    console = Console(record=True, width=200, color_system=None)
    service = ask_commands._service()
    answered = question_loop(service, console, _scripted("What does an SCP set for member accounts?", "  ", ending))
    assert answered == 1
    lines = console.export_text().splitlines()
    assert lines[0] == (
        "A service control policy (SCP) sets the maximum permissions for the member accounts of an organization. [1]"
    )
    assert "[1] Service control policies corpus/03-organizations.md" in lines
    assert lines[-1] == "Goodbye."


def test_question_loop_reports_a_bad_question_and_carries_on(corpus):
    from rich.console import Console

    from tutor.cli.start import question_loop

    console = Console(record=True, width=200, color_system=None)
    answered = question_loop(ask_commands._service(), console, _scripted("x" * 3000, "quit"))
    assert answered == 0
    assert console.export_text().splitlines() == [
        "error: the question is 3000 characters long; the limit is 2000 (to add a document, use `tutor ingest FILE`)",
        "Goodbye.",
    ]
