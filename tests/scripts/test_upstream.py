"""The weekly upstream check, against git repositories made here: no network.

Each test builds real repositories in tmp_path (dated commits, tags, a LICENSE)
and the real ``GitRemote`` reads them over file://, filters and lazy fetches
included. ``GIT_ALLOW_PROTOCOL=file`` makes git refuse anything else, so a
mistake here fails instead of reaching the internet.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from macros.models import Release, Source
from scripts.upstream.check import Subject, check_all, check_entry
from scripts.upstream.licenses import detect_license, license_verdict
from scripts.upstream.remote import CANDIDATES, GitRemote
from scripts.upstream.report import main, report
from scripts.upstream.tags import parse_ls_remote

MIT = """MIT License

Copyright (c) 2010 Acme

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
"""

APACHE = """
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION

   1. Definitions.
"""

BSD = """Copyright (c) Acme. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
"""
THIRD_CLAUSE = """
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.
"""

REPOZE_THIRD_CLAUSE = """
3. Names of the copyright holders must not be used to endorse or promote products
   derived from this software without prior written permission from the copyright
   holders.

4. If any files are modified, you must cause the modified files to carry prominent
   notices stating that you changed the files and the date of any change.
"""

CURL = """COPYRIGHT AND PERMISSION NOTICE

Copyright (c) 1996 - 2025, Daniel Stenberg, <daniel@haxx.se>, and many contributors.

Permission to use, copy, modify, and distribute this software for any purpose
with or without fee is hereby granted, provided that the above copyright
notice and this permission notice appear in all copies.

Except as contained in this notice, the name of a copyright holder shall not
be used in advertising or otherwise to promote the sale, use or other dealings
in this Software without prior written authorization of the copyright holder.
"""

OWN_TERMS = "Acme Widget License\n\nYou may look at this code on Tuesdays only.\n"


@pytest.fixture(autouse=True)
def offline_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only file:// for git, and no machine or user config in the way."""
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "file")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.delenv("GIT_CONFIG_COUNT", raising=False)


