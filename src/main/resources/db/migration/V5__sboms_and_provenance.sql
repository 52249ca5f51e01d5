-- CycloneDX SBOMs: the document exactly as posted, what provenance queries show of it, and every component
-- (nested ones included) with its purl split so that "which artifacts contain this package?" is an index lookup.
CREATE TABLE epr_sboms (
  id                varchar(255) PRIMARY KEY REFERENCES events (id),   -- the SBOM is an event; same id
  nvrpp             text        NOT NULL,
  sha256            text        NOT NULL,
  content_type      text        NOT NULL,
  spec_version      text        NOT NULL,
  serial_number     text,
  component_name    text,
  component_version text,
  component_purl    text,
  component_count   integer     NOT NULL,
  document          bytea       NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
-- re-posting the same document for the same NVRPP gives the same SBOM
CREATE UNIQUE INDEX epr_sboms_document ON epr_sboms (nvrpp, sha256);
CREATE INDEX epr_sboms_nvrpp ON epr_sboms (nvrpp, created_at);

CREATE TABLE epr_sbom_components (
  sbom_id         varchar(255) NOT NULL REFERENCES epr_sboms (id),
  ordinal         integer      NOT NULL,                -- document order, depth first
  bom_ref         text,
  type            text,
  grp             text,
  name            text         NOT NULL,
  version         text,
  purl            text,
  purl_type       text,
  purl_namespace  text         NOT NULL DEFAULT '',     -- '' rather than null keeps lookups on the index
  purl_name       text,
  purl_version    text,
  purl_qualifiers text,
  licenses        text[]       NOT NULL,
  hashes          jsonb,
  PRIMARY KEY (sbom_id, ordinal)
);
-- "which artifacts contain …": an index scan in result order (sbom_id, ordinal) that stops at the page size,
-- for purls with and without a version
CREATE INDEX epr_sbom_components_purl
  ON epr_sbom_components (purl_type, purl_namespace, purl_name, sbom_id, ordinal) WHERE purl_type IS NOT NULL;
CREATE INDEX epr_sbom_components_purl_version
  ON epr_sbom_components (purl_type, purl_namespace, purl_name, purl_version, sbom_id, ordinal) WHERE purl_type IS NOT NULL;
CREATE INDEX epr_sbom_components_name ON epr_sbom_components (name, version, sbom_id, ordinal);

-- which groups completed for which NVRPP (provenance)
CREATE TABLE epr_group_completions (
  id         bigserial    PRIMARY KEY,
  group_id   varchar(255) NOT NULL REFERENCES event_receiver_groups (id),
  event_id   varchar(255) NOT NULL REFERENCES events (id),
  nvrpp      text         NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX epr_group_completions_nvrpp ON epr_group_completions (nvrpp, id);
