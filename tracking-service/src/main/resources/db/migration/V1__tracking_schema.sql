-- Tracking: raw records (purged after the retention period, erased on request) and incremental rollups (kept).
-- Statuses: 0 no answer yet, 1 snoozed, 2 skipped, 3 completed. A break's status only ever rises (max-merge), so
-- "snoozed then completed" counts one completed and a late or duplicate snooze changes nothing.

-- Idempotency log of microbreaks.due messages (CloudEvents ce_id), and tombstones of erased outcome messages.
-- Outcome messages are logged by outcome_event's own key (one write per event on the hot path); when an employee's
-- outcomes are erased their message ids move here, so a replay is still recognised. Holds no personal data.
create table processed_message (
    id           uuid primary key,
    topic        smallint    not null, -- 1 microbreaks.due, 2 microbreaks.outcomes
    processed_at timestamptz not null default now()
);
create index processed_message_processed_at on processed_message (processed_at);

-- One row per break. offered=false: outcomes arrived before the break itself (pending, reconciled when the
-- microbreaks.due event arrives); such a row counts nowhere until then.
create table break_record (
    break_id            uuid primary key,
    employee_id         text        not null,
    offered             boolean     not null default false,
    team                text,
    due_at              timestamptz,
    time_zone           text,
    local_day           date,        -- the employee's calendar day of the break: the rollups' day
    local_hour          smallint,    -- the employee's hour of day: the heat map's hour
    planned_exercises   text[]      not null default '{}',
    status              smallint    not null default 0,
    prev_status         smallint    not null default 0, -- status before the last change (read back by the ingest)
    completed_exercises text[]      not null default '{}',
    first_seen          timestamptz not null default now(),
    constraint break_record_status check (status between 0 and 3)
) with (fillfactor = 80); -- room for HOT updates: a status change touches no index
create index break_record_employee on break_record (employee_id, local_day);
create index break_record_first_seen on break_record (first_seen);

-- Outcomes whose break has not arrived yet (kept, reconciled when it arrives).
create view pending_outcome as
    select break_id, employee_id, status, completed_exercises, first_seen from break_record where not offered;

-- Every outcome event as received (history and export of the employee). message_id (ce_id, else eventId) is the
-- idempotency key of the outcomes topic.
create table outcome_event (
    message_id    uuid primary key,
    event_id      uuid        not null,
    break_id      uuid        not null,
    employee_id   text        not null,
    outcome       smallint    not null,
    occurred_at   timestamptz not null,
    channel       text,
    snooze_number integer     not null default 0,
    exercise_ids  text[]      not null default '{}'
);
create index outcome_event_employee on outcome_event (employee_id, occurred_at);
create index outcome_event_occurred_at on outcome_event using brin (occurred_at); -- retention scans; cheap to maintain

-- Rollups per team and calendar period of the employee's local time: unit D (day), W (ISO week, starts Monday),
-- M (month); period_start is the first day. Company figures are sums over teams. Updated in the same transaction
-- as the raw records, by aggregated upserts per consumed batch.
create table team_period_rollup (
    unit         char(1)  not null,
    period_start date     not null,
    team         text     not null,
    offered      integer  not null default 0,
    snoozed      integer  not null default 0,
    skipped      integer  not null default 0,
    completed    integer  not null default 0,
    employees    integer  not null default 0, -- distinct employees offered a break in the period (the group size)
    active       integer  not null default 0, -- distinct employees who completed at least one break
    primary key (unit, period_start, team)
);
create index team_period_rollup_team on team_period_rollup (team, unit, period_start);

create table team_hour_rollup (
    team         text     not null,
    unit         char(1)  not null,
    period_start date     not null,
    hour         smallint not null,
    offered      integer  not null default 0,
    snoozed      integer  not null default 0,
    skipped      integer  not null default 0,
    completed    integer  not null default 0,
    primary key (team, unit, period_start, hour)
);
create index team_hour_rollup_period on team_hour_rollup (unit, period_start);

create table team_exercise_rollup (
    team         text    not null,
    unit         char(1) not null,
    period_start date    not null,
    exercise_id  text    not null,
    completed    integer not null default 0,
    primary key (team, unit, period_start, exercise_id)
);
create index team_exercise_rollup_period on team_exercise_rollup (unit, period_start);

-- Distinct participants per team and period, so group sizes are counted without scanning raw events: a row is
-- written when an employee is first offered a break in the period (employees + 1) and once more when they first
-- complete one (active + 1); later breaks of the period write nothing here. On erasure the employee id is replaced
-- by a random one: the counts stay, the person is no longer linkable.
create table period_participant (
    team         text    not null,
    unit         char(1) not null,
    period_start date    not null,
    employee_id  text    not null,
    active       boolean not null default false,
    primary key (team, unit, period_start, employee_id)
);
create index period_participant_employee on period_participant (employee_id);
