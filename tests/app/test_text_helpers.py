"""The app's pure helpers: slash parsing, JSON positions, context lines, safe text and transcripts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tutor.answer.types import Citation, GroundedAnswer
from tutor.app.json_positions import locate, locate_span
from tutor.app.request_form import ContextLineError, parse_context_lines
from tutor.app.slash import SlashCommand, SlashCommandError, is_slash_command, parse_slash
from tutor.app.transcript import ChatTurn, conversation_markdown
from tutor.app.visible_text import printable
from tutor.app.widgets.answer_chart import DayCount, column, daily_counts


def test_parse_slash_splits_name_and_quoted_arguments():
    assert parse_slash('/export "my notes.md"') == SlashCommand("export", ("my notes.md",))
    assert parse_slash("  /QUIZ iam 3 exam ") == SlashCommand("quiz", ("iam", "3", "exam"))


def test_parse_slash_names_the_unknown_command_and_lists_the_known_ones():
    with pytest.raises(SlashCommandError, match=r"unknown command /frobnicate; known commands: /quiz, /policy"):
        parse_slash("/frobnicate")


def test_parse_slash_rejects_a_bare_slash_and_an_unclosed_quote():
    with pytest.raises(SlashCommandError, match="needs a command name"):
        parse_slash("/")
    with pytest.raises(SlashCommandError, match="cannot read the arguments"):
        parse_slash('/export "unclosed')


def test_only_lines_starting_with_a_slash_are_commands():
    assert is_slash_command("  /help")
    assert not is_slash_command("what is s3/object lock?")


POLICY_TEXT = """{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Allw", "Action": ["s3:Get", "bad"],
     "Condition": {"StringEquals": {"aws:a.b": "x"}}}
  ]
}"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("Version", ((2, 14), (2, 26))),
        ("Statement[1].Effect", ((5, 16), (5, 22))),
        ("Statement[1].Action[1]", ((5, 45), (5, 50))),
        ("Statement[1].Condition.StringEquals.aws:a.b", ((6, 48), (6, 51))),  # a key holding a dot
        ("Statement[1].Resource", ((5, 5), (6, 54))),  # missing element: the statement that lacks it
        ("Statement[1].Condition.Foo", ((6, 6), (6, 17))),  # missing inside an object: that object's key
        ("", ((1, 1), (8, 2))),
    ],
)
def test_locate_span_maps_a_validator_path_to_where_its_value_starts_and_ends(path, expected):
    assert locate_span(POLICY_TEXT, path) == expected
    assert locate(POLICY_TEXT, path) == expected[0]


def test_locate_gives_none_for_text_that_is_not_json():
    assert locate('{"Version": ', "Version") is None


def test_context_lines_become_a_dict_with_json_lists_kept_as_lists():
    text = "aws:MultiFactorAuthPresent = true\n\n# a comment\naws:TagKeys=[\"team\", \"cost\"]\n"
    assert parse_context_lines(text) == {"aws:MultiFactorAuthPresent": "true", "aws:TagKeys": ["team", "cost"]}


def test_a_context_line_without_equals_is_reported_with_its_number():
    with pytest.raises(ContextLineError, match=r"context line 2: expected KEY=VALUE, got 'oops'"):
        parse_context_lines("a=1\noops")


def test_printable_shows_control_characters_and_bidi_overrides_as_replacement_marks():
    assert printable("a\x00b\x1b[31mc\u202ed\ttab\nline") == "a\ufffdb\ufffd[31mc\ufffdd\ttab\nline"


def test_printable_keeps_mixed_scripts_and_cuts_long_text_with_its_length():
    assert printable("IAM 身份 идентичность هوية") == "IAM 身份 идентичность هوية"
    assert printable("x" * 5000, limit=10) == "xxxxxxxxxx… (5,000 characters in all)"


def test_daily_counts_spread_answers_over_the_days_ending_today():
    answers = [(datetime(2026, 11, 19, 9), True), (datetime(2026, 11, 19, 10), False), (datetime(2026, 11, 20, 8), True)]
    counts = daily_counts(answers, date(2026, 11, 20), days=3)
    assert counts == [DayCount(date(2026, 11, 18), 0, 0), DayCount(date(2026, 11, 19), 1, 1), DayCount(date(2026, 11, 20), 1, 0)]


def test_a_chart_column_stacks_correct_under_wrong_in_eighths():
    # 3 of a peak of 4 over 2 rows: 12 eighths filled, the lowest 8 of them correct (2 of 4 correct).
    assert column(DayCount(date(2026, 11, 20), 2, 1), peak=4, height=2) == [("▄", "wrong"), ("█", "correct")]


def test_conversation_markdown_lists_each_question_answer_and_sources():
    answer = GroundedAnswer("MFA asks for a second proof [1].", [Citation("iam-mfa", "MFA", "corpus/02-iam.md")], False)
    turns = [
        ChatTurn("What is MFA?", answer=answer, asked_at=datetime(2026, 11, 20, 12, 0)),
        ChatTurn("", error="the question is empty", asked_at=datetime(2026, 11, 20, 12, 1)),
    ]
    assert conversation_markdown(turns) == (
        "# tutor conversation\n\n"
        "## What is MFA?\n\n*2026-11-20 12:00*\n\n"
        "MFA asks for a second proof [1].\n\nSources:\n- [iam-mfa] MFA (corpus/02-iam.md)\n\n"
        "## (empty)\n\n*2026-11-20 12:01*\n\nNot answered: the question is empty\n"
    )
