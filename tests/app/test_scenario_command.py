"""`/scenario NAME` in the chat chooses the scenario that permission questions are asked about."""

from __future__ import annotations

from tutor.answer.service import AnswerService
from tutor.app.widgets.answer_view import AnswerView
from tutor.knowledge.hashing_embedder import HashingEmbedder

from .test_chat import notifications, send


def _app(make_app):
    # The real service: the policy route needs no model and no index, so the bag-of-words embedder is never used.
    return make_app(answer_service=AnswerService(embedder=HashingEmbedder()))


async def test_a_permission_question_is_answered_in_the_coffee_shop_by_default(make_app):
    app = _app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "Can Mateo delete a receipt?")
        view = app.screen.query(AnswerView).last()
        assert (view.answer.route, view.answer.decision) == ("policy", "ExplicitlyDenied")


async def test_scenario_switches_the_scenario_for_the_next_questions(make_app):
    app = _app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/scenario cross-account")
        assert notifications(app) == ["Permission questions now use the Roaster and coffee shop scenario."]
        await send(pilot, "Can Nadia assume the orders role with MFA?")
        view = app.screen.query(AnswerView).last()
        assert (view.answer.decision, view.answer.request["resource"]) == (
            "Allowed", "arn:aws:iam::444455556666:role/ShopOrdersRole")


async def test_an_unknown_scenario_is_named_and_the_active_one_is_kept(make_app):
    app = _app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/scenario moon-base")
        assert notifications(app)[0].startswith("/scenario: no scenario called 'moon-base' (bundled scenarios: ")
        assert app.scenario is None


async def test_scenario_without_a_name_shows_the_active_one_and_the_choices(make_app):
    app = _app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "/scenario")
        note = app.screen.query(".note").last().source
        assert note == ("Permission questions use the **coffee-shop** scenario. Bundled scenarios: coffee-shop, "
                        "cross-account. Choose one with `/scenario NAME`.")
