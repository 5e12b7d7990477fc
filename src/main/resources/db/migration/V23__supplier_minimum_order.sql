-- The least a supplier takes in one purchase, in units; null when it has no minimum.
alter table supplier add column minimum_order_quantity integer check (minimum_order_quantity > 0);
