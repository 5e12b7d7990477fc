-- The periodic delay check reads only waiting lines without a date (dated lines are
-- noticed by the change that delays them).
create index order_line_undated_waiting on order_line (id)
	where eta_latest is null and shipped + cancelled + allocated < quantity;
