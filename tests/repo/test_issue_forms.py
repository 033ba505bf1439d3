"""Contributor templates: the issue forms are valid and offer exactly the datasets we have."""

from __future__ import annotations

import yaml
from conftest import ROOT

from macros.datasets import DATASETS

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def test_issue_forms_have_what_github_requires() -> None:
    forms = sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")
    assert [p.stem for p in forms] == ["data-entry", "guide-error", "topic"]
    for path in forms:
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {"name", "description", "body"} <= set(form), path.name
        ids = [item["id"] for item in form["body"]]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"


def test_data_form_lists_every_dataset() -> None:
    form = yaml.safe_load((FORMS / "data-entry.yml").read_text(encoding="utf-8"))
    dropdown = next(item for item in form["body"] if item["id"] == "dataset")
    assert dropdown["attributes"]["options"] == list(DATASETS)


def test_pull_request_template_has_a_checklist() -> None:
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4 and "make test" in text
