"""The fast path of the YAML reader: a valid data file built in one pass.

``plain_data`` builds lists, dicts and scalars straight from libyaml's events,
under the same limits as the careful path in ``macros.yamlfile``, and gives up
(``Unusual``) at the first thing a valid data file does not hold; the careful
path then runs and names the problem. A test holds both paths to the same
result on every data file and every case of the bad-input corpus.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_VALUES", "SafeLoader", "Unusual", "plain_data"]

try:  # libyaml is part of the PyYAML wheels; the pure-Python loader is a slow fallback.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_BYTES = 8_000_000
"""The largest data file read: the biggest real one is about 260 kB (ten times it in make bench)."""
MAX_DEPTH = 20
"""The deepest nesting of lists and mappings; real entries nest 5 levels."""
MAX_VALUES = 1_000_000
"""The most values (keys, texts, lists, mappings) in one file; the largest real one holds about
30,000, ten times that in make bench."""


# Characters that are invisible in an editor and a review, or that no text
# needs: control characters (tab and line breaks aside), the byte order mark,
# bidirectional overrides ("Trojan Source"), line and paragraph separators.
UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff]"
)

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_BUILT_TAGS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        TIMESTAMP_TAG,
    }
)
"""Implicit tags besides text that ``plain_data`` builds; any other sends a file
down the careful path (``<<`` and ``=`` resolve to tags of their own)."""


class Unusual(Exception):
    """``plain_data`` met something a valid data file does not hold."""


def plain_data(text: str) -> Any:
    """The data of ``text``, built in one pass over the parser's events.

    Raises Unusual for anything the careful path (``_parse_checked``) would
    refuse, or might: an error message is always that path's. Limits hold
    here too, so hostile input costs no more than a second pass.
    """
    loader = SafeLoader(text)
    try:
        if loader.yaml_path_resolvers:  # pragma: no cover (nothing registers them)
            raise Unusual
        return _build(loader)
    except yaml.YAMLError:
        raise Unusual from None
    finally:
        loader.dispose()


_NO_KEY = object()


def _build(loader: Any) -> Any:
    """The one document of ``loader``'s stream, as lists, dicts and scalars."""
    get_event = loader.get_event
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    unwanted = UNWANTED.search
    scalar_event, scalar_node = yaml.ScalarEvent, yaml.ScalarNode
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    if not isinstance(get_event(), yaml.StreamStartEvent):  # pragma: no cover
        raise Unusual
    if not isinstance(get_event(), yaml.DocumentStartEvent):
        raise Unusual  # no document: empty, or only comments
    root: list[Any] = []
    container: Any = root  # the list or mapping that the next value goes into
    keys: set[str] | None = None  # in a mapping: the keys so far, as written
    key: Any = _NO_KEY  # in a mapping: the key whose value comes next
    stack: list[tuple[Any, set[str] | None]] = []
    resolved: dict[str, str] = {}  # plain scalar -> its implicit tag (keys repeat a lot)
    values = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise Unusual
            values += 1
            if values > MAX_VALUES:
                raise Unusual
            written = event.value
            if unwanted(written):
                raise Unusual
            value: Any = written
            if event.implicit[0]:  # plain: the resolver reads it as text, a number, a date...
                tag = resolved.get(written)
                if tag is None:
                    tag = resolved[written] = resolve(scalar_node, written, event.implicit)
                if tag != _STR:
                    if tag not in _BUILT_TAGS:
                        raise Unusual
                    node = scalar_node(tag, written, event.start_mark, event.end_mark)
                    try:
                        value = constructors[tag](loader, node)
                    except (ValueError, OverflowError):
                        raise Unusual from None
            if keys is None:
                container.append(value)
            elif key is _NO_KEY:
                if written in keys:
                    raise Unusual
                keys.add(written)
                key = value
            else:
                container[key] = value
                key = _NO_KEY
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise Unusual
            values += 1
            if values > MAX_VALUES or len(stack) >= MAX_DEPTH:
                raise Unusual
            new: Any = {} if kind is mapping_start else []
            if keys is None:
                container.append(new)
            elif key is _NO_KEY:
                raise Unusual  # a list or mapping as a key
            else:
                container[key] = new
            stack.append((container, keys))
            container, keys, key = new, set() if kind is mapping_start else None, _NO_KEY
        elif kind in collection_ends:
            container, keys = stack.pop()
            key = _NO_KEY
        elif kind is yaml.DocumentEndEvent:
            break
        else:
            raise Unusual  # an alias
    if not isinstance(get_event(), yaml.StreamEndEvent):
        raise Unusual  # a second document
    return root[0]
