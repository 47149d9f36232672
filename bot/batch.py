"""`answer-batch`: answer a JSON Lines file of conversations in the evaluation format.

Each input line has `id` and `turns` (a list of messages, one conversation in a fresh chat);
each output line is {"id": ..., "answers": [Answer as JSON, one per turn]}.
"""
from __future__ import annotations

import json
from pathlib import Path

from bot.config import Config
from bot.engine import Engine

WARM_WAIT_S = 300.0


def answer_batch(config: Config, source: Path, target: Path) -> int:
    engine = Engine(config)
    # answer as the running bot does once it has read its passages ahead (a second or two), not
    # as in its first seconds: the answers of a batch then do not depend on the machine's speed
    engine.warmed.wait(WARM_WAIT_S)
    lines = source.read_text(encoding="utf-8").splitlines()
    n = 0
    with target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                turns = row["turns"] if "turns" in row else [row["question"]]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{source}:{number}: not a conversation ({exc}); want {{\"id\", \"turns\": [...]}}") from None
            chat = f"batch-{row.get('id', number)}"
            answers = [engine.answer(turn, chat_id=chat).to_dict() for turn in turns]
            out.write(json.dumps({"id": row.get("id", number), "answers": answers}, ensure_ascii=False) + "\n")
            n += 1
    return n
