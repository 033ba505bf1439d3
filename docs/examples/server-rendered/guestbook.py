"""A server-rendered guestbook: templates, a form, POST-redirect-GET, a CSRF token, a session.

Run it with `uvicorn guestbook:app` (needs starlette, jinja2 and uvicorn).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="en">
<title>{% block title %}{% endblock %}</title>
<main>{% block main %}{% endblock %}</main>
</html>""",
    "guestbook.html": """{% extends "base.html" %}
{% block title %}Guestbook{% endblock %}
{% block main %}
{% if flash %}<p role="status">{{ flash }}</p>{% endif %}
<ul>{% for entry in entries %}<li><b>{{ entry.name }}</b>: {{ entry.message }}</li>{% endfor %}</ul>
<form method="post" action="/guestbook">
  <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
  <label>Name <input name="name" value="{{ form.name }}"></label>
  <label>Message <textarea name="message">{{ form.message }}</textarea></label>
  {% for error in errors %}<p class="error">{{ error }}</p>{% endfor %}
  <button>Sign</button>
</form>
{% endblock %}""",
}
views = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape())
COOKIE = "sid"


def create_app() -> Starlette:
    sessions: dict[str, dict[str, str]] = {}  # in production: Redis or a database table
    entries: list[dict[str, str]] = []  # the model; in production, a table

    def session_of(request: Request) -> tuple[str, dict[str, str]]:
        sid = request.cookies.get(COOKIE, "")
        if sid not in sessions:
            sid = secrets.token_urlsafe(32)
            sessions[sid] = {"csrf": secrets.token_urlsafe(32)}
        return sid, sessions[sid]

    def page(session: dict[str, str], form: dict[str, str], errors: list[str]) -> str:
        return views.get_template("guestbook.html").render(
            entries=entries,
            form=form,
            errors=errors,
            csrf_token=session["csrf"],
            flash=session.pop("flash", None),
        )

    def with_session(response: Response, sid: str) -> Response:
        response.set_cookie(COOKIE, sid, httponly=True, secure=True, samesite="lax")
        return response

    async def show(request: Request) -> Response:
        sid, session = session_of(request)
        return with_session(HTMLResponse(page(session, {"name": "", "message": ""}, [])), sid)

    async def sign(request: Request) -> Response:
        sid, session = session_of(request)
        # request.form() would need the python-multipart package; a urlencoded body
        # is easy to read with the standard library.
        fields = parse_qs((await request.body()).decode(), keep_blank_values=True)
        form = {key: fields.get(key, [""])[0].strip() for key in ("name", "message")}
        token = fields.get("csrf_token", [""])[0]
        if not hmac.compare_digest(token, session["csrf"]):
            return PlainTextResponse("Form expired or forged: reload and try again.", 403)
        errors = []
        if not 1 <= len(form["name"]) <= 40:
            errors.append("Name: 1 to 40 characters.")
        if not 1 <= len(form["message"]) <= 500:
            errors.append("Message: 1 to 500 characters.")
        if errors:  # show the form again, with what the visitor typed
            return with_session(HTMLResponse(page(session, form, errors), 422), sid)
        entries.append(form)
        session["flash"] = "Thank you for signing!"
        return with_session(RedirectResponse("/guestbook", status_code=303), sid)

    return Starlette(
        routes=[
            Route("/guestbook", show, methods=["GET"]),
            Route("/guestbook", sign, methods=["POST"]),
        ]
    )


app = create_app()
