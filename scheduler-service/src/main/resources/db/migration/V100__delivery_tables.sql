-- Delivery of due breaks to chat channels (package io.wellness.scheduler.delivery). These tables belong to the
-- delivery component alone, so it can later move to its own deployment and database.

-- One row per break emission (a snooze re-emits the same break id with the next snooze count): the idempotency key
-- of delivery and the state of its retries. A redelivered Kafka record finds its row and is not sent again.
create table delivery_log (
    break_id        uuid          not null,
    snooze_count    integer       not null,
    employee_id     varchar(255)  not null,
    channel_type    varchar(32)   not null,
    channel_address varchar(512)  not null,
    event_json      text          not null,
    status          varchar(16)   not null check (status in ('pending', 'sent', 'dead')),
    attempts        integer       not null default 0,
    first_seen_at   timestamptz   not null,
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    last_error      varchar(1000),
    sent_at         timestamptz,
    primary key (break_id, snooze_count)
);
create index delivery_log_retry_idx on delivery_log (next_attempt_at) where status = 'pending';
create index delivery_log_employee_idx on delivery_log (employee_id, first_seen_at);

-- One decision per delivered message: a double click, a retried callback or a second button press finds the row
-- and publishes nothing more. outcome_id is DeterministicIds.outcomeId, the event id on microbreaks.outcomes.
create table delivery_outcome_log (
    break_id      uuid         not null,
    snooze_count  integer      not null,
    outcome_id    uuid         not null unique,
    employee_id   varchar(255) not null,
    outcome       varchar(16)  not null check (outcome in ('completed', 'snoozed', 'skipped')),
    channel       varchar(32)  not null,
    recorded_at   timestamptz  not null,
    primary key (break_id, snooze_count)
);

-- The employee's recent breaks, shown on the web page (GET /api/scheduler/inbox and its event stream).
create table delivery_inbox (
    break_id     uuid          not null,
    snooze_count integer       not null,
    employee_id  varchar(255)  not null,
    due_at       timestamptz   not null,
    time_zone    varchar(64)   not null,
    channel      varchar(32)   not null,
    event_json   text          not null,
    outcome      varchar(16),
    updated_at   timestamptz   not null,
    primary key (break_id, snooze_count)
);
create index delivery_inbox_employee_idx on delivery_inbox (employee_id, updated_at);

-- Signatures of accepted chat callbacks inside the replay window: the same signed request is accepted once.
create table delivery_callback_seen (
    signature varchar(128) primary key,
    seen_at   timestamptz  not null
);
create index delivery_callback_seen_at_idx on delivery_callback_seen (seen_at);
