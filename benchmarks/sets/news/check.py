"""Check the gold of questions.jsonl against the passages it cites.

Every `numbers` entry (or one value of a list entry) must occur in at least one cited passage, and every
`all_of` group must have one alternative in a cited passage (case-insensitive). Passages are read from
../shared (not copied into the repository):

    python3 benchmarks/sets/news/check.py ../shared/data/news_pages/news_passages.jsonl

Prints one line per problem and a summary; exit status 1 if any gold figure is not found.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
DIGITS = {ord(d): str(i) for i, d in enumerate("०१२३४५६७८९")}


def numbers_in(text: str) -> set[int]:
    text = text.translate(DIGITS)
    found = set()
    for match in re.finditer(r"\d[\d,]*", text):
        raw = match.group().rstrip(",")
        found.add(int(raw.replace(",", "")))
        for part in raw.split(","):
            if part:
                found.add(int(part))
    # "8 हजार 211", "30 हजार 108"
    for a, b in re.findall(r"(\d+)\s*हजार\s*(\d{1,3})\b", text):
        found.add(int(a) * 1000 + int(b))
    return found


def main(passages_path: str) -> int:
    passages = {}
    for line in open(passages_path, encoding="utf-8"):
        record = json.loads(line)
        passages[record["id"]] = record["text"]
    problems = 0
    questions = [json.loads(line) for line in open(HERE / "questions.jsonl", encoding="utf-8")]
    for q in questions:
        cited = [passages[c] for c in q.get("cite", []) if c in passages]
        missing = [c for c in q.get("cite", []) if c not in passages]
        if missing:
            print(f"{q['id']}: cited ids not in the passages: {missing}")
            problems += 1
        if not cited:
            continue
        have = set().union(*(numbers_in(t) for t in cited))
        for number in q.get("numbers", []):
            options = number if isinstance(number, list) else [number]
            if not have.intersection(options):
                print(f"{q['id']}: number {options} not in any cited passage")
                problems += 1
        low = " ".join(cited).lower()
        for group in q.get("all_of", []):
            if not any(alt.lower() in low for alt in group):
                print(f"{q['id']}: none of {group} in the cited passages")
                problems += 1
    print(f"{len(questions)} questions, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news_pages/news_passages.jsonl"))
