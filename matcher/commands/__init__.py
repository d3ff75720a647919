"""Sub-commands that live in their own modules (compare, sweep, plan, simulate, repair, ...).

Each module here defines a click command named `command`; `register_commands` adds every
one to the `matcher` group, so a new command never edits cli.py.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register_commands(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            group.add_command(command)
