-- Emission writes one emitted_break row per break: keep its indexes to what is read. Nothing looks emissions up by
-- employee (outcomes look them up by break id), so that index only slowed every emission down.
drop index emitted_break_employee;

-- Retention prunes by age: BRIN indexes cost almost nothing to maintain on rows appended in time order.
create index emitted_break_emitted_at on emitted_break using brin (emitted_at);
create index processed_outcome_processed_at on processed_outcome using brin (processed_at);

-- The emitter now sends due events itself and marks them emitted only once Kafka acknowledged them (a replica dying
-- in between leaves the claim to another, which re-sends with the same break ids): the outbox is no longer written.
drop table due_outbox;
