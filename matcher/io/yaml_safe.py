"""YAML read with bounds, before any Python object is built: a scenario file is small and flat.

PyYAML's safe loader refuses tags that run code, but not the rest of what a hostile (or broken)
file can do: an alias bomb ("billion laughs": nine anchors of nine aliases each, 399 bytes, that
expand to 9^9 values when anything walks the result), nesting thousands of levels deep (the
composer and constructor recurse, so it ends in RecursionError), or a key given twice (PyYAML
keeps the last one silently, so a second `constraints:` block drops the first). Here the event
stream -- which PyYAML produces without recursion -- is walked first, and the file is refused,
located, as soon as it goes past a bound; duplicate keys are each reported at their line. Only
then are nodes composed and objects built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from matcher.errors import InputError, InputProblem
from matcher.i18n import Msg

#: A scenario file is a few kB; a file above this is not one (and is not read into memory).
MAX_YAML_BYTES: Final = 1_000_000
#: Levels of nesting: a scenario needs five or so (constraints -> band -> allowed -> Erfaren -> [...]).
MAX_DEPTH: Final = 64
#: Aliases (*name) in one file: a scenario needs none; a base that shares parameters a few.
MAX_ALIASES: Final = 100
#: Values (scalars and collections) the file holds once every alias is expanded.
MAX_VALUES: Final = 100_000

_MERGE_KEY: Final = "<<"


@dataclass
class _Frame:
    """An open mapping or sequence while the events are walked."""

    mapping: bool
    anchor: str | None
    path: str
    size: int = 1
    expect_key: bool = True
    key: str | None = None  # the key whose value comes next (mappings)
    keys: dict[str, int] = field(default_factory=dict)  # key -> line it was first given on


def load_yaml(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """The document (plain Python values) and its root node (for line numbers).

    InputError, located in `source`: invalid YAML, nesting deeper than MAX_DEPTH, more than
    MAX_ALIASES aliases or MAX_VALUES values once aliases are expanded (refused at once), and
    every key given twice in one mapping (all of them, each at its line).
    """
    events: list[yaml.Event] = []
    duplicates = _walk(text, source, events)
    if duplicates:
        raise InputError(duplicates)
    loader = _Replay(events)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise yaml_problem(source, exc) from None
    finally:
        loader.dispose()
    return data, node


class _Replay(Composer, SafeConstructor, Resolver):
    """PyYAML's safe loader fed the events `_walk` already parsed, instead of scanning and parsing
    the text a second time (about half of reading a scenario file); the composer and constructor
    are PyYAML's own, so the nodes, values and errors are the same."""

    def __init__(self, events: list[yaml.Event]) -> None:
        self._events = events
        self._next = 0
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    # What yaml.parser.Parser offers the composer.
    def check_event(self, *choices: type[yaml.Event]) -> bool:
        if self._next >= len(self._events):
            return False
        return not choices or isinstance(self._events[self._next], choices)

    def peek_event(self) -> yaml.Event | None:
        return self._events[self._next] if self._next < len(self._events) else None

    def get_event(self) -> yaml.Event | None:
        event = self.peek_event()
        self._next += 1
        return event

    def dispose(self) -> None:
        self._events = []


def yaml_problem(source: str, exc: yaml.YAMLError) -> InputError:
    """PyYAML's syntax error, at its line and column."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = str(mark.column + 1) if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    return InputError.single(source, line, column, Msg("input.yaml.invalid", {"problem": problem}))


def _walk(text: str, source: str, events: list[yaml.Event] | None = None) -> list[InputProblem]:
    """Walk the events: raise at the first bound passed; return the duplicate keys found.
    `events`, when given, receives every event (for `_Replay`)."""
    stack: list[_Frame] = []
    sizes: dict[str, int] = {}  # anchor -> values it stands for
    open_anchors: set[str] = set()
    aliases = 0
    values = 0
    duplicates: list[InputProblem] = []

    def refuse(event: yaml.Event, key: str, **values_: Any) -> InputError:
        return InputError.single(source, _line(event), stack[-1].path or None if stack else None, Msg(key, values_))

    def finished(size: int, event: yaml.Event, scalar_key: str | None) -> None:
        """A node of `size` values is complete inside the innermost open collection."""
        if not stack:
            return
        parent = stack[-1]
        parent.size += size
        if not parent.mapping:
            return
        if parent.expect_key:
            parent.key = scalar_key
            if scalar_key is not None and scalar_key != _MERGE_KEY:
                line = _line(event)
                if scalar_key in parent.keys:
                    where = f"{parent.path}.{scalar_key}" if parent.path else scalar_key
                    duplicates.append(InputProblem(
                        source, line, where, Msg("input.yaml.duplicate_key",
                                                 {"key": repr(scalar_key), "first": str(parent.keys[scalar_key])})))
                else:
                    parent.keys[scalar_key] = line or 0
        else:
            parent.key = None
        parent.expect_key = not parent.expect_key

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if events is not None:
                events.append(event)
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent):
                values += 1
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise refuse(event, "input.yaml.too_many_aliases", limit=MAX_ALIASES)
                anchor = str(event.anchor)
                if anchor in open_anchors:
                    raise refuse(event, "input.yaml.recursive_alias", name=anchor)
                size = sizes.get(anchor, 1)
                values += size - 1
                if values > MAX_VALUES:
                    raise refuse(event, "input.yaml.too_big", limit=MAX_VALUES)
                finished(size, event, None)
            elif isinstance(event, yaml.ScalarEvent):
                if values > MAX_VALUES:
                    raise refuse(event, "input.yaml.too_big", limit=MAX_VALUES)
                if event.anchor is not None:
                    sizes[str(event.anchor)] = 1
                finished(1, event, str(event.value))
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise refuse(event, "input.yaml.too_deep", limit=MAX_DEPTH)
                if values > MAX_VALUES:
                    raise refuse(event, "input.yaml.too_big", limit=MAX_VALUES)
                parent = stack[-1] if stack else None
                path = ""
                if parent is not None:
                    step = parent.key if parent.mapping and not parent.expect_key and parent.key else None
                    path = ".".join(part for part in (parent.path, step) if part) if step else parent.path
                anchor_name = None if event.anchor is None else str(event.anchor)
                if anchor_name is not None:
                    open_anchors.add(anchor_name)
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), anchor_name, path))
            elif isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                    sizes[frame.anchor] = frame.size
                finished(frame.size, event, None)
    except yaml.YAMLError as exc:
        raise yaml_problem(source, exc) from None
    return duplicates


def _line(event: yaml.Event) -> int | None:
    mark = event.start_mark
    return None if mark is None else mark.line + 1
