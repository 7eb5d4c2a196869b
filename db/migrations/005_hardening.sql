-- 005: hardening (issue 12). Sessions that end leave a note without a time of
-- day; users get a session generation; drafts remember their language; staff-made
-- responses leave the audit log's sequence; a server secret for CSRF tokens.

-- What became of an ended session, for a browser that comes back with its
-- cookie (a double click on «Send inn», a page left open past the idle limit).
-- Small and dated, never timed: a note made by a submission must not say when
-- it was made (issue 12, point 5). Keyed by the token's hash, so rows sort by a
-- random value, not by the order they were made in. Kept through the day after.
CREATE TABLE session_notes (
  id_hash    TEXT    PRIMARY KEY,
  ended      TEXT    NOT NULL CHECK (ended IN ('expired', 'submitted', 'deleted', 'saved')),
  -- A draft saved with a resume code outlived the session.
  kept       INTEGER NOT NULL CHECK (kept IN (0, 1)),
  lang       TEXT,
  kiosk      INTEGER NOT NULL DEFAULT 0 CHECK (kiosk IN (0, 1)),
  extra_time INTEGER NOT NULL DEFAULT 0 CHECK (extra_time IN (0, 1)),
  -- The round a submitted session sent its answers to (for the receipt).
  round      TEXT,
  ended_date TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_notes_by_date ON session_notes (ended_date);

-- Notes of sessions that ended before this version become dated notes; their
-- rows, which held the time they were made, go.
INSERT INTO session_notes (id_hash, ended, kept, lang, kiosk, extra_time, round, ended_date)
  SELECT id_hash, ended, coalesce(kept, 0), json_extract(data, '$.lang'),
         coalesce(json_extract(data, '$.kiosk'), 0), coalesce(json_extract(data, '$.extraTime'), 0),
         json_extract(data, '$.submitted'), date(expires_at / 1000, 'unixepoch')
    FROM sessions WHERE ended IS NOT NULL;
DELETE FROM sessions WHERE ended IS NOT NULL;
ALTER TABLE sessions DROP COLUMN ended;
ALTER TABLE sessions DROP COLUMN kept;

-- The language a draft is being answered in, so answers resumed with a code on
-- another browser come back in it (issue 12, point 7). No CHECK: the languages
-- offered live in the code (server/survey/languages), and an unknown one reads as none.
ALTER TABLE drafts ADD COLUMN language TEXT;

-- Raised by every password, role or status change: a signed-in session holds the
-- generation it signed in with and ends when it no longer matches (point 2).
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;

-- Staff-made responses, counted per day, staff member, round and mode. They used
-- to be audit log rows, whose rising ids put each between timed sign-ins and so
-- bracketed its time of day (point 5). A count per day says who did how much,
-- and when to the day, and nothing finer.
CREATE TABLE staff_response_days (
  day       TEXT    NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users (id),
  round_id  INTEGER NOT NULL REFERENCES rounds (id),
  mode      TEXT    NOT NULL CHECK (mode IN ('assisted', 'phone', 'paper')),
  responses INTEGER NOT NULL CHECK (responses > 0),
  PRIMARY KEY (day, user_id, round_id, mode)
) WITHOUT ROWID;
INSERT INTO staff_response_days (day, user_id, round_id, mode, responses)
  SELECT at, user_id, round_id, mode, count(*) FROM audit_log
   WHERE event = 'response_created' GROUP BY at, user_id, round_id, mode;

-- The audit log keeps account events only, and gains role changes. Rebuilt for
-- the CHECK, keeping ids and the AUTOINCREMENT mark (as in 004).
CREATE TABLE audit_log_new (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT    NOT NULL,
  event   TEXT    NOT NULL CHECK (event IN ('login', 'login_failed', 'logout', 'user_added', 'password_changed',
                                            'user_disabled', 'user_enabled', 'role_changed')),
  user_id INTEGER REFERENCES users (id),
  via     TEXT    NOT NULL CHECK (via IN ('web', 'cli', 'start'))
);
INSERT INTO audit_log_new (id, at, event, user_id, via)
  SELECT id, at, event, user_id, via FROM audit_log WHERE event <> 'response_created';
DELETE FROM sqlite_sequence WHERE name = 'audit_log_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_new', seq FROM sqlite_sequence WHERE name = 'audit_log';
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_time ON audit_log (at);

-- The key that signs CSRF tokens (an HMAC of the session cookie's token), so a
-- form can be shown before any session row exists (point 3). Made here, once.
CREATE TABLE app_secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL CHECK (length(value) >= 32)
) WITHOUT ROWID;
INSERT INTO app_secrets (name, value) VALUES ('csrf', randomblob(32));
