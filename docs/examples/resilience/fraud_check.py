"""Call another service with explicit timeouts, and pass on the request's budget.

httpx separates four timeouts: connect (opening the connection), read (each
wait for data), write (each wait to send) and pool (waiting for a free
connection from the client's pool).
"""

import httpx
from deadlines import Deadline

CONNECT = 0.25  # a healthy host accepts a connection quickly, or not at all
READ = 1.0  # a little above the fraud service's slowest normal answers


def fraud_client(
    base_url: str = "http://fraud.internal", transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """One client for the whole process, so connections are reused."""
    return httpx.Client(
        base_url=base_url, timeout=httpx.Timeout(READ, connect=CONNECT), transport=transport
    )


def fraud_score(client: httpx.Client, order_id: int, deadline: Deadline) -> float:
    budget = deadline.timeout(cap=READ)  # raises DeadlineExceeded when nothing is left
    response = client.get(
        f"/orders/{order_id}/score",
        timeout=httpx.Timeout(budget, connect=min(CONNECT, budget)),
        headers=deadline.headers(),  # the fraud service gets what is left, not a fresh budget
    )
    response.raise_for_status()
    return float(response.json()["score"])
