"""Every slash command, typed in the chat box and chosen from the command palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.app.screens.chat import ChatScreen
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.policy_lab import PolicyLabScreen
from tutor.app.screens.progress import ProgressScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_view import AnswerView
from tutor.app.widgets.source_panel import SourcePanel
from tutor.store import ConversationLog, open_store

from .test_chat import notifications, send


@pytest.mark.parametrize(
    ("command", "screen_type"),
    [("/help", HelpScreen), ("/policy", PolicyLabScreen), ("/progress", ProgressScreen)],
)
async def test_navigation_commands_open_their_screen(make_app, command, screen_type):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, command)
        assert isinstance(app.screen, screen_type)


async def test_quiz_command_starts_a_session_with_the_topic_count_and_mode_given(make_app):
    app = make_app(quiz_seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/quiz encryption 3 exam")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        session = app.screen.session
        assert (session.mode, session.progress().total, session.current().topic) == ("exam", 3, "encryption")


async def test_quiz_command_rejects_a_count_out_of_range(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/quiz iam 500")
        assert isinstance(app.screen, ChatScreen)
        assert notifications(app) == ["/quiz: the number of questions must be 1-50, not 500"]


async def test_sources_lists_every_section_id_and_sources_id_opens_one(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/sources")
        listing = app.screen.query_one(".note").source
        assert "`iam-mfa` Multi-factor authentication" in listing
        assert "`srm-overview`" in listing
        await send(pilot, "/sources iam-root-user")
        panel = app.screen.query_one(SourcePanel)
        assert panel.is_open
        assert "[iam-root-user]" in str(panel.query_one("#source-title").render())


async def test_sources_with_an_unknown_id_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/sources no-such-section")
        assert notifications(app) == ["no corpus section has the id 'no-such-section'; /sources lists them"]


async def test_clear_empties_the_chat_and_the_next_question_starts_a_new_saved_conversation(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, "/clear")
        assert not app.screen.query(AnswerView)
        await send(pilot, "second topic")
    conn = open_store()
    assert [c.title for c in ConversationLog(conn).list()] == ["second topic", "What is MFA?"]
    conn.close()


async def test_export_writes_the_conversation_as_markdown_to_the_path_given(make_app, tmp_path):
    app = make_app()
    target = tmp_path / "notes" / "mfa.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, f'/export "{target}"')
        assert notifications(app)[-1] == f"Conversation saved to {target}"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# tutor conversation\n\n## What is MFA?\n")
    assert "- [iam-mfa] Multi-factor authentication (corpus/02-iam.md)" in text


async def test_export_without_a_path_writes_into_the_data_folder(make_app, isolated_home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, "/export")
    exported = list(Path(isolated_home, "data", "exports").glob("conversation-*.md"))
    assert len(exported) == 1
    assert "## What is MFA?" in exported[0].read_text(encoding="utf-8")


async def test_export_to_an_unwritable_place_reports_the_path(make_app, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, f"/export {blocker}/inside.md")
        assert notifications(app)[-1].startswith(f"/export: cannot write {blocker}/inside.md: ")


async def test_copy_puts_the_last_answer_on_the_clipboard(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, "/copy")
        assert app.clipboard.startswith("Multi-factor authentication asks for a second proof")


async def test_unknown_commands_and_stray_arguments_get_a_message(make_app, answers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/frobnicate")
        await send(pilot, "/clear everything")
        assert notifications(app) == [
            "unknown command /frobnicate; known commands: /quiz, /policy, /scenario, /progress, /sources, /clear, "
            "/export, /copy, /help",
            "/clear takes no arguments; usage: /clear",
        ]
        assert answers.asked == []


async def test_the_command_palette_offers_and_runs_slash_commands(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"/progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