def _git(repo: Path, *args: str, date: str = "2010-01-01") -> None:
    stamp = f"{date}T12:00:00+0000"
    env = {
        **os.environ,
        **dict.fromkeys(("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"), stamp),
        **dict.fromkeys(("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"), "Acme"),
        **dict.fromkeys(("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"), "dev@acme.invalid"),
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_repo(path: Path, history: Sequence[tuple[str, Mapping[str, str], Sequence[str]]]) -> str:
    """A repository whose commits are ``(date, files written, tags)``; odd tags are
    annotated (tagged a day later), even ones lightweight. Returns its file:// URL.

    It serves filtered and by-object fetches, as GitHub does, so the check's
    partial fetches run as they would there.
    """
    path.mkdir(parents=True)
    _git(path, "-c", "init.defaultBranch=main", "init", "--quiet")
    _git(path, "config", "uploadpack.allowFilter", "true")
    _git(path, "config", "uploadpack.allowAnySHA1InWant", "true")
    count = 0
    for date, files, tags in history:
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8")
        _git(path, "add", "--all")
        _git(path, "commit", "--quiet", "--allow-empty", "-m", f"commit of {date}", date=date)
        for tag in tags:
            count += 1
            later = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
            annotated = ("-a", "-m", f"Release {tag}") if count % 2 else ()
            _git(path, "tag", *annotated, tag, date=later)
    return path.as_uri()


def subject(
    repository: str,
    first_release: tuple[str, str] | None = ("2010-01-03", "0.1.0"),
    license: str | None = "MIT",
    evidence: str = "oldest release tag 0.1.0, tagged commit dated 2010-01-03",
) -> Subject:
    sources = [
        Source(
            url="https://example.org/license",
            supports=["license"],
            accessed=dt.date(2026, 12, 1),
            evidence="LICENSE on the default branch is the MIT License text",
        )
    ]
    if first_release:
        sources.append(
            Source(
                url="https://example.org/changelog",
                supports=["first_release"],
                accessed=dt.date(2026, 12, 1),
                evidence=evidence,
            )
        )
    release = Release(date=first_release[0], version=first_release[1]) if first_release else None
    return Subject("frameworks", "widget", repository, release, license, tuple(sources))


@pytest.fixture
def widget(tmp_path: Path) -> str:
    """Tags 0.0.1 (2009) and 0.1.0 (2010-01-03) under MIT, 1.0.0 after a move to Apache."""
    return make_repo(
        tmp_path / "widget",
        [
            ("2009-05-01", {"LICENSE": MIT}, ["0.0.1"]),
            ("2010-01-03", {"README": "widget"}, ["0.1.0"]),
            ("2012-02-02", {"LICENSE": APACHE}, ["v1.0.0"]),
        ],
    )


def test_an_older_release_tag_than_the_recorded_first_release_is_reported(widget: str) -> None:
    outcome = check_entry(subject(widget, license=None), GitRemote())
    assert outcome.unreachable is None
    [difference] = outcome.differences
    assert difference.field == "first_release"
    assert difference.data == "0.1.0, 2010-01-03"
    assert difference.upstream == "tag 0.0.1, on a commit of 2009-05-01"
    assert difference.source is not None and "oldest release tag 0.1.0" in (
        difference.source.evidence or ""
    )


def test_an_older_tag_the_evidence_already_explains_is_not_reported_again(widget: str) -> None:
    reviewed = subject(
        widget,
        license=None,
        evidence="tag 0.1.0 of 2010-01-03, the first public release; the older tag 0.0.1 is a "
        "version bump before the launch",
    )
    assert check_entry(reviewed, GitRemote()).differences == []
    # A tag whose name only starts like the explained one is still news.
    unexplained = subject(widget, license=None, evidence="tag 0.1.0; the older 0.0.10 was a bump")
    assert [d.upstream for d in check_entry(unexplained, GitRemote()).differences] == [
        "tag 0.0.1, on a commit of 2009-05-01"
    ]


def test_a_first_release_that_is_the_oldest_tag_is_not_reported(widget: str) -> None:
    recorded = subject(
        widget,
        first_release=("2009-05", "0.0.1"),
        license=None,
        evidence="oldest release tag 0.0.1, on a commit of May 2009",
    )
    assert check_entry(recorded, GitRemote()).differences == []


def test_a_tag_the_evidence_names_that_is_gone_is_reported(widget: str) -> None:
    gone = subject(
        widget,
        first_release=("2009-05-01", "0.0.1"),
        license=None,
        evidence="oldest release tag v0.0.1, tagged commit dated 2009-05-01",
    )
    [difference] = check_entry(gone, GitRemote()).differences
    assert difference.upstream == f"no tag v0.0.1 in {widget}"


def test_a_license_changed_from_mit_to_apache_is_reported(widget: str) -> None:
    outcome = check_entry(subject(widget, first_release=None, license="MIT"), GitRemote())
    [difference] = outcome.differences
    assert (difference.field, difference.data) == ("license", "MIT")
    assert difference.upstream == "Apache-2.0 (LICENSE)"
    assert check_entry(subject(widget, None, "Apache-2.0"), GitRemote()).differences == []
    assert check_entry(subject(widget, None, "MIT OR Apache-2.0"), GitRemote()).differences == []


def test_an_unrecognized_license_is_reported_as_such_not_guessed(tmp_path: Path) -> None:
    url = make_repo(tmp_path / "own", [("2011-01-01", {"LICENSE.md": OWN_TERMS}, [])])
    [difference] = check_entry(subject(url, None, "MIT"), GitRemote()).differences
    assert difference.upstream == "unrecognized (LICENSE.md)"
    outcome = check_entry(subject(url, None, "LicenseRef-Acme OR MIT"), GitRemote())
    assert outcome.differences == []
    assert outcome.not_compared == [
        "license LicenseRef-Acme OR MIT (upstream: unrecognized (LICENSE.md))"
    ]


def test_an_unreachable_repository_is_counted_and_the_others_still_checked(
    tmp_path: Path, widget: str
) -> None:
    missing = (tmp_path / "no-such-repository").as_uri()
    outcomes = check_all(
        [subject(missing), subject(widget, None, "Apache-2.0")], GitRemote(timeout=10)
    )
    assert outcomes[0].unreachable and outcomes[0].differences == []
    assert outcomes[1].unreachable is None and outcomes[1].differences == []
    assert "- Unreachable: 1" in report(outcomes)


def _frameworks_yml(base: str) -> str:
    def entry(ident: str, first: str, version: str, tag_url: str) -> str:
        return f"""
- id: {ident}
  name: {ident.title()}
  language: javascript
  kind: micro-web-framework
  summary: A small web framework used by the tests.
  first_release: {{date: '{first}', version: '{version}'}}
  license: MIT
  repository: {base}acme/{ident}
  sources:
  - url: {tag_url}
    supports: [first_release]
    accessed: 2026-12-01
    evidence: oldest release tag {version} | on a commit of {first}
  - url: {base}acme/{ident}/blob/HEAD/LICENSE
    supports: [license]
    accessed: 2026-12-01
    evidence: LICENSE is the MIT License text
  reviewed: 2026-12-01
"""

    return (
        entry("widget", "2010-01-03", "0.1.0", f"{base}acme/widget/releases/tag/0.1.0")
        + entry("gadget", "2015-01-01", "1.0.0", f"{base}acme/gadget/tree/v1.0.0")
        + entry("gone", "2015-01-01", "1.0.0", "https://example.org/gone")
    )


def test_the_command_writes_a_markdown_table_and_counts(
    tmp_path: Path,
    widget: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """End to end from the YAML: https addresses in the data, rewritten by git's own
    url.<base>.insteadOf to the repositories here (and nowhere else)."""
    make_repo(
        tmp_path / "acme" / "gadget",
        [("2015-01-01", {"LICENSE": BSD + THIRD_CLAUSE}, ["v1.0.0"])],
    )
    (tmp_path / "acme" / "widget").symlink_to(tmp_path / "widget")
    base = "https://upstream.invalid/"
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", f"url.{tmp_path.as_uri()}/.insteadOf")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", base)
    data = tmp_path / "data"
    data.mkdir()
    (data / "frameworks.yml").write_text(_frameworks_yml(base), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")

    assert main([str(data), "--summary", str(summary)]) == 0

    out = capsys.readouterr().out
    assert "| Entry | Field | Data says | Upstream says | Evidence |\n|---|---|---|---|---|" in out
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `frameworks/widget` | first_release | 0.1.0, 2010-01-03 "
        "| tag 0.0.1, on a commit of 2009-05-01 "
        "| [oldest release tag 0.1.0 \\| on a commit of 2010-01-03]"
        f"({base}acme/widget/releases/tag/0.1.0) |",
        "| `frameworks/widget` | license | MIT | Apache-2.0 (LICENSE) "
        f"| [LICENSE is the MIT License text]({base}acme/widget/blob/HEAD/LICENSE) |",
        "| `frameworks/gadget` | license | MIT | BSD-3-Clause (LICENSE) "
        f"| [LICENSE is the MIT License text]({base}acme/gadget/blob/HEAD/LICENSE) |",
    ]
    assert f"- `frameworks/gone` ({base}acme/gone): " in out
    assert out.endswith("- Entries checked: 3\n- Unreachable: 1\n- Differences: 3\n")
    assert summary.read_text(encoding="utf-8") == "## Earlier step\n" + out


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], [str(tmp_path / "nowhere")], [str(tmp_path)], [str(tmp_path), "--sumary"]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2, argv
    assert "no entry in" in capsys.readouterr().err


