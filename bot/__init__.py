"""Understanding questions and answering them from the store, with citations."""
