-- 002: save-and-resume codes, help requests kept apart from answers, and the
-- date a round closed (for retention).

-- Drafts, rebuilt so that a draft saved with a resume code can outlive its
-- session: session_hash becomes nullable. resume_hash is the SHA-256 of the
-- normalised code (the code itself is never stored here). A draft belongs to a
-- session, or has a code, or both.
CREATE TABLE drafts_new (
  id           INTEGER PRIMARY KEY,
  session_hash TEXT    REFERENCES sessions (id_hash) ON DELETE CASCADE,
  round_id     INTEGER NOT NULL REFERENCES rounds (id),
  mode         TEXT    NOT NULL DEFAULT 'self' CHECK (mode IN ('self', 'assisted', 'phone', 'paper')),
  answers      TEXT    NOT NULL DEFAULT '{}',
  updated_date TEXT    NOT NULL,
  resume_hash  TEXT    UNIQUE,
  CHECK (session_hash IS NOT NULL OR resume_hash IS NOT NULL),
  UNIQUE (session_hash, round_id)
);
INSERT INTO drafts_new (id, session_hash, round_id, mode, answers, updated_date)
  SELECT id, session_hash, round_id, mode, answers, updated_date FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
CREATE INDEX drafts_by_date ON drafts (updated_date);

-- When a session goes (idle expiry, cleanup), a draft saved with a code stays,
-- detached; every other draft of the session goes with it (the cascade above).
-- A trigger, so that no code path that deletes sessions can forget it.
CREATE TRIGGER sessions_keep_saved_drafts BEFORE DELETE ON sessions
BEGIN
  UPDATE drafts SET session_hash = NULL WHERE session_hash = OLD.id_hash AND resume_hash IS NOT NULL;
END;

-- A session that ended (idle expiry, submitted, finished by the citizen) leaves
-- a short-lived note in its row instead of vanishing, so a request still
-- carrying its cookie (a double click, the page left open) gets an honest
-- answer: "your answers were sent", "deleted" or "kept with your code". The
-- note holds no answers and opens nothing. kept: a draft saved with a code
-- outlived the session.
ALTER TABLE sessions ADD COLUMN ended TEXT CHECK (ended IN ('expired', 'submitted', 'deleted', 'saved'));
ALTER TABLE sessions ADD COLUMN kept INTEGER CHECK (kept IN (0, 1));

-- Set when a round is closed; responses of closed rounds may have a retention.
ALTER TABLE rounds ADD COLUMN closed_date TEXT;

-- "Yes, I want help with digital services", asked after the receipt. Nothing
-- here can be joined to a response: no response, round or session id, a date
-- but no time, a random id (a sequence would mirror the order of responses),
-- and it is written in its own transaction, after the response.
CREATE TABLE help_requests (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone         TEXT    CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 40),
  email         TEXT    CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  received_date TEXT    NOT NULL,
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX help_requests_by_date ON help_requests (received_date);
