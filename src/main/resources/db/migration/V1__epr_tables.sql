-- EPR's own tables, with the names and columns the Go server's gorm AutoMigrate creates,
-- so an existing EPR database can be adopted (IF NOT EXISTS keeps its rows).
CREATE TABLE IF NOT EXISTS event_receivers (
  id          varchar(255) PRIMARY KEY,
  name        varchar(255) NOT NULL,
  type        varchar(255) NOT NULL,
  version     varchar(255) NOT NULL,
  description varchar(255) NOT NULL,
  schema      jsonb        NOT NULL,
  fingerprint varchar(255) NOT NULL,
  created_at  timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS events (
  id                varchar(255) PRIMARY KEY,
  name              varchar(255) NOT NULL,
  version           varchar(255) NOT NULL,
  release           varchar(255) NOT NULL,
  platform_id       varchar(255) NOT NULL,
  package           varchar(255) NOT NULL,
  description       varchar(255) NOT NULL,
  payload           jsonb        NOT NULL,
  success           boolean      NOT NULL,
  created_at        timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP,
  event_receiver_id varchar(255) NOT NULL
    CONSTRAINT fk_events_event_receiver REFERENCES event_receivers (id)
);

CREATE TABLE IF NOT EXISTS event_receiver_groups (
  id          varchar(255) PRIMARY KEY,
  name        varchar(255) NOT NULL,
  type        varchar(255) NOT NULL,
  version     varchar(255) NOT NULL,
  description varchar(255) NOT NULL,
  enabled     boolean      NOT NULL,
  created_at  timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS event_receiver_group_to_event_receivers (
  id                      bigserial    PRIMARY KEY,
  event_receiver_id       varchar(255) NOT NULL
    CONSTRAINT fk_event_receiver_group_to_event_receivers_event_receiver REFERENCES event_receivers (id),
  event_receiver_group_id varchar(255) NOT NULL
    CONSTRAINT fk_event_receiver_group_to_event_receivers_event_receiver_group REFERENCES event_receiver_groups (id)
);
