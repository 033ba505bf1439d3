-- One row that sums up the whole catalog
SELECT COUNT(*)         AS products,
       MIN(price_cents) AS cheapest,
       MAX(price_cents) AS dearest,
       AVG(price_cents) AS average,
       SUM(stock)       AS units_in_stock
FROM products;
