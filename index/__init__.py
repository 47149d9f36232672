"""Embeddings, the FAISS index, FTS5 lexical search and hybrid retrieval over the store."""
