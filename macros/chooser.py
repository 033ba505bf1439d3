"""The "choose a stack" page: a few questions, and every web framework with the facts behind them.

Everything the page shows comes from the data, written out as escaped HTML: per
language, where it runs (the application servers that list it, the function
platforms whose runtimes name it), then each of its web frameworks with every
capability the data records, its level and the page that says so. The questions
are a form whose options carry, as data attributes, what each answer asks of a
framework; docs/assets/javascripts/chooser.js (loaded by docs/.overrides/main.html
on the page that holds the form) only hides, shows and orders what is already
there. Without it the form stays hidden, a note says why, and every framework is
listed, grouped by language; on paper the answers, if any, are summed up
instead. The cards are left out of the search index: the capability matrix
holds the same facts, and search should lead there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from .capabilities import MARKS
from .capability import CAPABILITY_LEVELS, FRAMEWORK_CAPABILITIES
from .hosting import Listing, app_servers_for, container_platforms, function_platforms, source_of
from .htmltable import TableOptionError, format_html, unknown_option
from .labels import FRAMEWORK_KINDS
from .models import Framework, Language
from .platforms import AppServer, ServerlessPlatform
from .questions import DEFAULT_NEEDS, RANK, check_needs, questions_form


def stack_chooser(
    frameworks: Sequence[Framework],
    languages: Sequence[Language],
    app_servers: Sequence[AppServer],
    platforms: Sequence[ServerlessPlatform],
    *,
    needs: Sequence[str] | None = None,
) -> Markup:
    """The questions and the answers: the web frameworks (those with capability data)."""
    offered = check_needs(DEFAULT_NEEDS if needs is None else needs)
    web = [fw for fw in frameworks if fw.capabilities]
    by_language = {
        language.id: sorted(
            (fw for fw in web if fw.language == language.id), key=lambda fw: fw.name.casefold()
        )
        for language in languages
    }
    groups = [(language, by_language[language.id]) for language in languages]
    groups = [(language, group) for language, group in groups if group]
    sections = Markup("\n").join(
        _language_section(language, group, app_servers, platforms) for language, group in groups
    )
    return format_html(
        '<div class="atlas-chooser" data-chooser data-total="{}">\n'
        '<p class="atlas-chooser-nojs" data-chooser-nojs><strong>The questions need'
        " JavaScript</strong>, which is off or has not loaded here: all {} web frameworks"
        " are listed below, grouped by language, each with every fact the data holds.</p>\n"
        "{}\n"
        '<p class="atlas-chooser-print">On paper the questions cannot be asked: every web'
        " framework in our data is listed below, grouped by language. On the site, the"
        " questions narrow the list.</p>\n"
        '<p class="atlas-chooser-summary" data-chooser-summary></p>\n'
        '<p class="atlas-chooser-count" role="status" data-chooser-count></p>\n'
        '<p class="atlas-chooser-empty" data-chooser-empty hidden>No web framework matches all'
        " your answers. Untick a need, or let a need be met by any package.</p>\n"
        '<div class="atlas-facts atlas-chooser-results" data-search-exclude>\n{}\n{}\n</div>\n'
        "</div>",
        len(web),
        len(web),
        questions_form([language for language, _ in groups], by_language, offered),
        _containers_note(container_platforms(platforms)),
        sections,
    )


OPTIONS = ("needs",)
"""The options of the stack_chooser macro."""


def check_options(options: Mapping[str, object]) -> None:
    """Fail, with a did-you-mean, on an option of the macro that does not exist."""
    for name in options:
        raise TableOptionError(unknown_option("stack_chooser option", name, OPTIONS))


def _containers_note(containers: Sequence[Listing]) -> Markup:
    if not containers:
        return Markup("")
    return format_html(
        '<p class="atlas-chooser-hosting" data-hosting="serverless">Serverless container'
        " platforms run any framework here, whatever its language: {}.</p>",
        _listings(containers, "{}: “{}”"),
    )


def _language_section(
    language: Language,
    frameworks: Sequence[Framework],
    app_servers: Sequence[AppServer],
    platforms: Sequence[ServerlessPlatform],
) -> Markup:
    servers = app_servers_for(language, app_servers)
    functions = function_platforms(language, platforms)
    if servers:
        on_servers = format_html(
            "Application servers in our data that run {}: {}.",
            language.name,
            _listings(servers, "{} ({})"),
        )
    else:
        on_servers = format_html(
            "No application server in our data runs {}: its frameworks serve HTTP themselves.",
            language.name,
        )
    if functions:
        on_functions = format_html(
            "Function platforms whose runtimes list it: {}.", _listings(functions, "{}: “{}”")
        )
    else:
        on_functions = format_html("No function platform in our data lists {}.", language.name)
    return format_html(
        '<section class="atlas-chooser-language" data-language="{0}" data-functions="{1}"'
        ' aria-labelledby="choose-language-{0}">\n'
        '<h3 id="choose-language-{0}">{2}</h3>\n'
        '<ul class="atlas-chooser-where">'
        '<li data-hosting="servers"><strong>On your own servers.</strong> {3}</li>'
        '<li data-hosting="serverless"><strong>Serverless.</strong> {4}</li></ul>\n'
        '<ul class="atlas-chooser-cards">\n{5}\n</ul>\n'
        "</section>",
        language.id,
        len(functions),
        language.name,
        on_servers,
        on_functions,
        Markup("\n").join(_card(fw) for fw in frameworks),
    )


def _listings(listings: Sequence[Listing], template: str) -> Markup:
    parts = []
    for listing in listings:
        text = format_html(template, listing.name, listing.says)
        if listing.source is not None:
            text += format_html(
                ' <a class="atlas-chooser-src" href="{0}" title="Read on {2}"'
                ' aria-label="source for {1}, read on {2}">source</a>',
                str(listing.source.url),
                listing.name,
                listing.source.accessed.isoformat(),
            )
        parts.append(text)
    return Markup("; ").join(parts)


def _card(framework: Framework) -> Markup:
    recorded = [key for key in FRAMEWORK_CAPABILITIES if key in framework.capabilities]
    missing = [key for key in FRAMEWORK_CAPABILITIES if key not in framework.capabilities]
    facts = Markup("").join(_fact(framework, key) for key in recorded)
    unrecorded = Markup("")
    if missing:
        unrecorded = format_html(
            '<p class="atlas-chooser-unrecorded">Not in our data yet: {}.</p>',
            Markup(", ").join(
                format_html('<span data-cap="{}">{}</span>', key, FRAMEWORK_CAPABILITIES[key])
                for key in missing
            ),
        )
    name = (
        format_html('<a href="{}">{}</a>', str(framework.website), framework.name)
        if framework.website
        else format_html("{}", framework.name)
    )
    return format_html(
        '<li class="atlas-chooser-card" id="choose-{0}" data-framework="{0}">'
        "<h4>{1}</h4>"
        '<p class="atlas-chooser-kind">{2}. {3}</p>'
        '<p class="atlas-chooser-verdict" data-chooser-verdict hidden></p>'
        '<ul class="atlas-chooser-caps">{4}</ul>{5}'
        '<p class="atlas-chooser-reviewed">Entry last reviewed <time datetime="{6}">{6}</time>.</p>'
        "</li>",
        framework.id,
        name,
        FRAMEWORK_KINDS[framework.kind],
        framework.summary,
        facts,
        unrecorded,
        framework.reviewed.isoformat(),
    )


def _fact(framework: Framework, key: str) -> Markup:
    capability = framework.capabilities[key]
    source = source_of(framework.sources, f"capabilities.{key}")
    note = format_html(" ({})", capability.note) if capability.note else Markup("")
    link = Markup("")
    if source is not None:
        link = format_html(
            ' <a class="atlas-chooser-src" href="{0}" title="Read on {3}"'
            ' aria-label="source for {1} in {2}, read on {3}">source</a>',
            str(source.url),
            FRAMEWORK_CAPABILITIES[key],
            framework.name,
            source.accessed.isoformat(),
        )
    return format_html(
        '<li data-cap="{0}" data-rank="{1}">'
        '<span class="atlas-cap atlas-cap--{2}" aria-hidden="true">{3}</span> '
        '<span class="atlas-chooser-cap">{4}</span>: '
        '<span class="atlas-chooser-level">{5}</span>{6}{7}</li>',
        key,
        RANK[capability.level],
        capability.level,
        MARKS[capability.level],
        FRAMEWORK_CAPABILITIES[key],
        CAPABILITY_LEVELS[capability.level],
        note,
        link,
    )
