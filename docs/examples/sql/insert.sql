-- A new customer signs up; the database picks the id
INSERT INTO customers (email, name, city)
VALUES ('edsger@example.com', 'Edsger Dijkstra', 'Austin');

SELECT id, name, city
FROM customers
WHERE email = 'edsger@example.com';
