"""Data files: the real ones validate, broken ones fail with messages a contributor can act on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from macros import datasets
from macros.datasets import DATASETS, LANGUAGES, load_all, load_dataset, validate_document
from macros.errors import DataError
from macros.yamlfile import parse_yaml, read_yaml

CORPUS = Path(__file__).parent / "corpus"


def test_every_data_file_validates() -> None:
    loaded = load_all(ROOT / "data", ROOT)
    assert set(loaded) == set(DATASETS)
    assert all(loaded.values()), "a dataset is empty"


def test_languages_are_the_eight_of_the_brief() -> None:
    ids = {lang.id for lang in load_dataset(LANGUAGES, ROOT / "data", ROOT)}
    assert ids == {"javascript", "python", "java", "php", "csharp", "ruby", "go", "rust"}


def corpus_cases() -> list[Path]:
    return sorted(CORPUS.glob("*/*.yml"))


@pytest.mark.parametrize("path", corpus_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_broken_file_is_reported_with_location_and_fix(path: Path) -> None:
    """Each corpus file says what the error must contain in ``# expect:`` lines."""
    text = path.read_text(encoding="utf-8")
    expected = [line[len("# expect: ") :] for line in text.splitlines() if line.startswith("#")]
    assert expected, f"{path.name} has no '# expect:' line"
    display = f"data/{path.parent.name}.yml"
    with pytest.raises(DataError) as caught:
        validate_document(DATASETS[path.parent.name], parse_yaml(text, display))
    report = str(caught.value)
    for fragment in expected:
        wanted = display + fragment if fragment.startswith(":") else fragment
        assert wanted in report, f"expected {wanted!r} in:\n{report}"
    assert all(problem.line for problem in caught.value.problems), "every problem needs a line"


def test_all_problems_are_reported_at_once() -> None:
    text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    text = text.replace("typing: static", "typing: nope").replace("reviewed: ", "reviewd: ")
    with pytest.raises(DataError) as caught:
        validate_document(LANGUAGES, parse_yaml(text, "data/languages.yml"))
    problems = caught.value.problems
    # four static languages with a bad typing, eight with 'reviewd' unknown and 'reviewed' missing
    assert len(problems) == 4 + 8 * 2
    assert str(caught.value).startswith(f"{len(problems)} data problems:")


def test_unknown_data_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "languages.yml").write_bytes((ROOT / "data" / "languages.yml").read_bytes())
    typo = "langauges"  # codespell:ignore
    (tmp_path / f"{typo}.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=rf"{typo}\.yml: not a known dataset file \(rename it to 'languages'\?\)"
    ):
        load_all(tmp_path)


def test_missing_data_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"languages\.yml: languages: data file is missing"):
        load_all(tmp_path)


def test_file_is_read_again_only_after_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "languages.yml"
    path.write_bytes((ROOT / "data" / "languages.yml").read_bytes())
    reads: list[Path] = []

    def counting_read(p: Path, name: str | None = None):  # type: ignore[no-untyped-def]
        reads.append(p)
        return read_yaml(p, name)

    monkeypatch.setattr(datasets, "read_yaml", counting_read)
    first = load_dataset(LANGUAGES, tmp_path)
    assert load_dataset(LANGUAGES, tmp_path) is first
    assert len(reads) == 1
    path.write_text(path.read_text(encoding="utf-8").replace("name: Go", "name: Golang"), "utf-8")
    changed = load_dataset(LANGUAGES, tmp_path)
    assert len(reads) == 2
    assert "Golang" in {lang.name for lang in changed}


def test_reference_to_an_unknown_language_names_the_closest(tmp_path: Path) -> None:
    for name in DATASETS:
        (tmp_path / f"{name}.yml").write_bytes((ROOT / "data" / f"{name}.yml").read_bytes())
    frameworks = tmp_path / "frameworks.yml"
    text = frameworks.read_text(encoding="utf-8")
    text = text.replace("language: python", "language: pyhton", 1)  # codespell:ignore
    frameworks.write_text(text, encoding="utf-8")
    typo = "language: pyhton"  # codespell:ignore
    line = next(n for n, row in enumerate(text.splitlines(), 1) if typo in row)
    with pytest.raises(DataError) as caught:
        load_all(tmp_path, tmp_path.parent)
    assert (
        f"{tmp_path.name}/frameworks.yml:{line}: frameworks[" in str(caught.value)
        and "].language: 'pyhton' is not a known language in languages.yml (did you mean 'python'?)"
        in str(caught.value)
    )


def test_every_framework_kind_of_the_brief_is_classified_correctly() -> None:
    from macros.datasets import FRAMEWORKS

    kinds = {fw.id: fw.kind for fw in load_dataset(FRAMEWORKS, ROOT / "data", ROOT)}
    assert kinds["nodejs"] == "runtime"
    assert kinds["ef-core"] == "orm"
    assert kinds["signalr"] == "real-time-library"
    assert kinds["blazor"] == "ui-framework"
    assert kinds["orleans"] == "actor-framework"
    assert kinds["tokio"] == "async-runtime"
    assert kinds["jakarta-ee"] == "specification"
    assert kinds["django"] == "full-stack-web-framework"
    assert kinds["flask"] == "micro-web-framework"


def test_annotations_escape_what_github_would_misread() -> None:
    from macros.errors import DataError, DataProblem

    problem = DataProblem(
        file="data/a,b.yml",
        line=7,
        message="50% wrong:\nsecond line",
        dataset="tools",
        entry="x",
        field="name",
        hint="fix it",
    )
    assert problem.annotation() == (
        "::error file=data/a%2Cb.yml,line=7,title=tools[x].name::"
        "50%25 wrong:%0Asecond line (fix it)"
    )
    assert DataError([problem]).annotations() == problem.annotation()
