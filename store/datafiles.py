"""Reading the TOML data files under data/ (templates, word lists, messages) with errors that
name the file and say what to do."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, error: type[Exception] = ValueError) -> dict[str, Any]:
    """The file's tables; `error` (a ValueError by default) names the file when it is missing or
    not valid TOML."""
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path} is missing: it ships in the repository's data/ folder "
                    f"(point CHUNAV_DATA at a complete copy)") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: {exc}; fix the file (it is TOML)") from None
