"""The Dockerfile read as the tests use it: its stages, and its commands mapped to this machine."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


# Commands of the Dockerfile that set up the system or the virtualenv; outside Docker the system is
# this machine and the virtualenv this one (test_dockerfile_builds_the_home_and_serves checks that it
# holds every dependency `pip install .` would install). Every other command is run.
SYSTEM_COMMANDS = ("apt-get", "rm", "useradd", "python -m venv", "/opt/venv/bin/pip install")


@dataclass
class Stage:
    """One stage of the Dockerfile, as parsed from the file (continuations joined, comments dropped)."""

    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    runs: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)


def dockerfile_stages() -> list[Stage]:
    lines = [ln for ln in (REPO / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if not ln.lstrip().startswith("#")]
    stages: list[Stage] = []
    for instruction in re.sub(r"\\\n", " ", "\n".join(lines)).splitlines():
        word, _, rest = instruction.strip().partition(" ")
        word, rest = word.upper(), rest.strip()
        if word == "FROM":
            stages.append(Stage())
        elif word == "ENV":
            stages[-1].env.update(dict(pair.split("=", 1) for pair in shlex.split(rest)))
        elif word == "WORKDIR":
            stages[-1].workdir = rest
        elif word == "RUN":
            stages[-1].runs += [c.strip() for c in rest.split("&&")]
        elif word == "CMD":
            stages[-1].cmd = json.loads(rest)
        elif word == "HEALTHCHECK":
            stages[-1].healthcheck = json.loads(rest[rest.index("CMD ") + 4:])
    return stages


def outside_docker(argv: list[str], stage: Stage, home: Path) -> tuple[list[str], dict[str, str]]:
    """A command and environment of the image, mapped to this machine: /app (the WORKDIR holding
    config.toml and data/) is the repository, the image's home a temp folder, `python` this one."""
    assert stage.workdir == "/app", "the test maps the image's WORKDIR to the repository"
    env = {k: v.replace("/app", str(REPO)) for k, v in stage.env.items() if k != "PATH"}
    env["CHUNAV_HOME"] = str(home)
    env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, **env}
    return [sys.executable if argv[0] == "python" else argv[0], *argv[1:]], env


def run_build_steps(home: Path) -> list[subprocess.CompletedProcess]:
    """Every build command of the Dockerfile's final stage (the ones that build the home), in order."""
    final = dockerfile_stages()[-1]
    done = []
    for cmd in final.runs:
        if cmd.startswith(SYSTEM_COMMANDS):
            continue
        argv, env = outside_docker(shlex.split(cmd), final, home)
        done.append(subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=900))
    return done
