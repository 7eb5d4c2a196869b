-- 003: the audit log of staff and admin accounts (issue 5, point 5): sign-ins,
-- failed sign-ins and changes to users. Never citizens: no response, answer or
-- session is named here. A failed sign-in for a username nobody has is logged
-- without the name typed (people type passwords into the username field).
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  -- UTC, to the second: when an account was used matters for security.
  at      TEXT    NOT NULL,
  event   TEXT    NOT NULL CHECK (event IN ('login', 'login_failed', 'logout', 'user_added', 'password_changed', 'user_disabled', 'user_enabled')),
  -- The account it is about; NULL for a failed sign-in with an unknown username.
  user_id INTEGER REFERENCES users (id),
  -- Where it came from: the web sign-in, or the command line on the server.
  via     TEXT    NOT NULL CHECK (via IN ('web', 'cli'))
);
CREATE INDEX audit_log_by_time ON audit_log (at);
