-- A small shop: customers place orders, each order holds items, each item is a product.
-- Build it with:  sqlite3 shop.db < shop.sql

-- SQLite only: foreign keys are checked only when each connection asks for it.
-- Delete this line for PostgreSQL or MySQL, which always check them.
PRAGMA foreign_keys = ON;

CREATE TABLE customers (
    id    INTEGER PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    name  VARCHAR(100) NOT NULL,
    city  VARCHAR(100) NOT NULL
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    stock       INTEGER NOT NULL CHECK (stock >= 0),
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    status      VARCHAR(20) NOT NULL CHECK (status IN ('paid', 'shipped', 'canceled')),
    ordered_on  DATE NOT NULL
);

CREATE TABLE order_items (
    order_id         INTEGER NOT NULL REFERENCES orders (id),
    product_id       INTEGER NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

INSERT INTO customers (id, email, name, city) VALUES
    (1, 'ada@example.com', 'Ada Lovelace', 'London'),
    (2, 'grace@example.com', 'Grace Hopper', 'New York'),
    (3, 'alan@example.com', 'Alan Turing', 'Manchester'),
    (4, 'katherine@example.com', 'Katherine Johnson', 'Hampton');

INSERT INTO products (id, name, price_cents, stock) VALUES
    (1, 'Desk lamp', 3900, 12),
    (2, 'Notebook', 450, 200),
    (3, 'Fountain pen', 2500, 30),
    (4, 'Mechanical keyboard', 8900, 5),
    (5, 'Monitor stand', 4200, 0);

INSERT INTO orders (id, customer_id, status, ordered_on) VALUES
    (1, 1, 'shipped', '2026-11-02'),
    (2, 2, 'shipped', '2026-11-05'),
    (3, 1, 'paid', '2026-11-20'),
    (4, 3, 'canceled', '2026-11-21'),
    (5, 2, 'paid', '2026-11-28');

INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES
    (1, 1, 1, 3900),
    (1, 2, 3, 450),
    (2, 4, 1, 8900),
    (2, 2, 2, 450),
    (3, 3, 1, 2500),
    (4, 4, 1, 8900),
    (5, 1, 2, 3900),
    (5, 3, 1, 2500);
