"""Reading results out of an ingested article (English and Hindi) into the store.

Modules, in reading order: lexicon (word lists from data/patterns/), numbers, sentences, names (the
store's parties, seats, states), tagging, claims (patterns), tallies, timeframes, resolve (seats,
elections), article (the loop over sentences), write; thresholds names every confidence number.

`extract_article(db, article_id, patterns=..., lexicon=...)` (the configured data/patterns folder, or
its loaded Lexicon) runs inside the ingestion transaction: it removes what an
earlier run extracted from the article, then reads each sentence and files the results it
states clearly, each with the exact sentence as provenance.

How a sentence is read: numbers, party names, states, seats and person names are found and
replaced by tokens (⟨M0⟩, ⟨P1⟩, ⟨T2⟩, ⟨S3⟩, ⟨N4⟩), then patterns over that template find who
won, lost, leads or trails (words come from data/patterns/lexicon.toml). Precision before
recall: a sentence that names two seats without saying which result is whose, or that dates its
result to an earlier election it does not name, gives nothing.

Decisions (documented here because answering relies on them):
- results.origin='extracted'; review='accepted' when confidence >= ACCEPT_AT (thresholds.py), else 'pending'.
  Extracted rows never touch curated or imported rows; they sit beside them.
- Elections: an article reports a bypoll when its sentences name a bypoll of its own time (not
  one of another year, one to come, or one told of in the past perfect) more often than its
  general election; else a general election: one per (house, state for an assembly, year), the one
  imported results or earlier articles created whatever its key, else a new one keyed as the
  importer keys it (`maharashtra-2024`, `ls-2024`) with the article's year. A bypoll word on the
  day the seat's whole state is counted joins that general election. A sentence with an
  earlier-election cue ("five months ago") or naming the other house's election files nothing.
- Bypolls: a bypoll result goes to `YYYY-MM-bypolls` from the counting date (the article
  date, moved back to the weekday the text names: "on Thursday"). A bye election already in the
  store with a contest for the same seat and a date up to 45 days before the article is reused.
  An undated article uses the one bye election in the store holding that seat (in the year the
  text names, if it names one); failing that, with a year stated in the text ("the 2018
  bypolls"), `YYYY-bypolls` at a confidence lowered by STEP_YEAR_ONLY (pending); with no year, nothing is filed.
  A sentence naming an earlier election ("in 2017 Assembly elections") is filed under that
  general election: `ls-YYYY` or `<state-slug>-YYYY`.
- A seat missing from the gazetteer is added (origin='extracted', needs_review=1) only when
  the text marks it as a seat ("X seat", "X constituency", "X bypoll", "X विधानसभा सीट").
- Tallies ("won 73 of 80 seats", "won 20 seats while leading in another 14", "को 132 सीटें मिली")
  are never seat results: they are tally rows (tallies.status won/leading, as_of the article's
  date) of the article's general election in its one state (tallies.py).
- One article giving one final result (or one tally) two different figures states neither.
- Vote counts ("X polled 4,56,437 votes", "the winner polled ...", "को 79 हजार वोट मिले") never file a
  row: they name and number the one row another claim of the article filed ("the SP won by 21,961"
  + "SP candidate X got ..." -> X won by 21,961). "N more votes than" is not read as votes.
- Finishing places ("came third", "Despite coming second in 2014, the SP", "तीसरे स्थान पर रहे") file a
  lost row with its position; a bare year dates only the place and only to an election (year, house)
  the article names somewhere ("the 2014 Lok Sabha elections"). Sentences right after one naming an
  earlier election that go on in the past perfect or name only that year stay with that election.
- A Hindi reason detail goes to contests.reason_detail_hi and is never written to reason_detail
  (English templates read it); the reason code is set either way.
"""
from __future__ import annotations

from .article import clear_article, extract_article
from .lexicon import Lexicon, bundled_patterns, load_lexicon
from .names import Names, load_names, norm_name, resolve_party
from .numbers import parse_number
from .sentences import split_sentences
from .thresholds import ACCEPT_AT
from .write import REASON_FIELD

__all__ = ["ACCEPT_AT", "REASON_FIELD", "Lexicon", "Names", "bundled_patterns", "clear_article", "extract_article",
           "load_lexicon", "load_names", "norm_name", "parse_number", "resolve_party", "split_sentences"]
