"""The Dockerfile: a slim non-root image installed from the repository, whose build steps make a home
and whose CMD and HEALTHCHECK serve the bot (run here outside Docker, against the fake Bot API)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import tomllib

import pytest
from dockerfile import REPO, SYSTEM_COMMANDS, dockerfile_stages, outside_docker
from fake_bot_api import TOKEN, FakeBotAPI
from test_telegram_app import KAIRANA_WON, WAIT, ask, free_port

from store.schema import open_store


@pytest.fixture
def fake():
    with FakeBotAPI() as server:
        yield server


def test_dockerfile_is_slim_non_root_and_installs_from_the_repository():
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert all(line.startswith("FROM python:3.11-slim") for line in re.findall(r"^FROM .*", text, re.M))
    assert re.findall(r"^USER (\S+)", text, re.M)[-1] not in ("root", "0")
    builder, final = dockerfile_stages()
    assert "/opt/venv/bin/pip install --no-cache-dir ." in builder.runs
    assert final.cmd[-3:] == ["-m", "bot", "serve"] and final.healthcheck
    # the commands the test does not run are only these; the virtualenv here has what `pip install .` installs
    assert {c for s in (builder, final) for c in s.runs if c.startswith(SYSTEM_COMMANDS)} == {
        "apt-get update", "apt-get install -y --no-install-recommends build-essential",
        "apt-get install -y --no-install-recommends libfribidi0",
        "rm -rf /var/lib/apt/lists/*", "python -m venv /opt/venv", "/opt/venv/bin/pip install --no-cache-dir .",
        "useradd --create-home --uid 10001 bot"}
    from importlib.metadata import version

    from packaging.requirements import Requirement

    for dep in tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]:
        req = Requirement(dep)
        assert req.specifier.contains(version(req.name), prereleases=True), dep


def test_dockerfile_builds_the_home_and_serves(built_home, tmp_path, fake):
    # built_home ran the Dockerfile's build steps: a store and an index in sync with it
    stats = json.loads(json.loads(built_home.joinpath("build.json").read_text(encoding="utf-8"))[-1])
    assert stats["index"]["in_sync"] is True and stats["index"]["vectors"] > 0
    db = open_store(built_home / "store.db")
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    final = dockerfile_stages()[-1]
    argv, env = outside_docker(final.cmd, final, home)
    proc = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "TELEGRAM_BOT_TOKEN is not set" in proc.stderr
    # the image's CMD with a token, against the fake Bot API; its HEALTHCHECK on the health port
    port = free_port()
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, CHUNAV_TELEGRAM_BASE_URL=fake.base_url, CHUNAV_TELEGRAM_HEALTH_PORT=str(port))
    check, _ = outside_docker([a.replace(":8080/", f":{port}/") for a in final.healthcheck], final, home)
    assert f":{port}/" in " ".join(check)
    with subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as bot:
        try:
            deadline = time.monotonic() + 60
            while subprocess.run(check, capture_output=True, timeout=30).returncode != 0:
                assert bot.poll() is None and time.monotonic() < deadline, "serve did not become healthy"
                time.sleep(0.3)
            (sent,) = ask(fake, fake.message(42, 42, "Who won the Kairana seat?"), 42)
            assert sent.params["text"].startswith(KAIRANA_WON)
        finally:
            bot.terminate()                                    # docker stop sends SIGTERM
            _, err = bot.communicate(timeout=WAIT)
    assert bot.returncode == 0, err[-2000:]
    assert TOKEN not in err and "Who won the Kairana seat" not in err
