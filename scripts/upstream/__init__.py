"""Upstream check: each entry's license and first release against its repository.

Run weekly by .github/workflows/upstream.yml (it needs the internet, which the
build and the tests never do). For every entry with a ``repository``:

- **first release**: ``git ls-remote --tags`` lists the upstream's tags (no
  clone). The few release tags with the lowest version numbers are fetched
  shallow and without files or folders (``--depth=1 --filter=tree:0``) to read
  their commits' dates. A tag on a commit dated before the recorded first
  release is reported (the recorded one is then not the first), and so is a
  tag that a source of ``first_release`` names but the upstream no longer has.
- **license**: the license files at the root of the default branch are read
  (``--depth=1 --filter=blob:none``, then only those files) and matched
  against the opening words of the license texts in ``LICENSE_TEXTS``. A text
  that matches none is "unrecognized", never a guess. An expression matches
  when one side of an ``OR`` does; one that can only hold for a ``LicenseRef-``
  side is "not compared".

    python -m scripts.upstream data                                  # report on stdout
    python -m scripts.upstream data --summary "$GITHUB_STEP_SUMMARY" # appended there too

Differences are for a person to review, not failures: the exit status is 0
whenever the check ran, 1 when the data is invalid, 2 on a usage error. The
network sits behind ``Remote`` (``GitRemote`` asks git); everything that
decides is plain code, tested offline against local repositories.
"""
