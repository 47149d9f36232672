"""Named thresholds and confidence steps of extraction (why each value: beside it)."""
from __future__ import annotations

ACCEPT_AT = 0.8            # confidence from which an extracted row is accepted without review
REUSE_DAYS = 45            # a bye election this many days before the article still matches it
CARRY_SENTENCES = 3        # sentences after one naming an earlier election that may go on about it

# A claim's confidence by how its seat was found: in the pattern's own match, in its clause,
# somewhere in the sentence; anything weaker (an anaphora: "the party").
CONF_MATCH = 0.9
CONF_CLAUSE = 0.9
CONF_SENTENCE = 0.85
CONF_WEAK = 0.75
CONF_CAP = 0.99            # nothing read from prose is certain
STEP_SOFT = 0.05           # a softer reading: a place or a loss read without a verb of winning, one seat
                           # named elsewhere in the sentence, a party the parties table lacks
STEP_PREVIOUS = 0.25       # the seat comes from the sentence before
STEP_NEW_SEAT = 0.1        # a seat the gazetteer lacks, added for review
STEP_YEAR_ONLY = 0.2       # an undated article's bypoll filed under "YYYY-bypolls"
TWO_WINNERS_CAP = 0.5      # one article naming two winners of one contest: both wait for review
MIN_SOUND_KEY = 5          # a Hindi word meets an English-only seat name by sound only from this many letters
SAME_PERSON_RATIO = 85      # two spellings of a name this alike (token-sorted) name one person
