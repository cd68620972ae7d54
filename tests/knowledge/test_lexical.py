"""BM25 matching of exact terms such as service acronyms."""

from __future__ import annotations

from tutor.knowledge.lexical import LexicalIndex, tokenize


def test_tokenize_drops_stopwords_and_folds_plurals():
    assert tokenize("What are the policies of SCPs and keys?") == ["policy", "scp", "key"]


def test_bm25_ranks_the_chunk_that_names_the_acronym_first():
    index = LexicalIndex(
        ["waf", "kms", "scp"],
        ["AWS WAF filters web requests.", "KMS manages encryption keys.", "An SCP limits member accounts."],
    )
    assert [i for i, _ in index.search("What does an SCP do?", 3)] == ["scp"]
    assert index.search("sourdough bread", 3) == []
