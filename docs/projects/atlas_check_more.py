"""The checks of stages 3 and 4 for atlas_check.py: keep this file next to it.

Stage 3 adds request IDs, metrics, cached statistics and background imports;
stage 4 adds products, idempotent orders and signed payment webhooks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from atlas_check import UNKNOWN_ID, Client, Reply, Run, check, expect, new_book, status

# --- Stage 3: caching, background jobs and metrics ---


@check("3.1", "every response carries X-Request-ID, echoing the caller's")
def request_id(run: Run) -> None:
    client = run.anonymous()
    echoed = client.call("GET", "/health", headers={"X-Request-ID": "atlas-check-1"})
    expect(echoed.headers.get("x-request-id") == "atlas-check-1", "X-Request-ID: atlas-check-1",
           echoed.headers.get("x-request-id", "no X-Request-ID header"))  # fmt: skip
    fresh = client.call("GET", "/health").headers.get("x-request-id")
    expect(bool(fresh), "a new X-Request-ID when the caller sends none", "none")


def requests_total(run: Run) -> float:
    reply = status(run.anonymous().call("GET", "/metrics"), "GET /metrics", 200)
    total, found = 0.0, False
    for line in reply.body.decode("utf-8", "replace").splitlines():
        name, _, rest = line.partition("{") if "{" in line.split(" ")[0] else line.partition(" ")
        if name.strip() == "http_requests_total":
            value = rest.split("}", 1)[1] if "{" in line.split(" ")[0] else rest
            total, found = total + float(value.split()[0]), True
    expect(found, "a line for http_requests_total", reply.text())
    return total


@check("3.2", "GET /metrics counts requests in http_requests_total")
def metrics(run: Run) -> None:
    before = requests_total(run)
    for _ in range(3):
        run.anonymous().call("GET", "/health")
    after = requests_total(run)
    expect(after >= before + 3, f"at least {before + 3:g} after 3 more requests", f"{after:g}")


def stats(client: Client, headers: dict[str, str] | None = None) -> Reply:
    return status(client.call("GET", "/stats", headers=headers), "GET /stats", 200, 304)


@check("3.3", "GET /stats counts your books by status")
def count_books(run: Run) -> None:
    client = run.user()
    for state in ("to-read", "to-read", "finished"):
        new_book(client, state)
    body = stats(client).json()
    wanted = {"total": 3, "by_status": {"to-read": 2, "reading": 0, "finished": 1}}
    expect(body == wanted, str(wanted), body)


@check("3.4", "GET /stats sends an ETag and answers 304 to a matching If-None-Match")
def etag(run: Run) -> None:
    client = run.user()
    tag = stats(client).headers.get("etag")
    expect(bool(tag), "an ETag header", "none")
    again = stats(client, {"If-None-Match": str(tag)})
    expect(again.status == 304 and again.body == b"", "status 304, empty body", again.status)


@check("3.5", "GET /stats changes as soon as a book changes (no stale cache)")
def invalidation(run: Run) -> None:
    client = run.user()
    first = stats(client)
    book = new_book(client)
    second = stats(client, {"If-None-Match": first.headers.get("etag", "")})
    received = f"status {second.status}, body {second.text()!r}"
    expect(second.status == 200 and second.json().get("total") == 1,
           "status 200 and total 1 after adding a book", received)  # fmt: skip
    status(client.call("DELETE", f"/books/{book['id']}"), "DELETE /books/{id}", 204)
    expect(stats(client).json().get("total") == 0, "total 0 after the delete", "more")


CSV = b"title,author,status\nDune,Frank Herbert,finished\nEmma,Jane Austen,to-read\nBad,X,someday\n"


@check("3.6", "POST /imports answers 202 with a job that finishes in the background")
def imports(run: Run) -> None:
    client = run.user()
    reply = client.call("POST", "/imports", CSV, {"Content-Type": "text/csv"})
    job = status(reply, "POST /imports", 202).json()
    expect(isinstance(job, dict) and "id" in job, 'a job {"id": ..., "status": ...}', job)
    for _ in range(100):
        job = status(client.call("GET", f"/imports/{job['id']}"), "GET /imports/{id}", 200).json()
        if job.get("status") in ("done", "failed"):
            break
        time.sleep(0.1)
    expect(job.get("status") == "done" and job.get("imported") == 2, "done, 2 imported", job)
    lines = [error.get("line") for error in job.get("errors", [])]
    expect(lines == [4], 'errors: [{"line": 4, ...}] (the bad status)', job.get("errors"))
    titles = {book.get("title") for book in client.call("GET", "/books").json()}
    expect({"Dune", "Emma"} <= titles, "Dune and Emma in GET /books", titles)


@check("3.7", "GET /imports/{id} answers 404 for an unknown job")
def unknown_job(run: Run) -> None:
    status(run.user().call("GET", f"/imports/{UNKNOWN_ID}"), "GET /imports/{unknown}", 404)


# --- Stage 4: a small shop ---


def new_product(client: Client, stock: int, price_cents: int = 1250) -> str:
    product = {"name": f"Mug {uuid.uuid4().hex[:8]}", "price_cents": price_cents, "stock": stock}
    created = status(client.call("POST", "/products", product), "POST /products", 201).json()
    expect(isinstance(created, dict) and "id" in created, 'a product with an "id"', created)
    return str(created["id"])


def stock(client: Client, product: str) -> Any:
    reply = status(client.call("GET", f"/products/{product}"), "GET /products/{id}", 200)
    return reply.json().get("stock")


def order(client: Client, product: str, quantity: int, key: str | None = None) -> Reply:
    headers = {"Idempotency-Key": key or uuid.uuid4().hex}
    return client.call("POST", "/orders", {"product_id": product, "quantity": quantity}, headers)


@check("4.1", "POST /products creates a product: 201, and GET /products/{id} returns it")
def create_product(run: Run) -> None:
    client = run.user()
    product = new_product(client, stock=7)
    expect(stock(client, product) == 7, "stock 7", stock(client, product))


@check("4.2", "POST /orders without an Idempotency-Key is refused with 400")
def key_required(run: Run) -> None:
    client = run.user()
    body = {"product_id": new_product(client, stock=5), "quantity": 1}
    status(client.call("POST", "/orders", body), "POST /orders without the header", 400)


@check("4.3", "POST /orders creates a pending order (201) and takes the stock")
def create_order(run: Run) -> None:
    client = run.user()
    product = new_product(client, stock=5, price_cents=1250)
    placed = status(order(client, product, 2), "POST /orders", 201).json()
    wanted = {"quantity": 2, "total_cents": 2500, "paid_cents": 0, "status": "pending"}
    expect(all(placed.get(k) == v for k, v in wanted.items()), str(wanted), placed)
    expect(stock(client, product) == 3, "stock 3 after ordering 2 of 5", stock(client, product))


@check("4.4", "the same Idempotency-Key returns the same order and takes stock once")
def same_key(run: Run) -> None:
    client, key = run.user(), uuid.uuid4().hex
    product = new_product(client, stock=5)
    first = status(order(client, product, 1, key), "first POST /orders", 201).json()
    again = status(order(client, product, 1, key), "repeated POST /orders", 200, 201).json()
    expect(again.get("id") == first.get("id"), f"the same order id {first.get('id')}", again)
    expect(stock(client, product) == 4, "stock 4 (taken once)", stock(client, product))


@check("4.5", "reusing a key for a different order is refused with 409 or 422")
def key_reused(run: Run) -> None:
    client, key = run.user(), uuid.uuid4().hex
    product = new_product(client, stock=5)
    status(order(client, product, 1, key), "first POST /orders", 201)
    status(order(client, product, 3, key), "same key, quantity 3", 409, 422)


@check("4.6", "an order for more than the stock is refused with 409")
def too_many(run: Run) -> None:
    client = run.user()
    product = new_product(client, stock=2)
    status(order(client, product, 3), "ordering 3 of 2", 409)
    expect(stock(client, product) == 2, "stock still 2", stock(client, product))


@check("4.7", "12 orders at once for a stock of 3: exactly 3 succeed, none oversold")
def concurrent(run: Run) -> None:
    client = run.user()
    product = new_product(client, stock=3)
    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = sorted(pool.map(lambda _: order(client, product, 1).status, range(12)))
    expect(codes == [201] * 3 + [409] * 9, "three 201 and nine 409", codes)
    expect(stock(client, product) == 0, "stock 0", stock(client, product))


def webhook(run: Run, event: dict[str, Any], secret: str | None = None) -> Reply:
    body = json.dumps(event).encode()
    key = (run.secret if secret is None else secret).encode()
    signature = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Atlas-Signature": signature}
    return run.anonymous().call("POST", "/webhooks/payments", body, headers)


def pending_order(run: Run) -> tuple[Client, dict[str, Any]]:
    client = run.user()
    placed = status(order(client, new_product(client, stock=5), 2), "POST /orders", 201)
    return client, dict(placed.json())


@check("4.8", "a payment webhook without a valid signature is refused with 401")
def unsigned(run: Run) -> None:
    _, placed = pending_order(run)
    event = {"event_id": uuid.uuid4().hex, "order_id": placed["id"], "amount_cents": 2500}
    forged = webhook(run, event, secret="wrong-secret")  # noqa: S106 (a wrong one on purpose)
    status(forged, "a webhook signed with another key", 401)
    unsigned = run.anonymous().call("POST", "/webhooks/payments", event)
    status(unsigned, "a webhook with no signature", 401)


@check("4.9", "a signed payment marks the order paid; a repeated delivery changes nothing")
def paid_once(run: Run) -> None:
    client, placed = pending_order(run)
    event = {"event_id": uuid.uuid4().hex, "order_id": placed["id"], "amount_cents": 2500}
    for delivery in ("first", "repeated"):
        status(webhook(run, event), f"the {delivery} webhook delivery", 200)
        now = status(client.call("GET", f"/orders/{placed['id']}"), "GET /orders/{id}", 200)
        state = now.json()
        expect(state.get("status") == "paid" and state.get("paid_cents") == 2500,
               f"status paid, paid_cents 2500 after the {delivery} delivery", state)  # fmt: skip
