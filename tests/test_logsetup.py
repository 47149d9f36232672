"""Quiet by default: the command line shows what the user needs; library chatter only with -v;
and `chunav` is the console command for `python -m bot`."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# faiss's loader logs each build it could not load (AVX512, AVX2) at INFO with the ModuleNotFoundError;
# a library's Python warning stands for torch's and transformers' warnings.
SCRIPT = """
import logging, sys, warnings
from bot import logsetup
logsetup.configure(verbose=sys.argv[1] == "-v")
import faiss
sys.modules["torch.fake"] = None
warnings.warn_explicit("TypedStorage is deprecated", UserWarning, "/venv/site-packages/torch/storage.py", 1)
logging.getLogger("bot").info("answered 1 question")
logging.getLogger("index.embed").warning("the index is older than the store: run reindex")
"""


def run(*args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_library_chatter_is_hidden_without_verbose():
    err = run("")
    assert "faiss" not in err and "ModuleNotFoundError" not in err and "TypedStorage" not in err
    assert "INFO bot: answered 1 question" in err                       # the bot's own lines stay
    assert "WARNING index.embed: the index is older" in err             # and so do warnings to act on


def test_verbose_shows_library_chatter_at_debug():
    err = run("-v")
    assert "DEBUG faiss.loader: Loading faiss" in err and "DEBUG py.warnings:" in err and "TypedStorage" in err


def test_chunav_is_the_console_command_for_python_m_bot(capsys):
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, name = scripts["chunav"].partition(":")
    main = getattr(importlib.import_module(module), name)
    from bot.cli import main as python_m_bot

    assert main is python_m_bot
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0 and "demo" in capsys.readouterr().out
    assert "chunav demo" in (REPO / "README.md").read_text(encoding="utf-8")
