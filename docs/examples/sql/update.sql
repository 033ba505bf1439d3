-- The desk lamp goes up to 45.00
UPDATE products
SET price_cents = 4500
WHERE id = 1;

SELECT id, name, price_cents
FROM products
ORDER BY id;
