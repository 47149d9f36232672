"""A missing or broken data file is named in the error, in the caller's error type."""
from __future__ import annotations

import pytest

from index.sentences import TemplateError
from store.datafiles import read_toml


def test_reads_tables(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('en = ["who", "won"]\n', encoding="utf-8")
    assert read_toml(path) == {"en": ["who", "won"]}


@pytest.mark.parametrize("text, message", [(None, "is missing"), ("en = [", "it is TOML")])
def test_errors_name_the_file(tmp_path, text, message):
    path = tmp_path / "sentences.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=message) as caught:
        read_toml(path, TemplateError)
    assert str(path) in str(caught.value)
