-- Remove canceled orders: their items first, because the items point at them
DELETE FROM order_items
WHERE order_id IN (SELECT id FROM orders WHERE status = 'canceled');

DELETE FROM orders
WHERE status = 'canceled';

SELECT id, customer_id, status
FROM orders
ORDER BY id;
