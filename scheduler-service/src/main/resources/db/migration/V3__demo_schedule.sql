-- Local demo only (wellness.scheduler.demo.enabled, off by default): an employee synced in demo mode gets a break
-- every demo_interval_seconds around the clock, outside the company policy's bounds. Null = the normal schedule.
alter table employee add column demo_interval_seconds int check (demo_interval_seconds > 0);
