"""YAML as chapbook reads it from lecturers' files: safely, and knowing its lines.

A safe loader that also refuses duplicate keys (plain `yaml.safe_load` silently keeps
the last one) and aliases (which can expand a small file into a huge value), reads
only `true`/`false` as booleans (so `lang: no` stays Norwegian), and gives every
mapping the lines of its keys, so errors can name them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from chapbook.errors import ContentError


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps key lines, refuses duplicate keys and aliases, and reads
    only `true`/`false` as booleans (so `lang: no` stays Norwegian)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _BadValue("anchors and aliases (*name) are not allowed", event.start_mark.line)
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _BadValue(Exception):
    def __init__(self, message: str, line: int):
        self.message, self.line = message, line


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date, or the text as written when it is not one of the calendar (2026-13-45)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line
        if key in seen:
            raise _DuplicateKey(key, line)
        seen[key] = line
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    return Lines(mapping, {k: v for k, v in seen.items()}, node.start_mark.line)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


class Lines(dict):
    """A mapping that remembers the (0-based, YAML-relative) line of each key."""

    def __init__(self, data: dict, key_lines: dict, line: int):
        super().__init__(data)
        self.key_lines = key_lines
        self.line = line


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)




def read_yaml(text: str, path: Path, first_line: int, what: str) -> Any:
    """The YAML value of `text`, whose first line is `first_line` of `path`; any problem
    is a ContentError naming its line, its message starting with `what`."""

    def fail(message: str, yaml_line: int | None = None) -> ContentError:
        line = first_line + yaml_line if yaml_line is not None else first_line - 1
        return ContentError(message, path, line)

    try:
        return yaml.load(text, Loader=_Loader)
    except _DuplicateKey as dup:
        raise fail(f"{what}: duplicate key {dup.key!r}; keep only one", dup.line) from None
    except _BadValue as bad:
        raise fail(f"{what}: {bad.message}", bad.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None) or ""
        # An unclosed bracket or quote is noticed lines later; name where it opened.
        if getattr(exc, "context_mark", None) and ("flow" in context or "quoted" in context):
            mark = exc.context_mark
            problem = f"{problem} ({context} that starts here)"
        raise fail(f"{what} is not valid YAML: {problem}", mark.line if mark else None) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise fail(f"{what} cannot be read: {exc}") from None
