"""The Textual app: the home a learner lives in. The only package that imports Textual.

Importing this package is cheap; `TutorApp` lives in `tutor.app.tutor_app`.
"""
