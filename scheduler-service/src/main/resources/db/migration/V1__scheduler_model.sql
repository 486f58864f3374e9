-- Scheduler data model (issue 4). Migrations V1..V99 belong to the scheduler; V100+ to the delivery package.

-- The roster: one row per person who may get breaks (Keycloak user id, or the id given by a CSV import).
create table employee (
    id              varchar(64)  primary key,
    username        varchar(255) not null,
    team            varchar(100),
    time_zone       varchar(64)  not null,
    locale          varchar(35)  not null default 'en',
    channel_type    varchar(20)  not null,
    channel_address varchar(255),
    active          boolean      not null default true,
    source          varchar(16)  not null check (source in ('keycloak', 'csv')),
    updated_at      timestamptz  not null default now()
);
create index employee_team on employee (team);

-- Company-wide defaults and bounds (exactly one row, edited by admins).
create table company_policy (
    id                       smallint     primary key check (id = 1),
    default_interval_minutes int          not null,
    min_interval_minutes     int          not null,
    max_interval_minutes     int          not null,
    default_working_hours    jsonb        not null,
    default_channel_type     varchar(20)  not null,
    max_busy_blocks          int          not null,
    updated_at               timestamptz  not null default now(),
    updated_by               varchar(255),
    check (min_interval_minutes <= default_interval_minutes and default_interval_minutes <= max_interval_minutes)
);
insert into company_policy (id, default_interval_minutes, min_interval_minutes, max_interval_minutes,
                            default_working_hours, default_channel_type, max_busy_blocks)
values (1, 45, 20, 90,
        '{"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
          "TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
          "WEDNESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
          "THURSDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
          "FRIDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}]}',
        'web', 200);

-- An employee's own settings; null columns fall back to the roster (zone, channel) or the policy.
create table employee_settings (
    employee_id        varchar(64) primary key references employee (id) on delete cascade,
    working_hours      jsonb,
    time_zone          varchar(64),
    interval_minutes   int,
    preferred_position varchar(20),
    equipment          text[]      not null default '{}',
    focus_regions      text[]      not null default '{}',
    avoid              text[]      not null default '{}',
    channel_type       varchar(20),
    channel_address    varchar(255),
    paused_until       timestamptz,
    opted_out          boolean     not null default false,
    updated_at         timestamptz not null default now()
);

-- Meetings and other times a break must not interrupt.
create table busy_block (
    id          uuid         primary key,
    employee_id varchar(64)  not null references employee (id) on delete cascade,
    starts_at   timestamptz  not null,
    ends_at     timestamptz  not null,
    title       varchar(200),
    check (ends_at > starts_at)
);
create index busy_block_employee on busy_block (employee_id, ends_at);

-- One row per employee: when the next break is due. The claim is the row lock taken with
-- FOR UPDATE SKIP LOCKED by the emitting replica's transaction; a crashed replica's claim ends with its connection.
create table break_schedule (
    employee_id varchar(64) primary key references employee (id) on delete cascade,
    next_due_at timestamptz,
    version     bigint      not null default 0
);
create index break_schedule_due on break_schedule (next_due_at) where next_due_at is not null;

-- Snoozed breaks waiting to be emitted again (same break id, snooze count + 1).
create table snoozed_break (
    break_id          uuid        primary key,
    employee_id       varchar(64) not null references employee (id) on delete cascade,
    original_due_at   timestamptz not null,
    due_at            timestamptz not null,
    snooze_count      int         not null,
    plan_key          varchar(300) not null
);
create index snoozed_break_due on snoozed_break (due_at);

-- Plans computed once per (preference profile, day, rotation slot), shared by every replica.
create table break_plan (
    plan_key   varchar(300) primary key,
    plan       jsonb        not null,
    created_at timestamptz  not null default now()
);

-- Every emission, exactly once: (break id, snooze count) is unique.
create table emitted_break (
    break_id     uuid        not null,
    snooze_count int         not null,
    employee_id  varchar(64) not null,
    due_at       timestamptz not null,
    plan_key     varchar(300) not null,
    emitted_at   timestamptz not null,
    primary key (break_id, snooze_count)
);
create index emitted_break_employee on emitted_break (employee_id, due_at);

-- Transactional outbox of microbreaks.due: written with the emission, deleted once the broker acknowledged it.
create table due_outbox (
    id           bigserial   primary key,
    break_id     uuid        not null,
    snooze_count int         not null,
    employee_id  varchar(64) not null,
    due_at       timestamptz not null,
    team         varchar(100),
    time_zone    varchar(64) not null,
    locale       varchar(35) not null,
    channel_type varchar(20) not null,
    channel_address varchar(255),
    plan_key     varchar(300) not null,
    created_at   timestamptz not null default now()
);

-- Outcome events already applied (idempotent consumer of microbreaks.outcomes).
create table processed_outcome (
    event_id     uuid        primary key,
    processed_at timestamptz not null default now()
);
