"""Settings of the answering stage ([answer] and [telegram] in config.toml)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AnswerSettings:
    digit_grouping: str = "indian"  # indian (4,56,437) or western (456,437)
    context_expiry_s: int = 1800    # how long a chat's last seat/election is remembered
    max_citations: int = 3
    fuzzy_min_score: int = 84       # rapidfuzz score for a typo'd seat or party name
    unreviewed: bool = True         # answer from extracted rows still awaiting review (cited, ranked lowest)
    samples: list[str] = field(default_factory=list)  # sample questions for `python -m bot demo`


@dataclass(frozen=True)
class TelegramSettings:
    mode: str = "polling"           # polling or webhook
    webhook_url: str = ""           # public https URL Telegram posts to (webhook mode)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    health_port: int = 8080
    admin_ids: list[int] = field(default_factory=list)
    workers: int = 4                # threads answering questions off the event loop
    rate_limit: bool = True
    group_per_minute: int = 20
    chat_per_second: float = 1.0
    overall_per_second: int = 30
    duplicate_window_s: int = 60    # same question in a group within this many seconds
    duplicate_reply: str = "brief"  # brief, silent or full
    base_url: str = ""              # Bot API base URL (tests point it at a fake server)
    follow_check_s: int = 60        # how often followed seats are checked for changed results
    pictures: bool = True           # result cards and tallies as images (each chat: /pictures on|off)
    max_update_bytes: int = 1_000_000   # webhook: a larger request body is refused (413)
    shutdown_grace_s: float = 5.0   # on SIGTERM: seconds to finish replies under way (queued ones are dropped)

    def problem(self) -> str | None:
        """What is wrong with these values, as one line naming the setting, or None (the webhook URL
        and ports are checked by bot.startup.check_webhook_settings)."""
        if self.mode not in ("polling", "webhook"):
            return f"config [telegram] mode must be polling or webhook, got {self.mode!r}"
        if self.duplicate_reply not in ("brief", "silent", "full"):
            return f"config [telegram] duplicate_reply must be brief, silent or full, got {self.duplicate_reply!r}"
        return None
