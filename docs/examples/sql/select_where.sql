-- The two most expensive products under 50.00 that are in stock
SELECT name, price_cents
FROM products
WHERE stock > 0
  AND price_cents < 5000
ORDER BY price_cents DESC
LIMIT 2;
