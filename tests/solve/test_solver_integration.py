"""The real solver: bundled notes, fact cards and all-MiniLM-L6-v2, on a few literal questions."""

from __future__ import annotations

import pytest

from tutor.solve.question import parse_question


@pytest.fixture(scope="module")
def real_solver(tmp_path_factory):
    from tutor.answer.service import AnswerService
    from tutor.config import get_settings
    from tutor.solve.solver import default_solver

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("solver-home")))
        get_settings.cache_clear()
        # The index and the evidence vectors are built in this home; the solver keeps them in memory.
        yield default_solver(AnswerService())
    get_settings.cache_clear()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("Which service keeps a record of the API calls made in an AWS account?\n"
         "A. Amazon Inspector\nB. AWS CloudTrail\nC. AWS Shield Standard\nD. Amazon Cognito", ["B"]),
        ("Under the shared responsibility model, which task belongs to the customer on Amazon EC2?\n"
         "A. Securing the data centre buildings\nB. Patching the guest operating system\nC. Maintaining the hypervisor", ["B"]),
        ("Which of these is NOT something AWS manages under the shared responsibility model?\n"
         "A. Physical security of data centres\nB. Configuring security group rules\nC. The network backbone between facilities", ["B"]),
        ("Which TWO are features of AWS Organizations? (Select TWO.)\nA. Consolidated billing\n"
         "B. Service control policies\nC. Scanning images for vulnerabilities\nD. Issuing TLS certificates", ["A", "B"]),
    ],
)
def test_real_solver_answers_and_cites(real_solver, text, picked):
    solution = real_solver.solve(parse_question(text))
    assert solution.picked == picked
    for letter in picked:
        assert solution.options[letter].citations, f"option {letter} has no citation"
