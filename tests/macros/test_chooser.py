"""The "choose a stack" page: each framework shows the data's facts, escaped and sourced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, MacrosEnv

import macros
from macros import datasets
from macros.capability import CAPABILITY_LEVELS, FRAMEWORK_CAPABILITIES
from macros.chooser import stack_chooser
from macros.hosting import app_servers_for, function_platforms, runtime_names
from macros.htmltable import TableOptionError
from macros.models import Framework, Language
from macros.platforms import AppServer, ServerlessPlatform
from macros.questions import DEFAULT_NEEDS, LEVELS, RANK, WORKLOADS

DATA = ROOT / "data"
ATTACK = '<script>alert(1)</script>" onmouseover="alert(2)'


def load(dataset: datasets.Dataset[Any]) -> tuple[Any, ...]:
    return datasets.load_dataset(dataset, DATA, ROOT)


def real_page() -> BeautifulSoup:
    html = stack_chooser(
        load(datasets.FRAMEWORKS),
        load(datasets.LANGUAGES),
        load(datasets.APP_SERVERS),
        load(datasets.SERVERLESS),
    )
    return BeautifulSoup(str(html), "html.parser")


def language(ident: str, name: str, runtime: str | None = None) -> Language:
    return Language.model_validate(
        {
            "id": ident,
            "name": name,
            "runtime": runtime,
            "primary_uses": ["Servers"],
            "execution": "Compiled.",
            "performance": "Fast.",
            "concurrency": "Threads.",
            "typing": "static",
            "typing_notes": "Types.",
            "reviewed": "2026-01-01",
        }
    )


def framework(ident: str, capabilities: dict[str, object], **fields: object) -> Framework:
    return Framework.model_validate(
        {
            "id": ident,
            "name": ident.title(),
            "language": "zeta",
            "kind": "micro-web-framework",
            "summary": "A demo.",
            "capabilities": capabilities,
            "sources": [
                {
                    "url": f"https://example.org/{ident}/{key}",
                    "supports": [f"capabilities.{key}"],
                    "accessed": "2026-01-02",
                }
                for key in capabilities
            ],
            "reviewed": "2026-01-03",
            **fields,
        }
    )


def platform(ident: str, kind: str, runtimes: list[str]) -> ServerlessPlatform:
    return ServerlessPlatform.model_validate(
        {
            "id": ident,
            "name": ident.title(),
            "provider": "Example",
            "kind": kind,
            "runtimes": runtimes,
            "summary": "A platform.",
            "sources": [
                {
                    "url": f"https://example.org/{ident}",
                    "supports": ["runtimes"],
                    "accessed": "2026-01-04",
                }
            ],
            "reviewed": "2026-01-04",
        }
    )


def server(ident: str, languages: list[str]) -> AppServer:
    return AppServer.model_validate(
        {
            "id": ident,
            "name": ident.title(),
            "languages": languages,
            "interfaces": ["native"],
            "concurrency": "Threads.",
            "summary": "A server.",
            "sources": [
                {
                    "url": f"https://example.org/{ident}",
                    "supports": ["interfaces"],
                    "accessed": "2026-01-05",
                }
            ],
            "reviewed": "2026-01-05",
        }
    )


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


# The facts: every card says what the data says, with the data's source.


def test_each_web_framework_shows_every_recorded_capability_with_its_level_note_and_source() -> (
    None
):
    soup = real_page()
    web = [fw for fw in load(datasets.FRAMEWORKS) if fw.capabilities]
    cards = soup.select("li.atlas-chooser-card")
    assert [card["data-framework"] for card in cards] == [
        fw.id
        for lang in load(datasets.LANGUAGES)
        for fw in sorted(web, key=lambda fw: fw.name.casefold())
        if fw.language == lang.id
    ], "grouped by language in languages.yml's order, by name within each"
    for fw in web:
        card = soup.select_one(f"#choose-{fw.id}")
        assert card is not None
        assert card.find_parent("section")["data-language"] == fw.language  # type: ignore[index]
        items = card.select("ul.atlas-chooser-caps > li")
        assert [item["data-cap"] for item in items] == [
            key for key in FRAMEWORK_CAPABILITIES if key in fw.capabilities
        ]
        for item in items:
            key = str(item["data-cap"])
            capability = fw.capabilities[key]
            assert item["data-rank"] == str(RANK[capability.level])
            assert text(item.select_one(".atlas-chooser-cap")) == FRAMEWORK_CAPABILITIES[key]
            assert (
                text(item.select_one(".atlas-chooser-level")) == CAPABILITY_LEVELS[capability.level]
            )
            if capability.note:
                assert f"({' '.join(capability.note.split())})" in text(item)
            source = next(s for s in fw.sources if f"capabilities.{key}" in s.supports)
            link = item.select_one("a.atlas-chooser-src")
            assert link is not None and link["href"] == str(source.url)
            assert source.accessed.isoformat() in str(link["aria-label"])
        unrecorded = [
            str(span["data-cap"]) for span in card.select(".atlas-chooser-unrecorded [data-cap]")
        ]
        assert unrecorded == [key for key in FRAMEWORK_CAPABILITIES if key not in fw.capabilities]
    assert soup.select_one("[data-chooser]")["data-total"] == str(len(web))  # type: ignore[index]


def test_ids_are_unique_even_when_a_framework_shares_its_languages_id() -> None:
    soup = real_page()
    ids = [str(tag["id"]) for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    twin = framework("zeta", {"routing": "built-in"})
    html = stack_chooser([twin], [language("zeta", "Zeta")], [], [])
    ids = [str(tag["id"]) for tag in BeautifulSoup(str(html), "html.parser").select("[id]")]
    assert len(ids) == len(set(ids)), sorted(ids)


def test_frameworks_without_capability_data_are_not_offered() -> None:
    soup = real_page()
    shown = {card["data-framework"] for card in soup.select("li.atlas-chooser-card")}
    others = {fw.id for fw in load(datasets.FRAMEWORKS) if not fw.capabilities}
    assert others and not shown & others  # Node.js is a runtime, Tokio an async runtime


def test_without_javascript_every_framework_shows_and_the_page_says_so() -> None:
    soup = real_page()
    assert soup.select_one("form[data-chooser-form]").has_attr("hidden")  # type: ignore[union-attr]
    assert "The questions need JavaScript" in text(soup.select_one("[data-chooser-nojs]"))
    results = soup.select_one(".atlas-chooser-results")
    assert results is not None and "atlas-facts" in results["class"]  # outside the prose count
    assert results.has_attr("data-search-exclude"), "search leads to the capability matrix"
    assert not results.select("li.atlas-chooser-card[hidden], section[hidden]")
    assert not soup.select("script"), "docs/.overrides/main.html loads chooser.js"
    assert "On paper the questions cannot be asked" in text(soup.select_one(".atlas-chooser-print"))
    assert text(soup.select_one("[data-chooser-summary]")) == "", "chooser.js writes the answers"


def test_each_language_says_where_it_runs_with_sources() -> None:
    soup = real_page()
    python = soup.select_one('section[data-language="python"]')
    assert python is not None
    servers = text(python.select_one('[data-hosting="servers"]'))
    assert "Gunicorn" in servers and "Uvicorn" in servers and "Puma" not in servers
    serverless = python.select_one('[data-hosting="serverless"]')
    assert serverless is not None and "AWS Lambda: “Python”" in text(serverless)
    assert all(a["href"].startswith("https://") for a in serverless.select("a"))
    assert int(str(python["data-functions"])) == len(serverless.select("a"))


# The questions: what each answer asks is in the form, named by capability key and rank.


def test_the_form_offers_the_languages_with_web_frameworks_and_the_default_needs() -> None:
    soup = real_page()
    offered = [box["value"] for box in soup.select('input[name="language"]')]
    web_languages = {fw.language for fw in load(datasets.FRAMEWORKS) if fw.capabilities}
    assert offered == [lang.id for lang in load(datasets.LANGUAGES) if lang.id in web_languages]
    assert [box["value"] for box in soup.select('input[name="need"]')] == list(DEFAULT_NEEDS)
    for box in soup.select("input"):
        assert box["data-question"] == box["name"], "the PDF's print page rewrites name"
        label = soup.select_one(f'label[for="{box["id"]}"]')
        assert label is not None and text(label), f"{box['id']} has no label"
    for fieldset in soup.select("fieldset"):
        assert text(fieldset.legend), "every question has a legend"
    ranks = {box["value"]: box["data-rank"] for box in soup.select('input[name="level"]')}
    assert ranks == {key: str(RANK[key]) for key in LEVELS}
    defaults = [box["value"] for box in soup.select("input[checked]")]
    assert defaults == ["any", "any", "third-party"]


def test_workloads_name_real_capabilities() -> None:
    soup = real_page()
    for workload in WORKLOADS:
        assert set(workload.capabilities) <= set(FRAMEWORK_CAPABILITIES), workload.key
        box = soup.select_one(f'input[name="workload"][value="{workload.key}"]')
        assert box is not None and box["data-caps"] == " ".join(workload.capabilities)


def test_a_page_can_offer_other_needs() -> None:
    html = stack_chooser(
        [framework("alpha", {"routing": "built-in"})],
        [language("zeta", "Zeta")],
        [],
        [],
        needs=["scheduling", "routing"],
    )
    soup = BeautifulSoup(str(html), "html.parser")
    assert [box["value"] for box in soup.select('input[name="need"]')] == ["scheduling", "routing"]


@pytest.mark.parametrize(
    ("needs", "message"),
    [
        (["admin"], r"unknown need 'admin': did you mean 'admin-ui'\?"),
        (["websocket"], r"did you mean 'websockets'\?"),
        (["routing", "routing"], r"needs name a capability twice"),
        ([], r"at least one need"),
    ],
)
def test_an_unknown_need_fails_with_a_did_you_mean(needs: list[str], message: str) -> None:
    with pytest.raises(TableOptionError, match=message):
        stack_chooser([], [], [], [], needs=needs)


def test_the_registered_macro_checks_its_options_with_a_did_you_mean() -> None:
    env = MacrosEnv()
    macros.define_env(env)
    chooser: Any = env.macros["stack_chooser"]
    assert BeautifulSoup(str(chooser()), "html.parser").select_one("form[data-chooser-form]")
    with pytest.raises(TableOptionError, match="did you mean 'openapi'"):
        chooser(needs=["open-api"])
    with pytest.raises(TableOptionError, match=r"unknown stack_chooser option 'need': did you"):
        chooser(need=["openapi"])
    with pytest.raises(TableOptionError, match=r"write needs=\['openapi'\]"):
        chooser(needs="openapi")


def test_the_theme_loads_the_script_only_where_the_form_is() -> None:
    template = (ROOT / "docs" / ".overrides" / "main.html").read_text(encoding="utf-8")
    assert "'data-chooser-form' in page.content" in template
    assert "'assets/javascripts/chooser.js' | url" in template


# Contributor text is shown, never run.


def test_contributor_text_is_escaped_in_cards_attributes_and_listings() -> None:
    hostile = framework(
        "alpha",
        {"routing": {"level": "built-in", "note": ATTACK[:80]}},
        name=ATTACK[:80],
        summary=ATTACK,
        website="https://example.org/alpha",
    )
    html = str(
        stack_chooser(
            [hostile],
            [language("zeta", ATTACK[:80])],
            [server("srv", ["zeta"])],
            [platform("fn", "functions", [f"{ATTACK[:60]} Zeta"])],
        )
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("script") == [], "no script at all: the theme loads chooser.js"
    assert not [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert text(soup.select_one("#choose-alpha h4")) == ATTACK[:80]
    assert text(soup.select_one('label[for="chooser-language-zeta"]')).startswith(ATTACK[:60])


# Where a language runs: matched as a word, by its own name or its runtime's.


def test_a_runtime_is_named_by_the_words_after_on() -> None:
    assert runtime_names(language("javascript", "JavaScript", "on Node.js")) == (
        "JavaScript",
        "Node.js",
    )
    assert runtime_names(language("csharp", "C#", "on .NET")) == ("C#", ".NET")
    assert runtime_names(language("go", "Go")) == ("Go",)


@pytest.mark.parametrize(
    ("name", "runtime", "line", "listed"),
    [
        ("Go", None, "Go, Rust and others through custom handlers", True),
        ("Go", None, "OS-only runtime for Go, Rust and other compiled code", True),
        ("Go", None, "source code built by Google Cloud's buildpacks", False),
        ("Java", None, "JavaScript and TypeScript", False),
        ("Java", None, "Java", True),
        ("C#", "on .NET", "C#, Ruby and PHP templates", True),
        ("C#", "on .NET", ".NET", True),
        ("C#", "on .NET", "F# (ASP.NET apps)", False),
        ("JavaScript", "on Node.js", "Node.js", True),
        ("PHP", None, "Ruby and PHP", True),
    ],
)
def test_a_function_platform_lists_a_language_by_a_whole_word(
    name: str, runtime: str | None, line: str, listed: bool
) -> None:
    found = function_platforms(language("x", name, runtime), [platform("fn", "functions", [line])])
    assert bool(found) is listed
    if listed:
        (listing,) = found
        assert listing.says == line and str(listing.source.url) == "https://example.org/fn"  # type: ignore[union-attr]


def test_only_function_platforms_list_languages_and_containers_run_any() -> None:
    zeta = language("zeta", "Zeta")
    platforms = [
        platform("fn", "functions", ["Zeta"]),
        platform("edge", "edge-functions", ["Zeta"]),
        platform("run", "containers", ["any container image (Zeta too)"]),
        platform("baas", "backend-as-a-service", ["Zeta"]),
    ]
    assert [listing.name for listing in function_platforms(zeta, platforms)] == ["Fn", "Edge"]
    soup = BeautifulSoup(
        str(stack_chooser([framework("alpha", {"routing": "built-in"})], [zeta], [], platforms)),
        "html.parser",
    )
    assert "Run: “any container image (Zeta too)”" in text(
        soup.select_one("p.atlas-chooser-hosting")
    )
    assert "No application server in our data" in text(soup.select_one('[data-hosting="servers"]'))


def test_real_data_javascript_runs_on_lambda_through_node_and_csharp_through_dotnet() -> None:
    languages = {lang.id: lang for lang in load(datasets.LANGUAGES)}
    platforms = load(datasets.SERVERLESS)
    javascript = {
        listing.name: listing.says
        for listing in function_platforms(languages["javascript"], platforms)
    }
    assert javascript["AWS Lambda"] == "Node.js"
    csharp = {
        listing.name: listing.says for listing in function_platforms(languages["csharp"], platforms)
    }
    assert csharp["AWS Lambda"] == ".NET"
    servers = [
        listing.name for listing in app_servers_for(languages["ruby"], load(datasets.APP_SERVERS))
    ]
    assert "Puma" in servers and "Gunicorn" not in servers
    jetty = next(
        listing
        for listing in app_servers_for(languages["java"], load(datasets.APP_SERVERS))
        if listing.name == "Eclipse Jetty"
    )
    assert jetty.says == "Jakarta Servlet, its own HTTP server"


def test_the_page_calls_the_macro_and_the_preview_knows_what_it_reads() -> None:
    from scripts.preview import MACRO_DATASETS

    page = Path(ROOT / "docs" / "frameworks" / "choose.md").read_text(encoding="utf-8")
    assert "{{ stack_chooser() }}" in page and "render_macros: true" in page
    assert set(MACRO_DATASETS["stack_chooser"]) == {
        "frameworks",
        "languages",
        "app-servers",
        "serverless-platforms",
    }
