"""What Jinja escapes, and what it cannot: run it and compare the three outputs."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

REVIEW = "Great kettle! <script>steal(document.cookie)</script>"
LINK = "javascript:steal(document.cookie)"

# Jinja's own default is autoescape=False: every value goes into the page as it is.
unescaped = Environment()  # noqa: S701 (the unsafe default, shown on purpose)
# select_autoescape() turns escaping on for .html, .htm and .xml templates and for
# templates built from strings: the setting to use for HTML.
escaped = Environment(autoescape=select_autoescape())


def render(env: Environment, source: str, **values: str) -> str:
    return env.from_string(source).render(**values)


if __name__ == "__main__":
    print(render(unescaped, "<p>{{ review }}</p>", review=REVIEW))  # the script runs
    print(render(escaped, "<p>{{ review }}</p>", review=REVIEW))  # &lt;script&gt;...
    # Escaping makes text safe inside HTML, not inside a URL: this link still runs code.
    print(render(escaped, '<a href="{{ link }}">my site</a>', link=LINK))
