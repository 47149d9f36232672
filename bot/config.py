"""Configuration: read once from config.toml, overridden by environment variables.

Each stage owns its settings dataclass (store/settings.py, index/settings.py,
bot/settings.py); this module only reads the file and fills them in. An environment
variable CHUNAV_<SECTION>_<KEY> overrides a key (CHUNAV_EMBEDDING_BACKEND=...),
CHUNAV_HOME the home folder. Secrets (TELEGRAM_BOT_TOKEN) are never read from the file.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import AnswerSettings, TelegramSettings
from index.settings import EmbeddingSettings, IndexSettings, RetrievalSettings
from store.settings import IngestSettings, WatchSettings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO / "config.toml"

SECTIONS: dict[str, type] = {
    "ingest": IngestSettings,
    "embedding": EmbeddingSettings,
    "index": IndexSettings,
    "retrieval": RetrievalSettings,
    "answer": AnswerSettings,
    "telegram": TelegramSettings,
    "watch": WatchSettings,
}


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    home: Path                      # all state: store.db, index/
    data: Path                      # bundled data: articles/, results/, gazetteer/, templates/
    ingest: IngestSettings
    embedding: EmbeddingSettings
    index: IndexSettings
    retrieval: RetrievalSettings
    answer: AnswerSettings
    telegram: TelegramSettings
    source: Path | None = None      # the file it was read from
    watch: WatchSettings = WatchSettings()

    @property
    def store_path(self) -> Path:
        return self.home / "store.db"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    def replace(self, **changes: typing.Any) -> Config:
        return dataclasses.replace(self, **changes)


def _coerce(value: str, kind: typing.Any, where: str) -> typing.Any:
    """Turn an environment string into the field's type."""
    origin = typing.get_origin(kind)
    try:
        if kind is bool:
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if kind is int:
            return int(value)
        if kind is float:
            return float(value)
        if origin is list:
            (item,) = typing.get_args(kind)
            return [_coerce(part.strip(), item, where) for part in value.split(",") if part.strip()]
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a valid {getattr(kind, '__name__', kind)}") from None
    return value


def _section(cls: type, table: Mapping[str, typing.Any], name: str, env: Mapping[str, str], origin: str) -> typing.Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(
            f"{origin} [{name}]: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    values = dict(table)
    for key in known:
        var = f"CHUNAV_{name.upper()}_{key.upper()}"
        if var in env:
            values[key] = _coerce(env[var], hints[key], var)
    try:
        return cls(**values)
    except TypeError as exc:
        raise ConfigError(f"{origin} [{name}]: {exc}") from None


def load_config(
    path: Path | str | None = None,
    home: Path | str | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Read `path` (default: CHUNAV_CONFIG, else the repository's config.toml)."""
    env = os.environ if env is None else env
    path = Path(path or env.get("CHUNAV_CONFIG") or DEFAULT_CONFIG)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found: pass --config FILE or set CHUNAV_CONFIG") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    base = path.resolve().parent
    paths = raw.pop("paths", {})
    for name in raw:
        if name not in SECTIONS:
            raise ConfigError(f"{path}: unknown section [{name}]; known: paths, {', '.join(SECTIONS)}")
    home_value = home or env.get("CHUNAV_HOME") or paths.get("home", "var/home")
    data_value = env.get("CHUNAV_DATA") or paths.get("data", "data")
    sections = {
        name: _section(cls, raw.get(name, {}), name, env, str(path)) for name, cls in SECTIONS.items()
    }
    return Config(
        home=(base / Path(home_value).expanduser()).resolve(),
        data=(base / Path(data_value).expanduser()).resolve(),
        source=path,
        **sections,
    )
