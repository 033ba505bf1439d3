"""Every chapter ends with a knowledge check and further reading (issue 19's promise).

A knowledge check is a "## Check your understanding" section of at least five
numbered questions, each with its answer collapsed (``??? note "Answer"``) and
linking to the section that explains it. "## Further reading" lists two to five
primary resources, each a link (or a book's title in italics) with a one-line
reason to read it.

A chapter that cannot have its check yet goes in NOT_YET, where it is an
expected failure (strict): once it gets its check it must leave the list, and
a chapter without one that is not listed fails.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
SECTIONS = (
    "basics", "languages", "frameworks", "databases", "apis", "web-servers",
    "architecture", "career", "tools", "tasks", "production",
)  # fmt: skip
MIN_QUESTIONS = 5
READING = (2, 5)

# Chapters still to be given their knowledge check and further reading: none left.
NOT_YET: set[str] = set()

QUESTION = re.compile(r"^\d+\.\s", re.MULTILINE)
ANSWER = re.compile(r'^\s+\?\?\? note "Answer"\n((?:\s*\n|\s{8,}.*\n)+)', re.MULTILINE)
READING_ITEM = re.compile(r"^- (\S.*(?:\n  +\S.*)*)", re.MULTILINE)
# A resource is a link, or a book named by its title in italics.
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)|\*[^*]+\*")


# Pages in the topic folders that are tools, not chapters, and why.
NOT_CHAPTERS = {
    "frameworks/choose.md": "an interactive tool that filters the framework data",
}


def chapters() -> list[str]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        relative = page.relative_to(DOCS)
        if relative.parts[0] in SECTIONS and relative.name != "index.md":
            found.append(relative.as_posix())
    return [c for c in found if c not in NOT_CHAPTERS]


def section(text: str, title: str) -> str | None:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else None


def problems(text: str) -> list[str]:
    """What a chapter's ending lacks, one line each (empty when it is complete)."""
    found = []
    check = section(text, "Check your understanding")
    if check is None:
        found.append('no "## Check your understanding" section')
    else:
        questions = len(QUESTION.findall(check))
        answers = ANSWER.findall(check + "\n")
        if questions < MIN_QUESTIONS:
            found.append(f"{questions} questions (at least {MIN_QUESTIONS})")
        if len(answers) != questions:
            found.append(f"{questions} questions but {len(answers)} collapsed answers")
        unlinked = [a for a in answers if "](#" not in a and "](../" not in a and ".md" not in a]
        if unlinked:
            found.append(f"{len(unlinked)} answers link to no section that explains them")
    reading = section(text, "Further reading")
    if reading is None:
        found.append('no "## Further reading" section')
    else:
        items = READING_ITEM.findall(reading)
        reasoned = [i for i in items if LINK.search(i) and len(LINK.sub("", i).split()) >= 3]
        if len(reasoned) != len(items):
            found.append(
                f"{len(items) - len(reasoned)} further-reading items lack a link or a reason"
            )
        if not READING[0] <= len(items) <= READING[1]:
            found.append(f"{len(items)} further-reading items ({READING[0]} to {READING[1]})")
    return found


@pytest.mark.parametrize(
    "chapter",
    [
        pytest.param(
            c, marks=pytest.mark.xfail(c in NOT_YET, reason="knowledge check not written yet")
        )
        for c in chapters()
    ],
)
def test_chapter_ends_with_a_knowledge_check_and_further_reading(chapter: str) -> None:
    assert problems((DOCS / chapter).read_text(encoding="utf-8")) == []


def test_the_not_yet_list_names_only_real_chapters() -> None:
    assert sorted(NOT_YET - set(chapters())) == []
    assert [p for p in NOT_CHAPTERS if not (DOCS / p).is_file()] == []


GOOD = """# A chapter

## Check your understanding

{questions}

## Further reading

- [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110): the semantics of HTTP.
- [MDN: HTTP](https://developer.mozilla.org/en-US/docs/Web/HTTP): a guided
  tour with examples.
"""
ONE = """{n}. A question about a scenario?

    ??? note "Answer"
        Because of this. See [the section](#the-section).
"""


def good(count: int = 5, answer: str = ONE) -> str:
    return GOOD.format(questions="\n".join(answer.format(n=n) for n in range(1, count + 1)))


def test_a_complete_ending_passes() -> None:
    assert problems(good()) == []


def test_each_missing_part_is_named() -> None:
    assert problems("# A chapter\n\nProse.\n") == [
        'no "## Check your understanding" section',
        'no "## Further reading" section',
    ]
    assert problems(good(4)) == ["4 questions (at least 5)"]
    unanswered = good().replace('    ??? note "Answer"\n        Because of this.', "", 1)
    assert "5 questions but 4 collapsed answers" in problems(unanswered)
    unlinked = good(answer=ONE.replace(" See [the section](#the-section).", ""))
    assert problems(unlinked) == ["5 answers link to no section that explains them"]
    bare = good().replace(": the semantics of HTTP.", "")
    assert problems(bare) == ["1 further-reading items lack a link or a reason"]
    short = good().replace(
        "\n- [MDN: HTTP](https://developer.mozilla.org/en-US/docs/Web/HTTP): a guided\n"
        "  tour with examples.",
        "",
    )
    assert problems(short) == ["1 further-reading items (2 to 5)"]
