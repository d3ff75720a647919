"""`load_yaml` composes the document from the events its bounds walk already parsed (`_Replay`),
not from a second parse: the values, the nodes (with their lines) and the errors must be those of
PyYAML's own safe loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from matcher.errors import InputError
from matcher.io.yaml_safe import _walk, load_yaml, yaml_problem

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = [
    "", "---\n", "...\n", "a: 1\n---\nb: 2\n", "a: 1\n--- [\n", "a: [1, 2\n", "a: b: c", '"unclosed',
    "a: &x [1]\nb: *x\n", "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n", "? complex\n: v\n", "a: |\n  text\n",
    "a: 2001-12-14\nb: 0o17\nc: 1_000\nd: .inf\ne: ~\n", "x: !!binary aGVsbG8=\n", "x: !custom 1\n",
    "a: !!set {b, c}\n", "%YAML 1.1\n--- x\n", "- a\n- b: c\n", "x: !!python/object:os.system a\n",
]


def _by_safe_loader(text: str) -> tuple[Any, yaml.Node | None]:
    """load_yaml as it was: the bounds walk, then PyYAML's safe loader parsing the text again."""
    duplicates = _walk(text, "x")
    if duplicates:
        raise InputError(duplicates)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as exc:
        raise yaml_problem("x", exc) from None
    finally:
        loader.dispose()


def _marks(node: yaml.Node | None) -> list[Any]:
    if node is None:
        return []
    found: list[Any] = [(node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)]
    if isinstance(node.value, list):
        for item in node.value:
            for child in item if isinstance(item, tuple) else (item,):
                found.extend(_marks(child))
    return found


def _outcome(load: Any, text: str) -> tuple[Any, ...]:
    try:
        data, node = load(text)
    except InputError as exc:
        return ("error", str(exc))
    return ("ok", repr(data), repr(node), _marks(node))


EXAMPLES = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("scenarios/**/*.yaml"))]


@pytest.mark.parametrize("text", [*SNIPPETS, "a: 1\na: 2\n", *EXAMPLES])
def test_replayed_events_load_as_pyyaml_does(text: str) -> None:
    assert _outcome(lambda t: load_yaml(t, "x"), text) == _outcome(_by_safe_loader, text)
