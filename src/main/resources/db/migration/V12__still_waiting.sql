-- An order's e-mail may be a "still waiting" update: where each waiting item stands, for a
-- customer who has heard nothing for a while (backorder.mail.still-waiting-every).
alter table mail_outbox add column still_waiting boolean not null default false;
