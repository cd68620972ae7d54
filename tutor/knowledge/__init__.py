"""The knowledge base: corpus sections, chunks, embeddings and retrieval."""
