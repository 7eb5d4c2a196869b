-- 006: the admin side (issue 13). Rounds get their days, languages and contact
-- details; API tokens for analysts' tools; the audit log names who acted and on
-- what; downloads of data are counted per day.

-- First and last day citizens can answer, Norwegian calendar days, both
-- inclusive (shared/contract.md). NULL: from the start / until closed.
ALTER TABLE rounds ADD COLUMN opens_date TEXT CHECK (opens_date IS NULL OR opens_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
ALTER TABLE rounds ADD COLUMN closes_date TEXT CHECK (closes_date IS NULL OR closes_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
-- The languages citizens may choose, comma-separated; NULL offers every one the
-- questionnaire has. No CHECK: the list of languages lives in the code.
ALTER TABLE rounds ADD COLUMN languages TEXT;
-- Shown on the round's start and privacy pages instead of the settings.
ALTER TABLE rounds ADD COLUMN contact_email TEXT CHECK (contact_email IS NULL OR length(contact_email) BETWEEN 3 AND 254);
ALTER TABLE rounds ADD COLUMN data_controller TEXT CHECK (data_controller IS NULL OR length(data_controller) BETWEEN 1 AND 200);

-- Rounds are never deleted, so a slug once used is never handed out again:
-- a poster still on a wall must not lead to another survey.
CREATE TRIGGER rounds_never_deleted BEFORE DELETE ON rounds
BEGIN
  SELECT RAISE(ABORT, 'rounds are never deleted');
END;
CREATE TRIGGER rounds_slug_fixed BEFORE UPDATE OF slug ON rounds WHEN NEW.slug <> OLD.slug
BEGIN
  SELECT RAISE(ABORT, 'a round keeps its slug');
END;

-- Tokens for tools that fetch exports without a browser (shared/contract.md).
-- Only the SHA-256 of the token is kept: it is 256 random bits, so a fast hash
-- is enough, and a copy of the database does not hand out access.
CREATE TABLE api_tokens (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  token_hash     TEXT    NOT NULL UNIQUE,
  created_date   TEXT    NOT NULL,
  -- The admin who made it; NULL when made with `npm run token`.
  created_by     INTEGER REFERENCES users (id),
  revoked_date   TEXT,
  last_used_date TEXT
);
-- A name names one live token; a revoked token's name may be used again.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_date IS NULL;

-- The audit log names the acting admin (actor_id) as well as the account it is
-- about (user_id), and the round or token an entry concerns. Rebuilt for the
-- CHECK, keeping ids and the AUTOINCREMENT mark (as in 004 and 005). Sign-ins
-- and sign-outs were the account's own doing.
CREATE TABLE audit_log_new (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT    NOT NULL,
  event    TEXT    NOT NULL CHECK (event IN ('login', 'login_failed', 'logout', 'user_added', 'password_changed',
                                             'user_disabled', 'user_enabled', 'role_changed',
                                             'round_created', 'round_changed', 'round_opened', 'round_closed',
                                             'token_created', 'token_revoked', 'reclassified')),
  user_id  INTEGER REFERENCES users (id),
  actor_id INTEGER REFERENCES users (id),
  round_id INTEGER REFERENCES rounds (id),
  token_id INTEGER REFERENCES api_tokens (id),
  -- A few words on what changed: the fields of a round, the rule version.
  detail   TEXT,
  via      TEXT    NOT NULL CHECK (via IN ('web', 'cli', 'start'))
);
INSERT INTO audit_log_new (id, at, event, user_id, actor_id, via)
  SELECT id, at, event, user_id, CASE WHEN event IN ('login', 'logout') THEN user_id END, via FROM audit_log;
DELETE FROM sqlite_sequence WHERE name = 'audit_log_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_new', seq FROM sqlite_sequence WHERE name = 'audit_log';
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_time ON audit_log (at);

-- Downloads of a round's data, counted per day, account or token, round and
-- file. Counted like staff-made responses (005): a timed row per download
-- would sit between timed sign-ins and, beside an analyst's copy, bound when
-- the last response in it came in.
CREATE TABLE data_access_days (
  day      TEXT    NOT NULL,
  user_id  INTEGER REFERENCES users (id),
  token_id INTEGER REFERENCES api_tokens (id),
  round_id INTEGER NOT NULL REFERENCES rounds (id),
  what     TEXT    NOT NULL,
  times    INTEGER NOT NULL CHECK (times > 0),
  CHECK ((user_id IS NULL) <> (token_id IS NULL))
);
CREATE UNIQUE INDEX data_access_days_key ON data_access_days (day, ifnull(user_id, 0), ifnull(token_id, 0), round_id, what);
