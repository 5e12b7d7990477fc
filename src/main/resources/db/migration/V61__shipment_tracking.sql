-- A shipment may say how to follow it, and whether it was sent against the customer's choice to
-- ship everything together.
alter table shipment
	add column carrier                    text check (length(carrier) between 1 and 100),
	add column tracking_number            text check (length(tracking_number) between 1 and 100),
	add column tracking_url               text check (length(tracking_url) between 10 and 2000),
	add column ship_preference_overridden boolean not null default false;
