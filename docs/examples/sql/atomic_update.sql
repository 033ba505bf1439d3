-- Sell one keyboard, but only while at least one is left
UPDATE products
SET stock = stock - 1
WHERE id = 4
  AND stock >= 1;

SELECT id, name, stock
FROM products
WHERE id = 4;
