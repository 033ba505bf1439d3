"""The server-rendered examples do what docs/frameworks/server-rendered.md says they do.

guestbook.py runs through Starlette's test client over https (its session cookie is
Secure, so a client on plain http would never send it back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture
from starlette.testclient import TestClient

FOLDER = ROOT / "docs" / "examples" / "server-rendered"
MODULES = ("escaping", "guestbook")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


examples_on_path = examples_fixture(FOLDER, MODULES)


# --- escaping.py ---


def test_jinja_does_not_escape_unless_told_to() -> None:
    esc = example("escaping")
    html = esc.render(esc.unescaped, "<p>{{ review }}</p>", review=esc.REVIEW)
    assert "<script>steal(document.cookie)</script>" in html


def test_select_autoescape_escapes_text_and_quoted_attributes() -> None:
    esc = example("escaping")
    html = esc.render(esc.escaped, "<p>{{ review }}</p>", review=esc.REVIEW)
    assert "<script>" not in html
    assert "&lt;script&gt;steal(document.cookie)&lt;/script&gt;" in html
    attribute = esc.render(esc.escaped, '<input value="{{ v }}">', v='" onfocus="steal()')
    assert attribute == '<input value="&#34; onfocus=&#34;steal()">'


def test_safe_filter_switches_escaping_off() -> None:
    esc = example("escaping")
    html = esc.render(esc.escaped, "<p>{{ review|safe }}</p>", review=esc.REVIEW)
    assert "<script>" in html


def test_escaping_does_not_make_a_url_safe() -> None:
    esc = example("escaping")
    html = esc.render(esc.escaped, '<a href="{{ link }}">my site</a>', link=esc.LINK)
    assert 'href="javascript:steal(document.cookie)"' in html


def test_the_script_prints_the_three_cases(capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    runpy.run_path(str(FOLDER / "escaping.py"), run_name="__main__")
    lines = capsys.readouterr().out.splitlines()
    assert "<script>" in lines[0] and "&lt;script&gt;" in lines[1] and "javascript:" in lines[2]


# --- guestbook.py ---


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(example("guestbook").create_app(), base_url="https://testserver") as c:
        yield c


def token_from(client: TestClient) -> str:
    found = TOKEN.search(client.get("/guestbook").text)
    assert found is not None
    return found.group(1)


def sign(client: TestClient, **fields: str) -> Any:
    return client.post("/guestbook", data=fields, follow_redirects=False)


def test_first_visit_sets_a_hardened_session_cookie(client: TestClient) -> None:
    response = client.get("/guestbook")
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("sid=")
    for flag in ("httponly", "secure", "samesite=lax"):
        assert flag in cookie


def test_a_valid_post_redirects_with_303_then_shows_the_entry_and_a_flash_once(
    client: TestClient,
) -> None:
    response = sign(client, csrf_token=token_from(client), name="Ada", message="Lovely shop")
    assert response.status_code == 303
    assert response.headers["location"] == "/guestbook"
    page = client.get("/guestbook").text
    assert "<b>Ada</b>: Lovely shop" in page
    assert "Thank you for signing!" in page
    assert "Thank you for signing!" not in client.get("/guestbook").text, "flash shows once"


def test_entries_are_escaped_on_the_page(client: TestClient) -> None:
    sign(client, csrf_token=token_from(client), name="Eve", message="<script>x()</script>")
    page = client.get("/guestbook").text
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


def test_invalid_input_re_renders_the_form_with_errors_and_the_typed_values(
    client: TestClient,
) -> None:
    token = token_from(client)
    response = sign(client, csrf_token=token, name="", message='Say "hi" <b>')
    assert response.status_code == 422
    assert "Name: 1 to 40 characters." in response.text
    assert "Say &#34;hi&#34; &lt;b&gt;</textarea>" in response.text
    assert "<li>" not in response.text, "nothing was stored"


@pytest.mark.parametrize("token", [None, "", "guessed-token"])
def test_a_missing_or_wrong_csrf_token_is_refused(client: TestClient, token: str | None) -> None:
    token_from(client)  # the visitor has a session and a real token
    fields = {"name": "Mallory", "message": "forged"}
    if token is not None:
        fields["csrf_token"] = token
    response = sign(client, **fields)
    assert response.status_code == 403
    assert "Mallory" not in client.get("/guestbook").text


def test_a_token_from_another_session_is_refused() -> None:
    app = example("guestbook").create_app()
    with (
        TestClient(app, base_url="https://testserver") as attacker,
        TestClient(app, base_url="https://testserver") as victim,
    ):
        stolen = token_from(attacker)
        token_from(victim)
        response = sign(victim, csrf_token=stolen, name="Mallory", message="forged")
        assert response.status_code == 403
