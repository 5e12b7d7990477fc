-- The customer portal forgives and speaks the customer's language.

-- Order numbers are found whatever their case ("bo-1001" finds "BO-1001").
create index customer_order_number_lower on customer_order (lower(number));

-- Only failed lookups count toward the limits, and a success clears the client's failures for
-- that order: each row names the other key of its attempt (the order number of a client's row,
-- the client of an order's row), so those rows can be found.
alter table lookup_attempt add column paired_key text check (length(paired_key) <= 200);

-- The language the customer reads their order and its e-mails in (a BCP 47 tag of a language
-- the shop writes in), or null when the shop did not say: pages then follow the browser's.
alter table customer_order add column locale text
	check (length(locale) between 2 and 35 and locale ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$');

-- "Tell me when it's back" is answered in the language of the page it was asked on.
alter table back_in_stock_request add column locale text
	check (length(locale) between 2 and 35 and locale ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$');
