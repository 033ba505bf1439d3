"""Rendered tables: golden files for the markup, and nothing from data left unescaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT

from macros import datasets
from macros.datasets import FRAMEWORKS, LANGUAGES, validate_document
from macros.htmltable import TableOptionError
from macros.models import Framework, Language
from macros.tables import dataset_table, frameworks_table, languages_table
from macros.yamlfile import read_yaml

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def languages() -> tuple[Language, ...]:
    return validate_document(LANGUAGES, read_yaml(FIXTURES / "data" / "languages.yml"))


def check_golden(name: str, rendered: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(rendered + "\n", encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run `make golden` and review it"
    assert rendered + "\n" == path.read_text(encoding="utf-8"), (
        f"{name} changed; if the change is intended, run `make golden` and review the diff"
    )


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("languages-default.html", {}),
        (
            "languages-columns-sorted.html",
            {"columns": ["name", "typing"], "sort": "-first_release"},
        ),
    ],
)
def test_languages_table_matches_golden(
    languages: tuple[Language, ...], update_goldens: bool, name: str, options: dict[str, object]
) -> None:
    check_golden(name, str(languages_table(languages, **options)), update_goldens)  # type: ignore[arg-type]


def test_sort_orders_rows(languages: tuple[Language, ...]) -> None:
    html = BeautifulSoup(str(languages_table(languages, sort="first_release")), "html.parser")
    assert [tr["id"] for tr in html.select("tbody tr")] == ["languages-alpha", "languages-zeta"]


def test_unknown_column_names_the_closest_one(languages: tuple[Language, ...]) -> None:
    with pytest.raises(TableOptionError, match="unknown column 'typng': did you mean 'typing'"):
        languages_table(languages, columns=["name", "typng"])


HOSTILE = '<script>alert(1)</script>" onmouseover="alert(2)'


def hostile_language() -> Language:
    return Language.model_validate(
        {
            "id": "evil",
            "name": HOSTILE[:80],
            "runtime": HOSTILE[:80],
            "primary_uses": [HOSTILE[:80]],
            "execution": HOSTILE,
            "performance": HOSTILE,
            "concurrency": HOSTILE,
            "typing": "static",
            "typing_notes": HOSTILE,
            "first_release": {"date": "2000", "version": HOSTILE[:80]},
            "sources": [
                {
                    "url": 'https://example.org/"onmouseover="alert(3)',
                    "supports": ["first_release"],
                    "accessed": "2026-01-01",
                    "evidence": HOSTILE[:300],
                }
            ],
            "reviewed": "2026-01-01",
        }
    )


def test_every_string_from_data_is_escaped() -> None:
    html = str(languages_table([hostile_language()]))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    attributes = {name for tag in soup.find_all(True) for name in tag.attrs}
    assert not {name for name in attributes if name.startswith("on")}
    assert html.count("&lt;script&gt;") >= 7
    link = soup.select_one("a.atlas-source")
    assert link is not None
    assert str(link["href"]).startswith("https://example.org/")


@pytest.fixture(scope="module")
def frameworks() -> tuple[Framework, ...]:
    return validate_document(FRAMEWORKS, read_yaml(FIXTURES / "data" / "frameworks.yml"))


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("frameworks-default.html", {}),
        ("frameworks-zeta-by-kind.html", {"language": "zeta", "sort": "kind"}),
    ],
)
def test_frameworks_table_matches_golden(
    frameworks: tuple[Framework, ...],
    languages: tuple[Language, ...],
    update_goldens: bool,
    name: str,
    options: dict[str, str],
) -> None:
    rendered = frameworks_table(frameworks, languages, **options)  # type: ignore[arg-type]
    check_golden(name, str(rendered), update_goldens)


def test_languages_table_lists_web_frameworks_from_framework_data(
    languages: tuple[Language, ...], frameworks: tuple[Framework, ...]
) -> None:
    html = BeautifulSoup(str(languages_table(languages, frameworks)), "html.parser")
    zeta = html.select_one("#languages-zeta")
    assert zeta is not None
    assert [li.get_text() for li in zeta.select("td ul li") if li.get_text() in ("Big", "ZRT")] == [
        "Big"
    ], "web frameworks only: a runtime is not listed"


def test_framework_filters_reject_unknown_values(
    frameworks: tuple[Framework, ...], languages: tuple[Language, ...]
) -> None:
    with pytest.raises(TableOptionError, match="unknown language 'zetta': did you mean 'zeta'"):
        frameworks_table(frameworks, languages, language="zetta")
    with pytest.raises(TableOptionError, match="unknown kind 'orms'"):
        frameworks_table(frameworks, languages, kind="orms")


def test_every_framework_string_is_escaped(languages: tuple[Language, ...]) -> None:
    evil = Framework.model_validate(
        {
            "id": "evil",
            "name": HOSTILE[:80],
            "language": "alpha",
            "kind": "orm",
            "summary": HOSTILE,
            "first_release": {"date": "2000", "version": HOSTILE[:80]},
            "license": "LicenseRef-x",
            "website": 'https://example.org/"><script>alert(4)</script>',
            "repository": "https://example.org/' onclick='alert(5)",
            "sources": [
                {
                    "url": "https://example.org/s",
                    "supports": ["first_release", "license"],
                    "accessed": "2026-01-01",
                    "evidence": HOSTILE[:300],
                }
            ],
            "reviewed": "2026-01-01",
        }
    )
    soup = BeautifulSoup(str(frameworks_table([evil], languages)), "html.parser")
    assert soup.find("script") is None
    assert not {n for tag in soup.find_all(True) for n in tag.attrs if n.startswith("on")}


def test_a_filter_no_entry_could_pass_fails_with_a_did_you_mean() -> None:
    tools = datasets.load_dataset(datasets.TOOLS, ROOT / "data", ROOT)
    with pytest.raises(
        TableOptionError, match="unknown tools category 'editr': did you mean 'editor'"
    ):
        dataset_table("tools", tools, where={"category": "editr"})
    with pytest.raises(TableOptionError, match="unknown tools field 'categry': did you mean"):
        dataset_table("tools", tools, where={"categry": "editor"})
    # An empty file still knows its fields and their allowed values.
    with pytest.raises(TableOptionError, match="did you mean 'editor'"):
        dataset_table("tools", (), where={"category": "editr"})
    assert 'data-dataset="tools"' in dataset_table("tools", tools, where={"category": "editor"})


@pytest.mark.build
def test_a_bad_table_option_stops_the_build_naming_the_page(tmp_path: Path) -> None:
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "tools" / "index.md"
    text = page.read_text(encoding="utf-8")
    call = next(line for line in text.splitlines() if "{{ tools(" in line)
    page.write_text(text.replace(call, '{{ tools(category="editr") }}'), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "tools/index.md" in result.stderr
    assert "did you mean 'editor'" in result.stderr
