-- JUnit XML test reports: the document exactly as posted, its counts for provenance, and every test case with its
-- outcome so that "which builds failed test X?" is an index lookup.
CREATE TABLE epr_test_reports (
  id               varchar(255)     PRIMARY KEY REFERENCES events (id),   -- the report is an event; same id
  nvrpp            text             NOT NULL,
  sha256           text             NOT NULL,
  content_type     text             NOT NULL,
  environment_id   varchar(255)     NOT NULL,                             -- where the tests ran
  suites           integer          NOT NULL,
  tests            integer          NOT NULL,
  failures         integer          NOT NULL,
  errors           integer          NOT NULL,
  skipped          integer          NOT NULL,
  duration_seconds double precision NOT NULL,
  document         bytea            NOT NULL,
  created_at       timestamptz      NOT NULL DEFAULT now()
);
-- re-posting the same document for the same NVRPP gives the same report
CREATE UNIQUE INDEX epr_test_reports_document ON epr_test_reports (nvrpp, sha256);
CREATE INDEX epr_test_reports_nvrpp ON epr_test_reports (nvrpp, created_at);

CREATE TABLE epr_test_cases (
  report_id        varchar(255)     NOT NULL REFERENCES epr_test_reports (id),
  ordinal          integer          NOT NULL,   -- document order
  suite            text,
  classname        text,
  name             text             NOT NULL,
  outcome          varchar(16)      NOT NULL,   -- success, failure, error, skipped
  duration_seconds double precision,
  message          text,
  PRIMARY KEY (report_id, ordinal)
);
-- lookups by name, and by classname and name, scanned in result order (report_id, ordinal) up to the page size;
-- names are at most 1000 bytes each (JUnitXmlReader), within a B-tree entry's 2704
CREATE INDEX epr_test_cases_name ON epr_test_cases (name, report_id, ordinal);
CREATE INDEX epr_test_cases_classname_name ON epr_test_cases (classname, name, report_id, ordinal);
