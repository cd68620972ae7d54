"""The module's knowledge: corpus loading, chunking, embeddings, the Chroma store, BM25 and hybrid retrieval."""
