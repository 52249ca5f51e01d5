-- What the CDEvents of an NVRPP established (its artifact identity, its latest run and incident) is read before each
-- of its events is translated; a test report adds up to 100,000 test-run CDEvents to an NVRPP, which this index skips.
CREATE INDEX epr_cdevents_history ON epr_cdevents (nvrpp, seq)
  WHERE type LIKE 'dev.cdevents.artifact.%' OR type LIKE 'dev.cdevents.pipelinerun.%'
     OR type LIKE 'dev.cdevents.incident.%';