class _ManyTags:
    """A stand-in upstream with many tags, counting what is asked."""

    def __init__(self) -> None:
        self.dated: list[str] = []

    def tags(self, url: str) -> Mapping[str, str]:
        names = [f"v0.{minor}.0" for minor in range(40)] + ["nightly", "1.0.0"]
        return {name: f"{index:040x}" for index, name in enumerate(names)}

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        self.dated += tags
        return dict.fromkeys(tags, dt.date(2020, 1, 1))

    def license_files(self, url: str) -> Mapping[str, str]:
        return {"LICENSE-MIT": MIT, "LICENSE-APACHE": APACHE}


def test_only_a_few_tags_are_dated_lowest_versions_first() -> None:
    upstream = _ManyTags()
    recorded = subject("https://upstream.invalid/many", ("2020", "1.0.0"), evidence="tag 1.0.0")
    [outcome] = check_all([recorded], upstream)
    assert outcome.differences == []
    assert upstream.dated == [f"v0.{minor}.0" for minor in range(CANDIDATES)]


def test_ls_remote_lines_are_read_with_peeled_tags_winning() -> None:
    text = "aaa\trefs/tags/0.1.0\nbbb\trefs/tags/0.2.0\nccc\trefs/tags/0.2.0^{}\nddd\tHEAD\n"
    assert parse_ls_remote(text) == {"0.1.0": "aaa", "0.2.0": "ccc"}


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        (MIT, "MIT"),
        ("Node.js is licensed for use as follows:\n\n" + MIT + "\n" + APACHE, "MIT"),
        (APACHE, "Apache-2.0"),
        (BSD, "BSD-2-Clause"),
        (BSD + THIRD_CLAUSE, "BSD-3-Clause"),
        (BSD + "3. All advertising materials mentioning features or use of this software", None),
        (BSD + REPOZE_THIRD_CLAUSE + "\n" + BSD + THIRD_CLAUSE, None),
        (CURL, "curl"),
        (CURL.replace("modify, and distribute", "modify, and/or distribute"), None),
        ("GNU GENERAL PUBLIC LICENSE\n   Version 2, June 1991\n", "GPL-2.0-only"),
        ("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n", "LGPL-3.0-or-later"),
        ("This project is under the GPL, see gnu.org.", None),
        ("x\n" * 2000 + MIT, None),
        (OWN_TERMS, None),
    ],
)
def test_the_license_matcher_knows_the_opening_words_and_never_guesses(
    text: str, spdx: str | None
) -> None:
    found = detect_license(text)
    assert (spdx in found.spdx if found else None) == (True if spdx else None)


@pytest.mark.parametrize(
    ("recorded", "found", "verdict"),
    [
        ("MIT", {"MIT"}, "same"),
        ("MIT OR Apache-2.0", {"Apache-2.0"}, "same"),
        ("GPL-2.0-or-later AND LGPL-2.1-only", {"LGPL-2.1-only", "LGPL-2.1-or-later"}, "same"),
        ("MIT", {"Apache-2.0"}, "different"),
        ("MIT", set(), "different"),
        ("LicenseRef-Proprietary", set(), "not compared"),
        ("LicenseRef-RSALv2 OR SSPL-1.0 OR AGPL-3.0-only", {"SSPL-1.0"}, "same"),
    ],
)
def test_an_or_expression_matches_when_one_side_does(
    recorded: str, found: set[str], verdict: str
) -> None:
    assert license_verdict(recorded, frozenset(found)) == verdict
