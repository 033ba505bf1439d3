-- Customers who spent more than 50.00 on orders that were not canceled
SELECT c.name,
       COUNT(DISTINCT o.id)                   AS orders,
       SUM(oi.quantity * oi.unit_price_cents) AS spent_cents
FROM customers AS c
JOIN orders AS o       ON o.customer_id = c.id
JOIN order_items AS oi ON oi.order_id = o.id
WHERE o.status <> 'canceled'
GROUP BY c.id, c.name
HAVING SUM(oi.quantity * oi.unit_price_cents) > 5000
ORDER BY spent_cents DESC;
