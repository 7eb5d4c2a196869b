-- 001: rounds, users, server-side sessions, drafts, and submitted responses with
-- their answers and classification.
-- Privacy by design: no table holds an IP address, a user agent or a time of day
-- next to answers. Responses and drafts carry dates only.

CREATE TABLE rounds (
  id            INTEGER PRIMARY KEY,
  slug          TEXT    NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) BETWEEN 1 AND 64),
  title         TEXT    NOT NULL,
  organisation  TEXT    NOT NULL,
  main_language TEXT    NOT NULL DEFAULT 'nb' CHECK (main_language IN ('nb', 'nn', 'en')),
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_date  TEXT    NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'staff')),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_date  TEXT    NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- database does not hand out live sessions. expires_at (epoch ms) is the idle limit.
CREATE TABLE sessions (
  id_hash    TEXT    PRIMARY KEY,
  data       TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- A citizen's unfinished answers, saved at every page. Deleted with its session.
CREATE TABLE drafts (
  id           INTEGER PRIMARY KEY,
  session_hash TEXT    NOT NULL REFERENCES sessions (id_hash) ON DELETE CASCADE,
  round_id     INTEGER NOT NULL REFERENCES rounds (id),
  mode         TEXT    NOT NULL DEFAULT 'self' CHECK (mode IN ('self', 'assisted', 'phone', 'paper')),
  answers      TEXT    NOT NULL DEFAULT '{}',
  updated_date TEXT    NOT NULL,
  UNIQUE (session_hash, round_id)
);

-- AUTOINCREMENT: a response id is never reused, even after deletions, so ids in
-- exports handed to analysts stay unique for good.
CREATE TABLE responses (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id           INTEGER NOT NULL REFERENCES rounds (id),
  language           TEXT    NOT NULL CHECK (language IN ('nb', 'nn', 'en')),
  mode               TEXT    NOT NULL DEFAULT 'self' CHECK (mode IN ('self', 'assisted', 'phone', 'paper')),
  shared_device      INTEGER NOT NULL DEFAULT 0 CHECK (shared_device IN (0, 1)),
  submitted_date     TEXT    NOT NULL,
  instrument_version TEXT    NOT NULL,
  staff_user_id      INTEGER REFERENCES users (id)
);
CREATE INDEX responses_by_round ON responses (round_id, id);

-- One row per answered single-choice question, one per ticked multi-select option.
-- A question without rows was not shown (routing) or left blank on paper.
CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question_id TEXT    NOT NULL,
  code        INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id, code)
) WITHOUT ROWID;

-- One row per response and rule version: reclassifying under a new rule adds rows
-- and never touches the raw answers.
CREATE TABLE classifications (
  response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  rule_version TEXT    NOT NULL,
  segment      TEXT    NOT NULL CHECK (segment IN ('utsatt', 'ovrige', 'ukjent')),
  reasons      TEXT    NOT NULL,
  svart_sarbar INTEGER NOT NULL CHECK (svart_sarbar IN (0, 1)),
  PRIMARY KEY (response_id, rule_version)
) WITHOUT ROWID;
