-- The exercise catalog. Structured, language-independent facts are columns; nested values (dose, progression,
-- localised texts) are jsonb documents validated by the service before they are written.

create table catalog_state (
    id            smallint    primary key check (id = 1),
    -- bumped in the same transaction as every content change (seed load, admin create/update/retire)
    revision      bigint      not null,
    seed_revision integer     not null,
    seed_sha256   varchar(64) not null,
    updated_at    timestamptz not null
);

create table catalog_source (
    id        varchar(80)  primary key,
    title     varchar(300) not null,
    seed_file varchar(200),
    publisher varchar(200),
    url       varchar(500)
);

create table safety_guidance (
    id       varchar(80) primary key,
    ordinal  integer     not null,
    -- {"en": "...", "de": "..."}
    text     jsonb       not null
);

create table exercise (
    id                varchar(80)  primary key,
    source_id         varchar(80)  references catalog_source (id),
    position          varchar(20)  not null,
    setting           varchar(30)  not null,
    kind              varchar(30)  not null,
    intensity         varchar(20)  not null,
    duration_seconds  integer      not null check (duration_seconds between 5 and 600),
    regions           jsonb        not null,
    equipment         jsonb        not null,
    dose              jsonb        not null,
    progression       jsonb,
    -- {"en": {name, summary, steps, progression, cautions}, "de": {...}}
    text              jsonb        not null,
    retired           boolean      not null default false,
    retired_at        timestamptz,
    -- 'seed' rows follow the seed file; once an admin edits a row it is 'admin' and the seed leaves it alone
    origin            varchar(10)  not null check (origin in ('seed', 'admin')),
    version           bigint       not null,
    updated_at        timestamptz  not null
);

insert into catalog_state (id, revision, seed_revision, seed_sha256, updated_at) values (1, 0, 0, '', now());
