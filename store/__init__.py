"""The election knowledge store: articles, passages, gazetteer and results in SQLite."""
