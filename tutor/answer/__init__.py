"""Answering questions: grounded extractive answers with citations, and the service other parts call."""
