"""Repository and dependency injection: the service names what it needs, not where it comes from."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Customer:
    id: str
    email: str


class Customers(Protocol):
    """The repository: a collection-like interface the business code depends on."""

    def get_by_email(self, email: str) -> Customer | None: ...
    def add(self, customer: Customer) -> None: ...


class Mailer(Protocol):
    def send(self, to: str, subject: str) -> None: ...


class InMemoryCustomers:
    def __init__(self) -> None:
        self._by_email: dict[str, Customer] = {}

    def get_by_email(self, email: str) -> Customer | None:
        return self._by_email.get(email.lower())

    def add(self, customer: Customer) -> None:
        self._by_email[customer.email.lower()] = customer


class SqliteCustomers:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, email TEXT UNIQUE)"
        )

    def get_by_email(self, email: str) -> Customer | None:
        row = self._db.execute(
            "SELECT id, email FROM customers WHERE email = ?", (email.lower(),)
        ).fetchone()
        return Customer(row[0], row[1]) if row else None

    def add(self, customer: Customer) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO customers (id, email) VALUES (?, ?)",
                (customer.id, customer.email.lower()),
            )


class EmailTaken(Exception):
    pass


class SignUp:
    """Business logic only: which store and which mail provider is decided by the caller."""

    def __init__(self, customers: Customers, mailer: Mailer) -> None:
        self.customers = customers
        self.mailer = mailer

    def __call__(self, customer_id: str, email: str) -> Customer:
        if self.customers.get_by_email(email) is not None:
            raise EmailTaken(email)
        customer = Customer(customer_id, email)
        self.customers.add(customer)
        self.mailer.send(email, "Welcome!")
        return customer
