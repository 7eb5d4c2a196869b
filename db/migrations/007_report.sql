-- 007: the analysis report (issue 14). Its tables are counts; counting a
-- million responses' answers at each view takes SQLite minutes, so the counts
-- are kept up to date as responses are stored, by triggers, whoever writes
-- them (the web app, `npm run seed`, `npm run reclassify`).
--
-- A tally row counts the responses of one round under one rule version that
-- share every column of its key. The key holds what the report splits or
-- filters by (language, mode, shared device, segment) and the two questions
-- the weights are made from (age_group and gender: the margins of
-- server/analysis/weights.ts, named here once more because SQL cannot import
-- them; a test checks they agree). No day: a date filter counts from the
-- responses themselves (db/report.ts). 0 stands for "not answered" in
-- age_group and gender, since a key cannot hold NULL; 0 is no answer code.

-- Respondents: one row per combination, with the classification's details.
CREATE TABLE respondent_tallies (
  round_id      INTEGER NOT NULL,
  rule_version  TEXT    NOT NULL,
  language      TEXT    NOT NULL,
  mode          TEXT    NOT NULL,
  shared_device INTEGER NOT NULL,
  segment       TEXT    NOT NULL,
  reasons       TEXT    NOT NULL,
  svart_sarbar  INTEGER NOT NULL,
  age_group     INTEGER NOT NULL,
  gender        INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (round_id, rule_version, segment, reasons, svart_sarbar, mode, shared_device, language, age_group, gender)
) WITHOUT ROWID;

-- Answers, per stratum: the combinations of round, rule version, segment,
-- mode, shared device, language and margin codes that have respondents.
-- Counting into a short integer key rather than all of those columns halves
-- what a stored response costs (measured with the seed).
CREATE TABLE tally_strata (
  id            INTEGER PRIMARY KEY,
  round_id      INTEGER NOT NULL,
  rule_version  TEXT    NOT NULL,
  segment       TEXT    NOT NULL,
  mode          TEXT    NOT NULL,
  shared_device INTEGER NOT NULL,
  language      TEXT    NOT NULL,
  age_group     INTEGER NOT NULL,
  gender        INTEGER NOT NULL,
  UNIQUE (round_id, rule_version, segment, mode, shared_device, language, age_group, gender)
);

-- One row per stratum, question and code. Code 0 counts the respondents who
-- answered the question with any code but 9 («Vil ikke svare»): a table's
-- base, which a multi-select's option counts cannot give.
CREATE TABLE answer_tallies (
  stratum_id  INTEGER NOT NULL REFERENCES tally_strata (id),
  question_id TEXT    NOT NULL,
  code        INTEGER NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (stratum_id, question_id, code)
) WITHOUT ROWID;

-- One response's keys, and its answer rows with the base rows (code 0).
-- Views keep the triggers below to a statement per table.
CREATE VIEW response_tally_keys AS
SELECT r.id AS response_id, r.round_id, r.language, r.mode, r.shared_device,
       coalesce((SELECT code FROM answers x WHERE x.response_id = r.id AND x.question_id = 'age_group'), 0) AS age_group,
       coalesce((SELECT code FROM answers x WHERE x.response_id = r.id AND x.question_id = 'gender'), 0) AS gender
  FROM responses r;

CREATE VIEW response_answer_rows AS
SELECT a.response_id, a.question_id, a.code FROM answers a
UNION ALL
SELECT a.response_id, a.question_id, 0 FROM answers a WHERE a.code <> 9 GROUP BY a.response_id, a.question_id;

-- A response under one classification: its stratum and answer rows.
CREATE VIEW classified_answer_rows AS
SELECT c.response_id, c.rule_version, s.id AS stratum_id, a.question_id, a.code
  FROM classifications c
  JOIN response_tally_keys k ON k.response_id = c.response_id
  JOIN tally_strata s ON (s.round_id, s.rule_version, s.segment, s.mode, s.shared_device, s.language, s.age_group, s.gender)
                       = (k.round_id, c.rule_version, c.segment, k.mode, k.shared_device, k.language, k.age_group, k.gender)
  JOIN response_answer_rows a ON a.response_id = c.response_id;

