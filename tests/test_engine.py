"""bot/engine.py: the engine's own lifecycle (answering is tested by module elsewhere)."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.conftest import make_config


def test_close_stops_reading_ahead_before_it_closes_the_store(tmp_path, built_home):
    # serve exits at once when its webhook port is taken, while the engine still reads ahead over
    # the same connection: closing that under a running query crashed the process (rc -11)
    from bot.engine import Engine

    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    engine = Engine(make_config(home))
    engine.close()
    assert engine._warmer is not None and not engine._warmer.is_alive()
    with pytest.raises(sqlite3.ProgrammingError):
        engine.db.execute("SELECT 1")
