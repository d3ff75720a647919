"""The commands' `--help` in the language asked for (`--lang sv`, or `MATCHER_LANG=sv`).

The English help stays where click reads it (each command's docstring, each option's `help=`);
the catalogue holds every help text in both languages under `help.COMMAND` and
`help.COMMAND.OPTION` (`help.matcher` for the top level), and a test keeps its English equal to
the code's. For another language the texts are swapped in for the one invocation and put back
after it, together with click's own words (the headings, "Usage:", "default: ..."), so that
in-process callers (the tests' CliRunner) never see one run's language in the next.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import click
import click.core
import click.decorators
import click.formatting

from matcher.i18n import Lang, catalogue, default_lang, say

#: click's own words (as click 8 writes them) -> their catalogue keys.
CLICK_WORDS = {
    "Usage:": "help.click.usage",
    "Options": "help.click.options",
    "Commands": "help.click.commands",
    "Positional arguments": "help.click.arguments",
    "default: {default}": "help.click.default",
    "required": "help.click.required",
    "env var: {var}": "help.click.env_var",
    "(dynamic)": "help.click.dynamic",
    "Show this message and exit.": "help.click.help",
}


def help_key(path: Sequence[str], option: str | None = None) -> str:
    """`help.run`, `help.history.show`, `help.run.time_limit`; `help.matcher` for the top level."""
    key = "help." + (".".join(path) if path else "matcher")
    return f"{key}.{option}" if option else key


def option_help_key(path: Sequence[str], param: click.Parameter) -> str | None:
    """The catalogue key of an option's help: its own (`help.run.time_limit`), else the shared one
    of an option many commands have alike (`help.option.lang`) when its English is the same; None
    for an option without help or without an entry."""
    if not isinstance(param, click.Option) or not param.help or not param.name:
        return None
    texts = catalogue()
    own = help_key(path, param.name)
    if own in texts:
        return own
    shared = f"help.option.{param.name}"
    if shared in texts and say(shared, "en") == param.help:
        return shared
    return None


def commands(root: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `root` with its path of names (the root's path is empty)."""
    yield path, root
    if isinstance(root, click.Group):
        for name in sorted(root.commands):
            yield from commands(root.commands[name], (*path, name))


def help_lang(args: Sequence[str]) -> Lang:
    """The language a command line asks for: `--lang X` / `--lang=X`, else as every command decides
    (`default_lang`: MATCHER_LANG, else English)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return default_lang(args[i + 1])
        if arg.startswith("--lang="):
            return default_lang(arg.partition("=")[2])
    return default_lang()


@contextlib.contextmanager
def localised(root: click.Command, lang: Lang) -> Iterator[None]:
    """Within the block, every help text under `root` and click's own words in `lang`."""
    if lang == "en":
        yield
        return
    texts = catalogue()
    saved: list[tuple[Any, str, Any]] = []

    def swap(owner: Any, attribute: str, value: Any) -> None:
        saved.append((owner, attribute, getattr(owner, attribute)))
        setattr(owner, attribute, value)

    for path, command in commands(root):
        swap(command, "_help_option", None)  # click caches its --help option: made again in `lang`
        swap(command, "options_metavar", say("help.click.options_metavar", lang))
        if isinstance(command, click.Group):
            swap(command, "subcommand_metavar", say("help.click.subcommand_metavar", lang))
        key = help_key(path)
        if key in texts:
            swap(command, "help", say(key, lang))
            swap(command, "short_help", None)
        for param in command.params:
            type_key = f"help.click.type.{param.type.name.replace(' ', '_')}"
            if isinstance(param, click.Option) and param.metavar is None and type_key in texts \
                    and not param.is_flag and not isinstance(param.type, click.Choice):
                swap(param, "metavar", say(type_key, lang))  # DIRECTORY -> MAPP
            option_key = option_help_key(path, param)
            if option_key is not None:
                swap(param, "help", say(option_key, lang))
                if isinstance(param, click.Option) and isinstance(param.show_default, str) \
                        and f"{option_key}.default" in texts:
                    swap(param, "show_default", say(f"{option_key}.default", lang))

    def words(text: str) -> str:
        key = CLICK_WORDS.get(text)
        return say(key, lang).replace("{{", "{").replace("}}", "}") if key else text

    for module in (click.core, click.formatting, click.decorators):
        swap(module, "_", words)
    try:
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)


class LocalisedGroup(click.Group):
    """The top-level group: `--help` anywhere below it speaks the command line's language."""

    def main(self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any) -> Any:
        import sys

        given = list(sys.argv[1:] if args is None else args)
        with localised(self, help_lang(given)):
            return super().main(given, *pos, **kwargs)
