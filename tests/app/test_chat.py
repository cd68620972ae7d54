"""Chat screen: asking, answers with citations, the source panel, history, bad input and persistence."""

from __future__ import annotations

from tutor.app.tutor_app import TutorApp
from tutor.app.widgets.answer_view import AnswerView, CitationButton
from tutor.app.widgets.question_input import QuestionInput
from tutor.app.widgets.source_panel import SourcePanel
from tutor.knowledge.corpus import find_section
from tutor.store import ConversationLog, open_store

from .conftest import ScriptedAnswers


async def send(pilot, text: str) -> None:
    """Put `text` in the chat box as a paste would, press Enter and wait for the answer."""
    box = pilot.app.screen.query_one(QuestionInput)
    box.focus()
    box.load_text(text)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def notifications(app: TutorApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_asking_a_question_shows_the_answer_and_its_citation(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        view = app.screen.query_one(AnswerView)
        assert view.question == "What is MFA?"
        assert "second proof of identity" in view.markdown_text
        buttons = list(view.query(CitationButton))
        assert [b.ref.id for b in buttons] == ["iam-mfa"]
        assert str(buttons[0].label) == "[1] Multi-factor authentication"
        assert app.screen.query_one(QuestionInput).text == ""


async def test_clicking_a_citation_opens_the_cited_section_beside_the_chat(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        panel = app.screen.query_one(SourcePanel)
        assert not panel.is_open
        await pilot.click(CitationButton)
        await pilot.pause()
        assert panel.is_open
        assert "Multi-factor authentication  [iam-mfa]  corpus/02-iam.md" in str(panel.query_one("#source-title").render())
        assert panel.query_one("#source-body").source == find_section("iam-mfa").text
        await pilot.press("escape")
        assert not panel.is_open


async def test_ctrl_o_opens_the_first_source_of_the_latest_answer(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await pilot.press("ctrl+o")
        assert app.screen.query_one(SourcePanel).is_open


async def test_a_declined_question_shows_the_closest_topics_and_no_sources(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "How do I bake bread?")
        view = app.screen.query_one(AnswerView)
        assert str(view.query_one(".topics").render()) == "Closest topics: What IAM is, Multi-factor authentication"
        assert not view.query(CitationButton)


async def test_empty_input_gets_a_message_and_asks_nothing(make_app, answers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "   \n  ")
        assert notifications(app) == ["Type a question first, or /help for the commands."]
        assert not app.screen.query(AnswerView)
        assert answers.asked == []


async def test_a_100000_character_paste_is_refused_with_the_services_message_and_the_chat_goes_on(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "a" * 100_000)
        error = app.screen.query_one(AnswerView).query_one(".error")
        assert str(error.render()) == (
            "Not answered: the question is 100000 characters long; the limit is 2000 "
            "(to add a document, use `tutor ingest FILE`)"
        )
        await send(pilot, "What is MFA?")
        assert app.screen.query(AnswerView)[-1].answer is not None


async def test_control_characters_and_mixed_scripts_are_shown_safely_and_answered(make_app, answers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "MFA\x1b[31m для 用户 ?")
        view = app.screen.query_one(AnswerView)
        assert str(view.query_one(".question").render()) == "MFA\ufffd[31m для 用户 ?"
        assert answers.asked == ["MFA\x1b[31m для 用户 ?"]
        assert view.answer.abstained


async def test_up_and_down_recall_earlier_questions_and_restore_the_draft(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await send(pilot, "second question")
        box = app.screen.query_one(QuestionInput)
        await pilot.press("d", "r", "a", "f", "t")
        await pilot.press("up")
        assert box.text == "second question"
        await pilot.press("up")
        assert box.text == "What is MFA?"
        await pilot.press("down", "down")
        assert box.text == "draft"


async def test_ctrl_j_starts_a_new_line_and_enter_sends_both_lines(make_app, answers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(QuestionInput).focus()
        await pilot.press("a", "ctrl+j", "b")
        assert app.screen.query_one(QuestionInput).text == "a\nb"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert answers.asked == ["a\nb"]


async def test_the_conversation_is_saved_and_resumed_on_the_next_launch(make_app, isolated_home):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
    conn = open_store()
    latest = ConversationLog(conn).latest()
    assert latest.title == "What is MFA?"
    assert [(m.role, m.content) for m in latest.messages] == [
        ("user", "What is MFA?"),
        ("assistant", "Multi-factor authentication asks for a second proof of identity, such as a code "
         "from a device, in addition to the password [1]."),
    ]
    assert latest.messages[1].payload["citations"] == [
        {"id": "iam-mfa", "title": "Multi-factor authentication", "source": "corpus/02-iam.md"}
    ]
    conn.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(AnswerView)
        assert view.question == "What is MFA?"
        assert [b.ref.id for b in view.query(CitationButton)] == ["iam-mfa"]
        await pilot.press("up")
        assert app.screen.query_one(QuestionInput).text == "What is MFA?"


async def test_f8_copies_the_last_answer_with_its_sources(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        await pilot.press("f8")
        assert app.clipboard == (
            "Multi-factor authentication asks for a second proof of identity, such as a code from a device, "
            "in addition to the password [1].\n\nSources:\n- [iam-mfa] Multi-factor authentication (corpus/02-iam.md)"
        )


async def test_an_engine_that_fails_to_answer_gives_a_message_not_a_crash(make_app):
    class Broken:
        def ask(self, question, k=None):
            raise OSError("index folder is read-only")

    app = make_app(answer_service=Broken())
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "What is MFA?")
        assert str(app.screen.query_one(".error").render()) == "Not answered: index folder is read-only"


async def test_a_policy_answer_shows_the_decision_the_request_and_the_trace(make_app):
    from .test_snapshots import policy_answer

    question = "Can mateo delete receipts?"
    app = make_app(answer_service=ScriptedAnswers({question: policy_answer()}))
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, question)
        block = str(app.screen.query_one(".decision").render())
        assert block.splitlines()[:2] == [
            "Decision: ExplicitlyDenied",
            "arn:aws:iam::111122223333:user/mateo → s3:DeleteObject on arn:aws:s3:::receipts/2026/01.csv",
        ]
        assert "Trace:\n  1. identity: denies by KeepReceipts of CashierAccess; allows by ShopFiles of CashierAccess" in block
        assert app.screen.query_one(".decision").has_class("denied")


async def test_with_an_answer_service_given_the_real_engine_is_never_loaded(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert (app.engine_status, app._engine_started) == ("ready", False)
