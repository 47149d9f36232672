"""The store's tables, its schema version and the migrations between versions.

Every table is created here and nowhere else. A new version appends a migration to
MIGRATIONS; `open_store` applies the missing ones in one transaction each.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

# Each entry upgrades the schema by one version; never edit an entry that has shipped.
MIGRATIONS: list[str] = [
    # version 1
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

    -- One row per article. `source` is the citable name: the file name for a file holding
    -- one article, the article's own id for a JSON Lines / CSV row (else "file:line").
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL UNIQUE,
        path TEXT,                 -- the file it was read from
        line INTEGER,              -- the line (JSON Lines) or row (CSV) in that file
        external_id TEXT,
        title TEXT,
        publisher TEXT,
        url TEXT,
        published TEXT,            -- YYYY-MM-DD where known
        language TEXT,             -- langdetect code: en, hi, mr...
        devanagari_share REAL,
        text TEXT NOT NULL,        -- cleaned text; passages and quotes are substrings of it
        content_hash TEXT NOT NULL,
        ingested_at TEXT
    );

    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        text TEXT NOT NULL,        -- == articles.text[start:end]
        language TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (article_id, ord)
    );
    CREATE INDEX passages_article ON passages(article_id);

    CREATE TABLE states (
        id INTEGER PRIMARY KEY,
        name_en TEXT NOT NULL UNIQUE,
        name_hi TEXT,
        aliases TEXT NOT NULL DEFAULT '[]'   -- JSON list
    );

    CREATE TABLE constituencies (
        id INTEGER PRIMARY KEY,
        name_en TEXT NOT NULL,
        name_hi TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',  -- JSON list of spellings people type
        state TEXT,                          -- states.name_en
        house TEXT NOT NULL CHECK (house IN ('assembly', 'lok_sabha')),
        reserved TEXT,                       -- GEN, SC, ST or NULL when unknown
        origin TEXT NOT NULL DEFAULT 'gazetteer',  -- gazetteer, import, extracted
        needs_review INTEGER NOT NULL DEFAULT 0,
        UNIQUE (name_en, state, house)
    );

    CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        abbr TEXT NOT NULL UNIQUE,
        name_en TEXT NOT NULL,
        name_hi TEXT,
        abbr_hi TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        alliance TEXT                        -- e.g. NDA, INDIA (as of the data's elections)
    );

    -- An election event: a general election to a house, or a round of bye-elections held
    -- on one date (which may span houses and states).
    CREATE TABLE elections (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,            -- e.g. 2018-05-bypolls, ls-2019, up-2017
        name_en TEXT NOT NULL,
        name_hi TEXT,
        date TEXT,                           -- polling or counting date, YYYY-MM-DD or YYYY-MM
        year INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('general', 'bye')),
        house TEXT CHECK (house IN ('assembly', 'lok_sabha', 'mixed')),
        state TEXT                           -- NULL for national / multi-state rounds
    );

    -- One seat in one election.
    CREATE TABLE contests (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id),
        reason TEXT,                         -- why a bypoll was held: death, resignation...
        reason_detail TEXT,                  -- e.g. "death of BJP MLA Lokendra Singh"
        UNIQUE (election_id, constituency_id)
    );

    -- One candidate's result in one contest, as one source reports it at one time.
    -- Several rows may describe the same candidate (interim and final, two sources):
    -- answering prefers final over interim, later over earlier, curated over extracted.
    CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        candidate TEXT NOT NULL,
        candidate_hi TEXT,
        party_id INTEGER REFERENCES parties(id),
        party_raw TEXT,                      -- the party as the source wrote it
        votes INTEGER,
        votes_qualifier TEXT NOT NULL DEFAULT '',   -- '', over, around, more_than
        position INTEGER,
        status TEXT NOT NULL CHECK (status IN ('won', 'lost', 'leading', 'trailing')),
        margin INTEGER,
        margin_qualifier TEXT NOT NULL DEFAULT '',
        rounds_counted INTEGER,
        as_of TEXT,                          -- date of the report (YYYY-MM-DD)
        origin TEXT NOT NULL DEFAULT 'curated' CHECK (origin IN ('curated', 'imported', 'extracted')),
        confidence REAL NOT NULL DEFAULT 1.0,
        method TEXT,                         -- e.g. curated, tcpd-import, pattern:defeated
        review TEXT NOT NULL DEFAULT 'accepted' CHECK (review IN ('accepted', 'pending', 'rejected')),
        import_file TEXT                     -- the results file a row was imported from
    );
    CREATE INDEX results_contest ON results(contest_id);

    -- Seat counts reported for a party or group in an election ("BJP 240", "Opposition 11 of 14").
    CREATE TABLE tallies (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
        party TEXT NOT NULL,                 -- a party abbr, an alliance (NDA, INDIA) or a group (Opposition)
        seats INTEGER NOT NULL,
        seats_of INTEGER,                    -- out of how many, where stated
        seats_qualifier TEXT NOT NULL DEFAULT '',
        as_of TEXT,
        origin TEXT NOT NULL DEFAULT 'curated'
    );

    -- What supports a row: a passage and the exact sentence in its article, or a file.
    CREATE TABLE provenance (
        id INTEGER PRIMARY KEY,
        row_table TEXT NOT NULL,             -- results, contests, tallies
        row_id INTEGER NOT NULL,
        field TEXT,                          -- which part of the row the quote states, if one
        article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
        passage_id INTEGER REFERENCES passages(id) ON DELETE SET NULL,
        source TEXT NOT NULL,                -- article source name, or results file name
        quote TEXT                           -- exact substring of articles.text
    );
    CREATE INDEX provenance_row ON provenance(row_table, row_id);
    CREATE INDEX provenance_article ON provenance(article_id);
    """,
    # version 2: the index's result sentences, and the Telegram adapter's per-chat state
    """
    -- Each structured result rendered as a short sentence per language, for the indexes.
    CREATE TABLE result_sentences (
        id INTEGER PRIMARY KEY,
        result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (result_id, lang)
    );

    CREATE TABLE chat_prefs (
        chat_id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL DEFAULT 'auto',   -- en, hi or auto
        updated_at TEXT
    );

    -- A chat following a seat: the message to edit on the next change, and what it last showed.
    CREATE TABLE follows (
        chat_id INTEGER NOT NULL,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
        message_id INTEGER,
        fingerprint TEXT,
        lang TEXT NOT NULL DEFAULT 'en',     -- language of the card sent (en or hi)
        created_at TEXT,
        PRIMARY KEY (chat_id, constituency_id)
    );
    """,
    # version 3: the reason for a bypoll in Hindi, beside the English reason_detail that English
    # templates read (a Hindi article's wording must not land in an English answer)
    """
    ALTER TABLE contests ADD COLUMN reason_detail_hi TEXT;
    """,
    # version 4: a chat's choice of pictures (result cards, tallies): on, off, or auto (the deployment's)
    """
    ALTER TABLE chat_prefs ADD COLUMN pictures TEXT NOT NULL DEFAULT 'auto';
    """,
    # version 5: an article's identity is its path relative to the folder it was ingested from (plus
    # its content), not its bare file name: a second folder reusing names adds articles. `source`
    # stays the citable name (the folder is added where two articles share a name). Rows from
    # before have key NULL and are matched by source until ingested again.
    """
    ALTER TABLE articles ADD COLUMN key TEXT;
    CREATE INDEX articles_key ON articles(key);
    """,
    # version 6: the row of a results file (or page) a provenance row points at, so an answer from
    # an imported row cites "file, row N"; results found by their file for re-imports
    """
    ALTER TABLE provenance ADD COLUMN line INTEGER;
    CREATE INDEX results_import_file ON results(import_file);
    -- what whole-table questions need from a results file: women winners, deposits lost, NOTA
    -- (kept apart from the candidates, for vote shares)
    ALTER TABLE results ADD COLUMN sex TEXT;               -- F, M or NULL when the file does not say
    ALTER TABLE results ADD COLUMN deposit_lost INTEGER;   -- 1, 0 or NULL when the file does not say
    ALTER TABLE contests ADD COLUMN nota_votes INTEGER;
    """,
    # version 7: counting day live (store/live.py): a result's total rounds beside rounds_counted
    # ("round 12 of 20"), and whether a tally counts seats won or seats where the party leads
    """
    ALTER TABLE results ADD COLUMN rounds_total INTEGER;
    -- seats won, or seats a party leads in while counting goes on ("had won 20 while leading in 14");
    -- readers of tallies must read it
    ALTER TABLE tallies ADD COLUMN status TEXT NOT NULL DEFAULT 'won' CHECK (status IN ('won', 'leading'));
    """,
    # version 8: the national gazetteer's seat number, district and parent Lok Sabha seat
    """
    ALTER TABLE constituencies ADD COLUMN number INTEGER;
    ALTER TABLE constituencies ADD COLUMN district TEXT;
    ALTER TABLE constituencies ADD COLUMN pc TEXT;       -- an assembly seat's Lok Sabha seat (name_en)
    -- gazetteer: parties.csv (kept by hand); registered: parties_registered.csv (every other party
    -- the results files name, generated)
    ALTER TABLE parties ADD COLUMN origin TEXT NOT NULL DEFAULT 'gazetteer';
    """,
    # version 9: one seat name over several delimitations (1967, 1977, 2008 redrew the seats): a
    # contest's delimitation as its results file gives it (TCPD DelimID), and the seat's number
    # and reservation in that election, so a seat's history never joins two seats that only
    # share a name (store/delimitation.py)
    """
    ALTER TABLE contests ADD COLUMN delimitation TEXT;
    ALTER TABLE contests ADD COLUMN seat_number INTEGER;
    ALTER TABLE contests ADD COLUMN reserved TEXT;
    """,
    # version 10: what answering reads at start from a national store (~160,000 results): the
    # candidates' names in order (the name index and its fingerprint), the parties the results
    # name, the seats that have results; without these each is a scan of every result
    """
    CREATE INDEX results_candidate ON results(candidate, candidate_hi, review);
    CREATE INDEX results_party ON results(party_id);
    CREATE INDEX results_contest_review ON results(contest_id, review);
    """,
    # version 11: which seats each passage names, in any script (store/passage_seats.py), so that the
    # reports of a seat are a lookup, not whatever a reader's cache holds; and the names each seat
    # was compared with every passage by (a seat added or renamed is compared again). Filled by the
    # next open of the home (store/home.py).
    """
    CREATE TABLE passage_seats (
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
        PRIMARY KEY (constituency_id, passage_id)
    ) WITHOUT ROWID;
    CREATE INDEX passage_seats_passage ON passage_seats(passage_id);
    CREATE TABLE passage_seat_names (
        constituency_id INTEGER PRIMARY KEY REFERENCES constituencies(id) ON DELETE CASCADE,
        names_key TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this file has and the store lacks; return the new version."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"store {db.conn} has schema version {current}, newer than this code's "
            f"{SCHEMA_VERSION}: upgrade the bot or use another --home"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        # executescript commits first; wrap the migration and the version bump together.
        db.conn.executescript(
            "BEGIN;\n" + MIGRATIONS[version - 1] + f"\nPRAGMA user_version = {version};\nCOMMIT;"
        )
    return SCHEMA_VERSION


def open_store(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the SQLite store at `path`, foreign keys on, schema current."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db
