#!/bin/bash
# Every public eval set on fresh homes, with the commands of ../shared/eval/dev2/README.md and
# benchmarks/sets/news/README.md; prints score.py's trust and accuracy lines per set.
#   bash benchmarks/run_sets.sh [OUT_DIR]      (default /tmp/chunav-sets; needs ../shared)
set -u
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1
P=${PYTHON:-.venv/bin/python}; S=../shared; O=${1:-/tmp/chunav-sets}; rm -rf "$O"; mkdir -p "$O"
EL=$S/data/electionlens
sc() { python3 $S/eval/score.py "$1" "$2" --corpus "$3" | tail -2 | tr '\n' ' '; echo; }
ask() { $P -m bot --home "$1" answer-batch --in "$2" --out "$3" >/dev/null 2>&1; }
ask $O/dev $S/eval/dev.jsonl $O/dev.jsonl; echo -n "dev: "; sc $S/eval/dev.jsonl $O/dev.jsonl $S/seeds
$P -m bot --home $O/d2 ingest $S/eval/dev2/articles.jsonl >/dev/null 2>&1
ask $O/d2 $S/eval/dev2/questions.jsonl $O/d2.jsonl
echo -n "dev2 articles alone: "; sc $S/eval/dev2/questions.jsonl $O/d2.jsonl $S/eval/dev2/articles.jsonl
cp -r $O/d2 $O/d2r
/usr/bin/time -f "import-results (both dev2 files): %e s" $P -m bot --home $O/d2r import-results \
  $EL/ac_maharashtra_2024_candidates_electionlens.csv $EL/ac_jharkhand_2024_candidates_electionlens.csv 2>&1 >/dev/null | tail -1
ask $O/d2r $S/eval/dev2/questions.jsonl $O/d2r.jsonl
echo -n "dev2 with results: "; sc $S/eval/dev2/questions.jsonl $O/d2r.jsonl $S/eval/dev2/articles.jsonl
ask $O/d2r $S/eval/dev2/questions_results.jsonl $O/d2rr.jsonl
echo -n "dev2 questions_results: "; sc $S/eval/dev2/questions_results.jsonl $O/d2rr.jsonl $S/eval/dev2/articles.jsonl
NEWS=$S/data/news_pages/news_passages.jsonl
$P -m bot --home $O/news ingest $NEWS >/dev/null 2>&1
ask $O/news benchmarks/sets/news/questions.jsonl $O/news.jsonl
echo -n "news proxy set: "; sc benchmarks/sets/news/questions.jsonl $O/news.jsonl $NEWS
cp -r $O/news $O/newsr; $P -m bot --home $O/newsr import-results $EL/ac_haryana_2024_candidates_electionlens.csv >/dev/null 2>&1
ask $O/newsr benchmarks/sets/news/questions_results.jsonl $O/newsr.jsonl
echo -n "news proxy set with Haryana 2024 results: "; sc benchmarks/sets/news/questions_results.jsonl $O/newsr.jsonl $NEWS
