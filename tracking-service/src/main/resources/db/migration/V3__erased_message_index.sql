-- The outcome ingest checks each new message id against the tombstones of erased outcomes only (topic 2), not
-- against every microbreaks.due id ever logged: a small partial index, which the planner can hash or probe.
create unique index processed_message_erased on processed_message (id) where topic = 2;
