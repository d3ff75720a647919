"""Exceptions a caller can catch precisely; the CLI maps each to its exit code.

InputError -> exit 2, InfeasibleError -> exit 3, NoSolutionError -> exit 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matcher.i18n import Lang, Msg, catalogue


class InputProblem:
    """One thing wrong with an input, located as FILE:ROW:COLUMN.

    `row` is the line a spreadsheet user sees (the header is row 1, the first person
    row 2); for YAML it is the line in the file. `column` is the header as written in
    the file (or the YAML key path). Either may be None when it does not apply.

    The words are a catalogue message (`matcher.i18n.Msg`, the `input.*` entries), rendered in
    the language asked for: `text(lang)` is the whole `FILE:ROW:COLUMN: message` line,
    `render(lang)` the message alone; `str()` and `message` stay English (what scripts and
    library callers read). Plain text is accepted from code whose words are not in the
    catalogue yet (it reads the same in every language).
    """

    __slots__ = ("column", "file", "row", "words")

    def __init__(self, file: str, row: int | None, column: str | None, message: Msg | str) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.words = message if isinstance(message, Msg) else Msg("text.verbatim", {"text": message})

    @property
    def message(self) -> str:
        """The message in English."""
        return self.render("en")

    def render(self, lang: Lang, program: str | None = None) -> str:
        """The message alone, in `lang`, on one line."""
        text = self.words.render(lang, program)
        return " ".join(text.split()) if "\n" in text or "\r" in text else text

    def text(self, lang: Lang, program: str | None = None) -> str:
        """`FILE:ROW:COLUMN: message` in `lang`: what the terminal prints."""
        row = "" if self.row is None else str(self.row)
        # A key typed with a ':' or a line break must not break the FILE:ROW:COLUMN shape;
        # '∶' (U+2236) reads the same to a person.
        column = "" if self.column is None else self.column.replace(":", "\u2236").replace("\n", " ")
        return f"{self.file}:{row}:{column}: {self.render(lang, program)}"

    def to_json(self) -> dict[str, Any]:
        """file, row, column, message (English) and the message as `{"key", "values"}` (`words`)."""
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message,
                "words": self.words.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InputProblem:
        """The inverse of `to_json` (a dict without `words` gives its English message as plain text)."""
        words = data.get("words")
        message: Msg | str = Msg.from_json(words) if isinstance(words, Mapping) else str(data.get("message", ""))
        row = data.get("row")
        column = data.get("column")
        return cls(str(data["file"]), None if row is None else int(row), None if column is None else str(column),
                   message)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.row or 0, self.column or "", self.message)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"InputProblem({self.file!r}, {self.row!r}, {self.column!r}, {self.words!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputProblem):
            return NotImplemented
        return (self.file, self.row, self.column, self.words) == (other.file, other.row, other.column, other.words)

    def __hash__(self) -> int:
        return hash((self.file, self.row, self.column, self.words.key))

    def __lt__(self, other: InputProblem) -> bool:
        return self.sort_key() < other.sort_key()


#: Deprecated: the former name of `InputProblem` (two classes were called Problem; the other is
#: the optimisation model, `matcher.problem.Problem`). Kept so that existing callers still work.
Problem = InputProblem


class InvalidValue(ValueError):
    """A rule's or a setting's validator refusing a value, in the catalogue's words.

    Raised inside pydantic validators: pydantic reports it as a `value_error`, and the scenario
    reader (`scenario_file.setting_message`) shows `words` in the language asked for. `str()` is
    the English sentence, so pydantic's own message reads as before.
    """

    def __init__(self, words: Msg) -> None:
        self.words = words
        super().__init__(words.render("en"))


class MatcherError(Exception):
    """Base of every error the engine raises on purpose."""


class InputError(MatcherError):
    """Bad input: carries every problem found, not just the first."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = sorted(problems, key=InputProblem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, row: int | None, column: str | None, message: Msg | str) -> InputError:
        return cls([InputProblem(file, row, column, message)])

    def lines(self, lang: Lang, program: str | None = None) -> list[str]:
        """Every problem as `FILE:ROW:COLUMN: message` in `lang` (the CLI's `--lang sv`, the workspace)."""
        return [p.text(lang, program) for p in self.problems]


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