CREATE TRIGGER tally_classification_added AFTER INSERT ON classifications
BEGIN
  INSERT INTO respondent_tallies (round_id, rule_version, language, mode, shared_device, segment, reasons, svart_sarbar, age_group, gender, n)
  SELECT k.round_id, NEW.rule_version, k.language, k.mode, k.shared_device, NEW.segment, NEW.reasons, NEW.svart_sarbar, k.age_group, k.gender, 1
    FROM response_tally_keys k WHERE k.response_id = NEW.response_id
  ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT OR IGNORE INTO tally_strata (round_id, rule_version, segment, mode, shared_device, language, age_group, gender)
  SELECT k.round_id, NEW.rule_version, NEW.segment, k.mode, k.shared_device, k.language, k.age_group, k.gender
    FROM response_tally_keys k WHERE k.response_id = NEW.response_id;
  INSERT INTO answer_tallies (stratum_id, question_id, code, n)
  SELECT stratum_id, question_id, code, 1 FROM classified_answer_rows
   WHERE response_id = NEW.response_id AND rule_version = NEW.rule_version
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Reclassification under the same rule version rewrites a row (db/classifications.ts).
-- The old stratum loses the response's answers before the row changes, the new one gains them after.
CREATE TRIGGER tally_classification_changing BEFORE UPDATE OF segment, reasons, svart_sarbar ON classifications
WHEN OLD.segment <> NEW.segment OR OLD.reasons <> NEW.reasons OR OLD.svart_sarbar <> NEW.svart_sarbar
BEGIN
  UPDATE respondent_tallies SET n = n - 1
   WHERE (round_id, rule_version, language, mode, shared_device, segment, reasons, svart_sarbar, age_group, gender) =
         (SELECT k.round_id, OLD.rule_version, k.language, k.mode, k.shared_device, OLD.segment, OLD.reasons, OLD.svart_sarbar, k.age_group, k.gender
            FROM response_tally_keys k WHERE k.response_id = OLD.response_id);
  UPDATE answer_tallies SET n = n - 1
   WHERE (stratum_id, question_id, code) IN
         (SELECT stratum_id, question_id, code FROM classified_answer_rows WHERE response_id = OLD.response_id AND rule_version = OLD.rule_version);
END;

-- Its statements are tally_classification_added's: a trigger cannot call another.
CREATE TRIGGER tally_classification_changed AFTER UPDATE OF segment, reasons, svart_sarbar ON classifications
WHEN OLD.segment <> NEW.segment OR OLD.reasons <> NEW.reasons OR OLD.svart_sarbar <> NEW.svart_sarbar
BEGIN
  INSERT INTO respondent_tallies (round_id, rule_version, language, mode, shared_device, segment, reasons, svart_sarbar, age_group, gender, n)
  SELECT k.round_id, NEW.rule_version, k.language, k.mode, k.shared_device, NEW.segment, NEW.reasons, NEW.svart_sarbar, k.age_group, k.gender, 1
    FROM response_tally_keys k WHERE k.response_id = NEW.response_id
  ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT OR IGNORE INTO tally_strata (round_id, rule_version, segment, mode, shared_device, language, age_group, gender)
  SELECT k.round_id, NEW.rule_version, NEW.segment, k.mode, k.shared_device, k.language, k.age_group, k.gender
    FROM response_tally_keys k WHERE k.response_id = NEW.response_id;
  INSERT INTO answer_tallies (stratum_id, question_id, code, n)
  SELECT stratum_id, question_id, code, 1 FROM classified_answer_rows
   WHERE response_id = NEW.response_id AND rule_version = NEW.rule_version
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Before the cascade takes the answers and classifications with it (retention).
CREATE TRIGGER tally_response_removed BEFORE DELETE ON responses
BEGIN
  UPDATE respondent_tallies SET n = n - 1
   WHERE (round_id, rule_version, language, mode, shared_device, segment, reasons, svart_sarbar, age_group, gender) IN
         (SELECT k.round_id, c.rule_version, k.language, k.mode, k.shared_device, c.segment, c.reasons, c.svart_sarbar, k.age_group, k.gender
            FROM response_tally_keys k, classifications c
           WHERE k.response_id = OLD.id AND c.response_id = OLD.id);
  UPDATE answer_tallies SET n = n - 1
   WHERE (stratum_id, question_id, code) IN (SELECT stratum_id, question_id, code FROM classified_answer_rows WHERE response_id = OLD.id);
END;

-- The responses already stored.
INSERT INTO respondent_tallies (round_id, rule_version, language, mode, shared_device, segment, reasons, svart_sarbar, age_group, gender, n)
SELECT k.round_id, c.rule_version, k.language, k.mode, k.shared_device, c.segment, c.reasons, c.svart_sarbar, k.age_group, k.gender, count(*)
  FROM response_tally_keys k JOIN classifications c ON c.response_id = k.response_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
INSERT INTO tally_strata (round_id, rule_version, segment, mode, shared_device, language, age_group, gender)
SELECT DISTINCT k.round_id, c.rule_version, c.segment, k.mode, k.shared_device, k.language, k.age_group, k.gender
  FROM response_tally_keys k JOIN classifications c ON c.response_id = k.response_id;
INSERT INTO answer_tallies (stratum_id, question_id, code, n)
SELECT stratum_id, question_id, code, count(*) FROM classified_answer_rows GROUP BY 1, 2, 3;

-- A round's population, for weighting (issue 14, point 4): how many people the
-- municipality has in each group of a margin question (age_group, gender),
-- e.g. from Statistics Norway. A group without a row is not weighted.
CREATE TABLE round_margins (
  round_id    INTEGER NOT NULL REFERENCES rounds (id),
  question_id TEXT    NOT NULL,
  code        INTEGER NOT NULL,
  population  INTEGER NOT NULL CHECK (population BETWEEN 0 AND 100000000),
  PRIMARY KEY (round_id, question_id, code)
) WITHOUT ROWID;
