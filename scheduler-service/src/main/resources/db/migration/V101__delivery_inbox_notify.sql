-- Live web inbox: every change of an employee's inbox rows notifies channel delivery_inbox with the employee id,
-- once per statement and employee (delivered at commit, to every replica that LISTENs), so open event streams
-- re-read only that employee's inbox instead of polling.
create function delivery_inbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('delivery_inbox', employee_id) from (select distinct employee_id from changed_rows) as employees;
    return null;
end;
$$;

create trigger delivery_inbox_inserted after insert on delivery_inbox
    referencing new table as changed_rows for each statement execute function delivery_inbox_notify();

create trigger delivery_inbox_updated after update on delivery_inbox
    referencing new table as changed_rows for each statement execute function delivery_inbox_notify();
