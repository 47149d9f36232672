"""A place that opens a report as its dateline ("Chhindwara: Congress' Dhiren Shah Inwati has
established a lead ... in Amarwara", "Purnea (Bihar), Jul 13 (PTI) ...") says where the report was
filed: it is not another seat the sentence reports on."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def is_dateline(unit: Any, span: tuple[int, int], after: Sequence[re.Pattern[str]]) -> bool:
    """Whether the name at `span` of `unit` opens its passage and is followed by a dateline cue."""
    if span[0] > 1 or not any(p.search(unit.low[span[1]:span[1] + 24]) for p in after):
        return False
    passage = (getattr(unit.hit, "text", "") or "").lstrip()
    return passage.startswith(unit.text.lstrip()[: max(span[1], 1)])
