"""Exceptions a caller can catch precisely; the CLI maps each to its exit code.

InputError -> exit 2, InfeasibleError -> exit 3, NoSolutionError -> exit 4.
"""

from __future__ import annotations

from dataclasses import dataclass

from matcher.i18n import Lang, Msg, catalogue


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as FILE:ROW:COLUMN.

    `row` is the line a spreadsheet user sees (the header is row 1, the first person
    row 2); for YAML it is the line in the file. `column` is the header as written in
    the file (or the YAML key path). Either may be None when it does not apply.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        # A key typed with a ':' or a line break must not break the FILE:ROW:COLUMN shape;
        # '∶' (U+2236) reads the same to a person.
        column = "" if self.column is None else self.column.replace(":", "\u2236").replace("\n", " ")
        return f"{self.file}:{row}:{column}: {self.message}"


class MatcherError(Exception):
    """Base of every error the engine raises on purpose."""


class InputError(MatcherError):
    """Bad input: carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, row: int | None, column: str | None, message: str) -> InputError:
        return cls([Problem(file, row, column, message)])


class Conflict:
    """One reason a scenario cannot be solved, in the coordinator's words.

    The words are a catalogue message (`matcher.i18n.Msg`), rendered in the language asked for:
    `render(lang)` is the sentence, `text(lang)` the sentence after the rules it names, and
    `str()` / `message` stay English (what library callers read). `program` fills the role words
    (mentor/adept, supervisor/trainee). Plain text is accepted from code whose words are not in
    the catalogue yet.
    """

    def __init__(
        self, constraints: list[str], message: Msg | str, people: list[str] | None = None, program: str | None = None
    ) -> None:
        self.constraints = list(constraints)
        self.words = message if isinstance(message, Msg) else Msg("text.verbatim", {"text": message})
        self.people = list(people or [])
        self.program = program

    @property
    def message(self) -> str:
        """The sentence in English."""
        return self.render("en")

    def render(self, lang: Lang, program: str | None = None) -> str:
        """The sentence in `lang` (without the rule names)."""
        return self.words.render(lang, program or self.program)

    def rules(self, lang: Lang) -> str:
        """The rules it names, as `[a + b]` names them in `lang` (English: the scenario's keys)."""
        return " + ".join(rule_ref(name).render(lang) for name in self.constraints)

    def text(self, lang: Lang, program: str | None = None) -> str:
        """`[rules] sentence` in `lang`: what the terminal prints."""
        return f"[{self.rules(lang)}] {self.render(lang, program)}"

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Conflict({self.constraints!r}, {self.words!r}, {self.people!r})"


def rule_ref(name: str) -> Msg:
    """A rule named in a sentence: its key in English (`coverage`, as the scenario file spells it),
    its title in Swedish (`rule.NAME.ref`). A name the catalogue does not know stays as it is."""
    key = f"rule.{name}.ref"
    return Msg(key) if key in catalogue() else Msg("text.verbatim", {"text": name})


class InfeasibleError(MatcherError):
    """No matching satisfies every hard rule; `conflicts` says which rules clash and why."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__("No matching satisfies all hard rules:\n" + "\n".join(f"  - {c}" for c in conflicts))

    def lines(self, lang: Lang) -> list[str]:
        """Each conflict as `text(lang)` gives it: one line each."""
        return [c.text(lang) for c in self.conflicts]


class NoSolutionError(MatcherError):
    """The time limit ran out before any matching was found."""

    def __init__(self, time_limit_s: float, hint: str, hint_key: str | None = None) -> None:
        self.time_limit_s = time_limit_s
        self.hint_key = hint_key  # the hint in the catalogue (cli.no_solution.hint.*), for other languages
        super().__init__(f"No matching found within the time limit of {time_limit_s:g} s. {hint}")
