-- Staff find an order by its digits alone ("1001" finds BO-1001): the number from its first
-- digit on, lower case, indexed for prefix searches.
create index customer_order_number_digits
	on customer_order (regexp_replace(lower(number), '^[^0-9]*', '') text_pattern_ops);
