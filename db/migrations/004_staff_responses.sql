-- 004: responses made by staff (issue 5, points 2, 4 and 5).

-- The number a staff member writes on a paper form before keying it in, so one
-- form is never keyed twice into the same round. Only paper responses have one.
ALTER TABLE responses ADD COLUMN paper_form_number TEXT
  CHECK (paper_form_number IS NULL OR (mode = 'paper' AND length(paper_form_number) BETWEEN 1 AND 20));
CREATE UNIQUE INDEX responses_paper_form ON responses (round_id, paper_form_number) WHERE paper_form_number IS NOT NULL;

-- The audit log also records every response a staff member made: who, how, in
-- which round and on what day. For those, `at` is a date (YYYY-MM-DD, Norwegian
-- time) and never a time of day, like the response itself, and no response id or
-- answer is named. `via` gains 'start': the first admin, made when the app starts.
-- SQLite cannot change a CHECK constraint in place, hence the rebuild; ids are
-- kept, and AUTOINCREMENT goes on from the highest ever used, deleted ones included.
CREATE TABLE audit_log_new (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT    NOT NULL,
  event    TEXT    NOT NULL CHECK (event IN ('login', 'login_failed', 'logout', 'user_added', 'password_changed',
                                             'user_disabled', 'user_enabled', 'response_created')),
  user_id  INTEGER REFERENCES users (id),
  via      TEXT    NOT NULL CHECK (via IN ('web', 'cli', 'start')),
  round_id INTEGER REFERENCES rounds (id),
  mode     TEXT    CHECK (mode IN ('assisted', 'phone', 'paper')),
  CHECK ((event = 'response_created') = (round_id IS NOT NULL AND mode IS NOT NULL AND length(at) = 10))
);
INSERT INTO audit_log_new (id, at, event, user_id, via) SELECT id, at, event, user_id, via FROM audit_log;
DELETE FROM sqlite_sequence WHERE name = 'audit_log_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_new', seq FROM sqlite_sequence WHERE name = 'audit_log';
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_time ON audit_log (at);
