"""Data for reuse: the served JSON equals the YAML, the CSV has every entry, schemas ship."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from macros.datasets import DATASETS
from scripts.exports import plain

pytestmark = pytest.mark.build


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_served_exports_equal_the_yaml(built_site: Path, name: str) -> None:
    served = built_site / "downloads" / "data"
    source = yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
    as_json = json.loads((served / f"{name}.json").read_text(encoding="utf-8"))
    assert as_json == plain(source)

    rows = list(csv.DictReader(io.StringIO((served / f"{name}.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [entry["id"] for entry in source]
    assert [row["name"] for row in rows] == [entry["name"] for entry in source]

    schema = json.loads((served / f"{name}.schema.json").read_text(encoding="utf-8"))
    committed = json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    assert schema == committed


def test_data_page_links_every_download(built_site: Path) -> None:
    from sitecheck import parse

    soup = parse(built_site / "data" / "index.html")
    hrefs = {str(a["href"]) for a in soup.find_all("a", href=True)}
    for name in DATASETS:
        for suffix in ("json", "csv", "schema.json"):
            assert f"../downloads/data/{name}.{suffix}" in hrefs
    manifest = json.loads((built_site / "downloads" / "data" / "index.json").read_text("utf-8"))
    assert manifest["license"] == "CC-BY-4.0"
    assert {d["dataset"] for d in manifest["datasets"]} == set(DATASETS)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_entry_is_shown_on_a_page(built_site: Path, name: str) -> None:
    from sitecheck import html_pages

    ids = {entry["id"] for entry in yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text())}
    shown = set()
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        shown |= {ident for ident in ids if f'id="{name}-{ident}"' in text}
    assert shown == ids


def test_csv_keeps_each_dated_fact_next_to_its_source() -> None:
    from scripts.exports import _cell

    user = {
        "organization": "Instagram",
        "statement": "serves its web back end with Django",
        "as_of": "2016-12",
        "publisher": "Instagram Engineering",
        "source": "https://example.org/post",
        "accessed": "2026-11-23",
    }
    share = {**user, "percent": 77.2, "population": "websites"}
    del share["organization"], share["statement"]
    assert _cell([user]) == (
        "Instagram: serves its web back end with Django "
        "(Instagram Engineering, 2016-12, https://example.org/post)"
    )
    assert _cell([share]).startswith("77.2% of websites (Instagram Engineering, 2016-12,")
