"""Permission questions in plain words, answered by the IAM evaluator (`tutor.iam`), never by generated text.

- `actions`: the catalogue that turns verbs and nouns ("read a receipt") into IAM actions.
- `mentions`: where a question names the scenario's principals and resources.
- `context`: request context from phrases ("with MFA", "from 203.0.113.5").
- `question`: reads a question against a scenario into a `PermissionQuestion`.
- `pasted`: finds a policy document pasted into a question.
- `summary`: what a policy allows, statement by statement, and its risks.
- `scenarios`: the active scenario, by name or path.
- `answers`: the four kinds of answer (scenario decision, pasted policy, named policy, principal).
- `compose`: the answer text, built only from a decision's trace or a summary, with concept citations.

The router in `tutor.answer.router` decides which questions come here.
"""
