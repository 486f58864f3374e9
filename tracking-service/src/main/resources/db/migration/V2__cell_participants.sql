-- Heat-map and exercise cells count distinct people, not breaks: a cell is released only when at least k distinct
-- employees are behind it. Each cell keeps a counter (employees), bumped in the ingest transaction only when a
-- participant marker (employee + cell) is new, so the count stays exact under duplicates and replays.
alter table team_hour_rollup add column employees integer not null default 0; -- distinct employees offered a break at that hour
alter table team_exercise_rollup add column employees integer not null default 0; -- distinct employees who completed it

-- Markers: the employee comes first in the key, so erasure finds their rows through the primary key. On erasure the
-- employee id is replaced by a random one (the counts stay, the person is no longer linkable); retention deletes the
-- markers of periods older than the raw data (no event of theirs can be recorded any more).
create table hour_participant (
    employee_id  text     not null,
    team         text     not null,
    unit         char(1)  not null,
    period_start date     not null,
    hour         smallint not null,
    primary key (employee_id, team, unit, period_start, hour)
);
create index hour_participant_period on hour_participant (period_start);

create table exercise_participant (
    employee_id  text    not null,
    team         text    not null,
    unit         char(1) not null,
    period_start date    not null,
    exercise_id  text    not null,
    primary key (employee_id, team, unit, period_start, exercise_id)
);
create index exercise_participant_period on exercise_participant (period_start);

-- Backfill from the raw records still held (within retention); older cells keep 0 and stay suppressed.
insert into hour_participant (employee_id, team, unit, period_start, hour)
select distinct b.employee_id, b.team, u.unit,
       case u.unit when 'D' then b.local_day when 'W' then date_trunc('week', b.local_day)::date
                   else date_trunc('month', b.local_day)::date end, b.local_hour
from break_record b cross join (values ('D'), ('W'), ('M')) as u(unit)
where b.offered;

insert into exercise_participant (employee_id, team, unit, period_start, exercise_id)
select distinct b.employee_id, b.team, u.unit,
       case u.unit when 'D' then b.local_day when 'W' then date_trunc('week', b.local_day)::date
                   else date_trunc('month', b.local_day)::date end, e.exercise_id
from break_record b cross join (values ('D'), ('W'), ('M')) as u(unit)
     cross join lateral unnest(case when cardinality(b.completed_exercises) > 0 then b.completed_exercises
                                    else b.planned_exercises end) as e(exercise_id)
where b.offered and b.status = 3;

update team_hour_rollup r set employees = p.n
from (select team, unit, period_start, hour, count(*) as n from hour_participant group by 1, 2, 3, 4) p
where r.team = p.team and r.unit = p.unit and r.period_start = p.period_start and r.hour = p.hour;

update team_exercise_rollup r set employees = p.n
from (select team, unit, period_start, exercise_id, count(*) as n from exercise_participant group by 1, 2, 3, 4) p
where r.team = p.team and r.unit = p.unit and r.period_start = p.period_start and r.exercise_id = p.exercise_id;

-- Rollup and participant rows are updated in place on every batch: room on each page lets PostgreSQL make those
-- heap-only (HOT) updates, which write no index entry (no indexed column changes). Applies to pages filled from now on.
alter table team_period_rollup set (fillfactor = 70);
alter table team_hour_rollup set (fillfactor = 70);
alter table team_exercise_rollup set (fillfactor = 70);
alter table period_participant set (fillfactor = 80);
