"""The questions of the "choose a stack" page, and the form that asks them.

Each answer says what it asks of a framework in the form's own markup: a
workload's option carries the capabilities that matter for that work
(``data-caps``), a need's value is a capability key, and the loosest level a
need may be met at carries its rank (``data-rank``). chooser.js reads them
there, so the page and the script share one definition: this module's. Each
control names its question in ``data-question`` too, the key of the answer in
the page's address (the PDF edition's print page rewrites ``name``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .capability import CAPABILITY_LEVELS, FRAMEWORK_CAPABILITIES
from .htmltable import TableOptionError, format_html, unknown_option
from .models import Framework, Language

RANK = {level: rank for rank, level in enumerate(CAPABILITY_LEVELS)}
"""0 built in, 1 official package, 2 third-party package, 3 not provided."""


@dataclass(frozen=True)
class Workload:
    """A kind of work, and the capabilities that matter most for it (they order the results)."""

    key: str
    label: str
    short: str
    """What the result cards call it: 'For {short}, it gives ...'."""
    capabilities: tuple[str, ...]


WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "api",
        "A JSON API for apps or other services",
        "a JSON API",
        ("validation", "openapi", "authentication", "test-client"),
    ),
    Workload(
        "site",
        "A website whose pages the server renders",
        "a server-rendered site",
        ("templating", "sessions", "authentication", "data-access"),
    ),
    Workload(
        "realtime",
        "Real-time features: chat, live updates, notifications",
        "real-time features",
        ("websockets", "async-handlers"),
    ),
    Workload(
        "jobs",
        "Much work in the background: imports, e-mails, reports",
        "background work",
        ("background-jobs", "scheduling"),
    ),
)

HOSTING: dict[str, str] = {
    "servers": "Your own servers, virtual machines or containers",
    "serverless": "Serverless functions",
}

LEVELS: dict[str, str] = {
    "third-party": "Any package, even one others publish",
    "official": "Built in, or a package from the framework's own project",
    "built-in": "Built in only",
}
"""How a framework may give a capability you need, from the loosest; the first is the default."""

DEFAULT_NEEDS: tuple[str, ...] = (
    "data-access",
    "migrations",
    "authentication",
    "admin-ui",
    "websockets",
    "background-jobs",
    "async-handlers",
    "openapi",
)
"""The needs the page offers unless it names its own."""


def check_needs(needs: Sequence[str]) -> tuple[str, ...]:
    """``needs`` as capability keys, or a ``TableOptionError`` with a did-you-mean."""
    if isinstance(needs, str):
        raise TableOptionError(
            f"needs is a list of capability keys: write needs=[{needs!r}], not needs={needs!r}"
        )
    for need in needs:
        if need not in FRAMEWORK_CAPABILITIES:
            raise TableOptionError(unknown_option("need", need, FRAMEWORK_CAPABILITIES))
    if len(set(needs)) != len(needs):
        raise TableOptionError(f"needs name a capability twice: {', '.join(needs)}")
    if not needs:
        raise TableOptionError("the chooser needs at least one need to offer")
    return tuple(needs)


def questions_form(
    languages: Sequence[Language],
    by_language: Mapping[str, Sequence[Framework]],
    needs: Sequence[str],
) -> Markup:
    """The five questions as a form, hidden until chooser.js shows it (it does nothing alone).

    ``languages`` are those with web frameworks, ``by_language`` those frameworks.
    """
    language_boxes = Markup("").join(
        _control(
            "checkbox",
            "language",
            language.id,
            format_html(
                '{} <span class="atlas-chooser-n">({} framework{})</span>',
                language.name,
                len(by_language[language.id]),
                "" if len(by_language[language.id]) == 1 else "s",
            ),
        )
        for language in languages
    )
    workloads = _control("radio", "workload", "any", Markup("Not sure yet"), checked=True)
    workloads += Markup("").join(
        _control(
            "radio",
            "workload",
            w.key,
            w.label,
            data={"caps": " ".join(w.capabilities), "short": w.short},
        )
        for w in WORKLOADS
    )
    hosting = _control("radio", "hosting", "any", Markup("Not decided"), checked=True)
    hosting += Markup("").join(
        _control("radio", "hosting", key, label) for key, label in HOSTING.items()
    )
    need_boxes = Markup("").join(
        _control("checkbox", "need", key, FRAMEWORK_CAPABILITIES[key]) for key in needs
    )
    levels = Markup("").join(
        _control("radio", "level", key, label, checked=index == 0, data={"rank": str(RANK[key])})
        for index, (key, label) in enumerate(LEVELS.items())
    )
    return format_html(
        '<form class="atlas-chooser-form" data-chooser-form hidden'
        ' aria-label="Questions about your project">\n'
        "{}\n{}\n{}\n{}\n{}\n"
        '<div class="atlas-chooser-actions">'
        '<label class="atlas-chooser-option" for="chooser-all">'
        '<input type="checkbox" id="chooser-all" name="all" data-question="all" value="1">'
        " <span>Also list the frameworks that do not match, with what they lack</span></label>"
        '<button type="button" class="atlas-chooser-reset" data-chooser-reset>'
        "Clear the answers</button>"
        "</div>\n"
        "</form>",
        _fieldset(
            "language",
            "Which languages does your team write?",
            "Tick every one you would use; none ticked means any.",
            language_boxes,
        ),
        _fieldset(
            "workload",
            "What are you building?",
            "Frameworks that give more of what this work needs come first.",
            workloads,
        ),
        _fieldset(
            "hosting",
            "Where will it run?",
            "Serverless keeps the languages that a function platform lists.",
            hosting,
        ),
        _fieldset(
            "need",
            "What must the framework give you?",
            "A framework is kept only if it gives every one you tick.",
            need_boxes,
        ),
        _fieldset(
            "level",
            "How may it give you what you need?",
            "In the box, from its own project, or from anyone.",
            levels,
        ),
    )


def _fieldset(name: str, legend: str, hint: str, controls: Markup) -> Markup:
    return format_html(
        '<fieldset class="atlas-chooser-question" aria-describedby="chooser-{0}-hint">'
        "<legend>{1}</legend>"
        '<p class="atlas-chooser-hint" id="chooser-{0}-hint">{2}</p>{3}</fieldset>',
        name,
        legend,
        hint,
        controls,
    )


def _control(
    kind: str,
    name: str,
    value: str,
    label: str | Markup,
    *,
    checked: bool = False,
    data: Mapping[str, str] | None = None,
) -> Markup:
    extra = Markup(" checked") if checked else Markup("")
    for key, text in (data or {}).items():
        extra += format_html(' data-{}="{}"', key, text)
    return format_html(
        '<label class="atlas-chooser-option" for="chooser-{1}-{2}">'
        '<input type="{0}" id="chooser-{1}-{2}" name="{1}" data-question="{1}" value="{2}"{3}>'
        " <span>{4}</span></label>",
        kind,
        name,
        value,
        extra,
        label,
    )
