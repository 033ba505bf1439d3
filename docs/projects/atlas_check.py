#!/usr/bin/env python3
"""Backend Atlas project checks: test your own server against a stage's specification.

Usage: python3 atlas_check.py --stage 1 --base-url http://localhost:8000

Needs only Python 3.10 or newer (standard library); your server can be written
in any language. Stage N runs the checks of stages 1 to N (from stage 2 on, the
book checks run as a signed-in user); --only runs stage N's own checks. Exit
status: 0 when every check passes, 1 when one fails, 2 when nothing answers.
The specifications are the Project pages of Backend Atlas's learning path,
the guide this file was downloaded from.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

STATUSES = ("to-read", "reading", "finished")
UNKNOWN_ID = "987654321"
PASSWORD = "correct-horse-battery-42"  # noqa: S105 (a test account's)


class Failed(Exception):
    """A check failed: what the specification expects and what the server sent."""

    def __init__(self, expected: str, received: str) -> None:
        super().__init__(expected)
        self.expected, self.received = expected, received


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def text(self) -> str:
        shown = self.body.decode("utf-8", "replace")
        return shown if len(shown) <= 200 else shown[:200] + "..."

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            raise Failed("a JSON body", f"status {self.status}, body {self.text()!r}") from None


class Client:
    """HTTP calls to the server under test, with an optional bearer token."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base, self.token = base.rstrip("/"), token

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Reply:
        sent = dict(headers or {})
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        if body is not None and not isinstance(body, bytes):
            sent.setdefault("Content-Type", "application/json")
        if self.token:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        url = self.base + path  # main() accepts only http:// and https:// base URLs
        request = urllib.request.Request(url, data, sent, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return Reply(response.status, _lower(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, _lower(error.headers), error.read())
        except (urllib.error.URLError, OSError) as error:
            raise Failed(f"an answer to {method} {path}", f"no answer ({error})") from None


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def status(reply: Reply, doing: str, *codes: int) -> Reply:
    if reply.status not in codes:
        wanted = " or ".join(str(code) for code in codes)
        raise Failed(f"{doing}: status {wanted}", f"status {reply.status}, body {reply.text()!r}")
    return reply


def expect(condition: bool, expected: str, received: object) -> None:
    if not condition:
        raise Failed(expected, repr(received) if not isinstance(received, str) else received)


@dataclass
class Run:
    base: str
    stage: int
    secret: str

    def anonymous(self) -> Client:
        return Client(self.base)

    def user(self) -> Client:
        """A fresh signed-in user from stage 2 on; before that, no sign-in exists."""
        if self.stage < 2:
            return Client(self.base)
        email = f"learner-{uuid.uuid4().hex[:12]}@example.com"
        anonymous, account = Client(self.base), {"email": email, "password": PASSWORD}
        status(anonymous.call("POST", "/users", account), "sign-up (POST /users)", 201)
        reply = status(anonymous.call("POST", "/sessions", account), "sign-in", 200)
        token = reply.json().get("token") if isinstance(reply.json(), dict) else None
        expect(isinstance(token, str) and token != "", 'a body {"token": "..."}', reply.text())
        return Client(self.base, token)


def new_book(client: Client, state: str = "to-read") -> dict[str, Any]:
    book = {"title": f"Book {uuid.uuid4().hex[:8]}", "author": "A. Writer", "status": state}
    created = status(client.call("POST", "/books", book), "POST /books", 201).json()
    expect(isinstance(created, dict) and "id" in created, 'a book with an "id"', created)
    return dict(created)


Check = Callable[[Run], None]
CHECKS: list[tuple[str, str, Check]] = []


def check(number: str, name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS.append((number, name, function))
        return function

    return register


# --- Stage 1: a reading-list API ---


@check("1.1", "POST /books creates a book: 201 with its id and fields")
def create_book(run: Run) -> None:
    book = new_book(run.user(), "reading")
    expect(book.get("status") == "reading" and book.get("author") == "A. Writer",
           "the fields sent, echoed back", book)  # fmt: skip


@check("1.2", "GET /books/{id} returns the book")
def read_book(run: Run) -> None:
    client = run.user()
    book = new_book(client)
    got = status(client.call("GET", f"/books/{book['id']}"), "GET /books/{id}", 200).json()
    expect(got == book, f"the book as created: {book}", got)


@check("1.3", "GET /books lists books, and ?status= filters them")
def list_books(run: Run) -> None:
    client = run.user()
    done, todo = new_book(client, "finished"), new_book(client, "to-read")
    everything = status(client.call("GET", "/books"), "GET /books", 200).json()
    expect(isinstance(everything, list), "a JSON array", everything)
    ids = [book.get("id") for book in everything]
    expect(done["id"] in ids and todo["id"] in ids, "both new books in the list", ids)
    finished = status(client.call("GET", "/books?status=finished"), "filter", 200).json()
    states = {book.get("status") for book in finished}
    ids = [book.get("id") for book in finished]
    expect(states == {"finished"} and done["id"] in ids and todo["id"] not in ids,
           "only finished books, the new finished one included", finished)  # fmt: skip


@check("1.4", "PUT /books/{id} replaces the book: 200, and the change is stored")
def update_book(run: Run) -> None:
    client = run.user()
    book = new_book(client)
    changed = {"title": "Changed title", "author": "B. Writer", "status": "finished"}
    path = f"/books/{book['id']}"
    reply = status(client.call("PUT", path, changed), "PUT /books/{id}", 200).json()
    stored = status(client.call("GET", path), "GET after PUT", 200).json()
    for key, value in changed.items():
        expect(reply.get(key) == value and stored.get(key) == value, f"{key} = {value!r}", stored)


@check("1.5", "DELETE /books/{id} answers 204, then the book is gone (404)")
def delete_book(run: Run) -> None:
    client = run.user()
    path = f"/books/{new_book(client)['id']}"
    status(client.call("DELETE", path), "DELETE /books/{id}", 204)
    status(client.call("GET", path), "GET after DELETE", 404)


@check("1.6", 'an unknown id answers 404 with {"error": "..."}')
def unknown_book(run: Run) -> None:
    client, path = run.user(), f"/books/{UNKNOWN_ID}"
    book = {"title": "T", "author": "A", "status": "reading"}
    for method, body in (("GET", None), ("PUT", book), ("DELETE", None)):
        reply = status(client.call(method, path, body), f"{method} {path}", 404)
        error = reply.json()
        expect(isinstance(error, dict) and isinstance(error.get("error"), str),
               'a body {"error": "a message"}', reply.text())  # fmt: skip


@check("1.7", "malformed JSON is refused with 400 or 422, never 500")
def malformed(run: Run) -> None:
    headers = {"Content-Type": "application/json"}
    reply = run.user().call("POST", "/books", b'{"title": "Oops",', headers)
    status(reply, "POST /books with a cut-off body", 400, 422)


@check("1.8", "invalid books are refused with 400 or 422 (title, author, status)")
def invalid_books(run: Run) -> None:
    client = run.user()
    good = {"title": "Fine", "author": "Fine", "status": "reading"}
    cases = {
        "no title": {"author": "A", "status": "reading"},
        "empty title": {**good, "title": ""},
        "title of 201 characters": {**good, "title": "x" * 201},
        "author as a number": {**good, "author": 42},
        "status 'someday'": {**good, "status": "someday"},
    }
    for case, body in cases.items():
        status(client.call("POST", "/books", body), f"POST /books with {case}", 400, 422)
    path = f"/books/{new_book(client)['id']}"
    reply = client.call("PUT", path, cases["status 'someday'"])
    status(reply, "PUT /books/{id} with status 'someday'", 400, 422)


# --- Stage 2: users, tokens and private data ---


@check("2.1", 'GET /health answers 200 {"status": "ok"} without a token')
def health(run: Run) -> None:
    body = status(run.anonymous().call("GET", "/health"), "GET /health", 200).json()
    expect(body == {"status": "ok"}, '{"status": "ok"}', body)


@check("2.2", "POST /users signs up: 201, and the password never comes back")
def sign_up(run: Run) -> None:
    email = f"new-{uuid.uuid4().hex[:12]}@example.com"
    account = {"email": email, "password": PASSWORD}
    reply = status(run.anonymous().call("POST", "/users", account), "POST /users", 201)
    user = reply.json()
    expect(isinstance(user, dict) and user.get("email") == email and "id" in user,
           '{"id": ..., "email": "..."}', user)  # fmt: skip
    expect(PASSWORD not in reply.text() and "password" not in user, "no password", user)


@check("2.3", "POST /users refuses a taken email with 409")
def duplicate_email(run: Run) -> None:
    account = {"email": f"twice-{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD}
    client = run.anonymous()
    status(client.call("POST", "/users", account), "first sign-up", 201)
    status(client.call("POST", "/users", account), "second sign-up, same email", 409)


@check("2.4", "POST /users refuses a short password or a bad email with 400 or 422")
def weak_sign_up(run: Run) -> None:
    client = run.anonymous()
    short = {"email": f"short-{uuid.uuid4().hex[:12]}@example.com", "password": "1234567"}
    status(client.call("POST", "/users", short), "sign-up with a 7-character password", 400, 422)
    bad = {"email": "not-an-email", "password": PASSWORD}
    status(client.call("POST", "/users", bad), "sign-up with email 'not-an-email'", 400, 422)


@check("2.5", "POST /sessions refuses a wrong password or unknown email with 401")
def wrong_password(run: Run) -> None:
    client = run.anonymous()
    email = f"login-{uuid.uuid4().hex[:12]}@example.com"
    status(client.call("POST", "/users", {"email": email, "password": PASSWORD}), "sign-up", 201)
    wrong = {"email": email, "password": PASSWORD + "x"}
    status(client.call("POST", "/sessions", wrong), "sign-in, wrong password", 401)
    unknown = {"email": "nobody-" + email, "password": PASSWORD}
    status(client.call("POST", "/sessions", unknown), "sign-in, unknown email", 401)


@check("2.6", "books need a valid token: 401 without one or with a made-up one")
def token_required(run: Run) -> None:
    anonymous, forged = run.anonymous(), Client(run.base, "made-up-token")
    book = {"title": "T", "author": "A", "status": "reading"}
    status(anonymous.call("GET", "/books"), "GET /books without a token", 401)
    status(anonymous.call("POST", "/books", book), "POST /books without a token", 401)
    status(forged.call("GET", "/books"), "GET /books with a made-up token", 401)


@check("2.7", "another user can't see, change or delete your book (404)")
def ownership(run: Run) -> None:
    owner, other = run.user(), run.user()
    path = f"/books/{new_book(owner)['id']}"
    book = {"title": "Taken", "author": "Thief", "status": "finished"}
    status(other.call("GET", path), "another user's GET", 404)
    status(other.call("PUT", path, book), "another user's PUT", 404)
    status(other.call("DELETE", path), "another user's DELETE", 404)
    listed = status(other.call("GET", "/books"), "another user's GET /books", 200).json()
    expect(listed == [], "an empty list for a new user", listed)
    kept = status(owner.call("GET", path), "the owner's GET afterwards", 200).json()
    expect(kept.get("title") != "Taken", "the book unchanged", kept)


# --- Running the checks ---


def selected(stage: int, only: bool) -> list[tuple[str, str, Check]]:
    if stage >= 3:
        sys.modules.setdefault("atlas_check", sys.modules[__name__])
        try:
            import atlas_check_more  # noqa: F401 (registers the checks of stages 3 and 4)
        except ImportError:
            sys.exit("Stages 3 and 4 need atlas_check_more.py next to atlas_check.py.")
    first = stage if only else 1
    return [c for c in CHECKS if first <= int(c[0].split(".")[0]) <= stage]


def report(number: str, name: str, expected: str, received: str) -> None:
    print(f"FAIL  {number} {name}")
    print(f"      expected: {expected}")
    print(f"      received: {received}")


def run_checks(run: Run, checks: list[tuple[str, str, Check]]) -> int:
    failures = 0
    for number, name, function in checks:
        try:
            function(run)
        except Failed as failure:
            failures += 1
            report(number, name, failure.expected, failure.received)
        except Exception as error:  # an answer of a shape the check could not read
            failures += 1
            report(number, name, "JSON shaped as the specification says", repr(error))
        else:
            print(f"PASS  {number} {name}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", type=int, choices=(1, 2, 3, 4), required=True)
    parser.add_argument("--base-url", default="http://localhost:8000")
    parser.add_argument("--only", action="store_true", help="only the stage's own checks")
    parser.add_argument("--webhook-secret", default="atlas-webhook-secret", help="stage 4")
    args = parser.parse_args(argv)
    if not args.base_url.startswith(("http://", "https://")):
        parser.error(f"--base-url {args.base_url!r}: start it with http:// or https://")
    checks = selected(args.stage, args.only)
    try:
        Client(args.base_url).call("GET", "/")
    except Failed as failure:
        print(f"Nothing answers at {args.base_url}: {failure.received}. Is your server running?")
        return 2
    print(f"Stage {args.stage} checks against {args.base_url}\n")
    failures = run_checks(Run(args.base_url, args.stage, args.webhook_secret), checks)
    print(f"\n{len(checks) - failures} of {len(checks)} checks passed.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
