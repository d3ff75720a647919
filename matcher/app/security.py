"""Who may use the workspace, and what a request may name.

* **Local** (the default, 127.0.0.1): a random token in the address `matcher app` opens, as
  Jupyter does. The first request with `?token=` sets an HttpOnly, SameSite=Strict cookie;
  a request with neither is refused.
* **Shared** (`--host`): a password (`MATCHER_APP_PASSWORD` or `--password-file`), asked on a
  login page with the user's name, or a trusted reverse proxy's header naming the user
  (`--user-header`). The name is recorded with each decision and publication.
* **CSRF**: every form carries a code derived from the session (HMAC), and every POST
  without the right one is refused with a message, not silently.
* **Paths**: an uploaded file's name must be a plain file name with an accepted ending; a
  file picked from the folder must resolve inside the workspace. Nothing a request names
  can reach outside it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from matcher.i18n import Lang

SESSION_COOKIE: Final = "matcher_session"
LANG_COOKIE: Final = "matcher_lang"
CSRF_FIELD: Final = "csrf"
CSRF_HEADER: Final = "x-csrf-token"
SESSION_HOURS: Final = 12
#: Endings accepted for uploads and for files picked from the folder.
TABLE_ENDINGS: Final = (".xlsx", ".csv", ".txt")
SCENARIO_ENDINGS: Final = (".yaml", ".yml")
_PLAIN_NAME = re.compile(r"^[^\\/\x00-\x1f:*?\"<>|]{1,120}$")


@dataclass
class AppConfig:
    """How the server was started."""

    workspace: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    password: str | None = None  # shared server: everyone's password
    user_header: str | None = None  # shared server behind a proxy: the header naming the user
    local_user: str = "coordinator"
    max_upload_bytes: int = 20 * 1024 * 1024
    python: str | None = None  # the interpreter for the solving processes (default: this one)
    lang: Lang = "sv"  # the pages' language until someone switches

    @property
    def shared(self) -> bool:
        return self.password is not None or self.user_header is not None


# -- sessions ------------------------------------------------------------------------------------


def sign(config: AppConfig, text: str) -> str:
    return hmac.new(config.secret, text.encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def session_cookie(config: AppConfig, user: str) -> str:
    """user|expiry|signature (the user's name is theirs to see; it is not a secret)."""
    expiry = str(int(time.time()) + SESSION_HOURS * 3600)
    body = f"{user}|{expiry}"
    return f"{body}|{sign(config, body)}"


def user_of_cookie(config: AppConfig, cookie: str | None) -> str | None:
    """The user a session cookie names, when it is genuine and not expired."""
    if not cookie or cookie.count("|") < 2:
        return None
    body, _, signature = cookie.rpartition("|")
    user, _, expiry = body.rpartition("|")
    if not hmac.compare_digest(sign(config, body), signature):
        return None
    if not expiry.isdigit() or int(expiry) < time.time():
        return None
    return user or None


def token_ok(config: AppConfig, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(str(given), config.token)


def password_ok(config: AppConfig, given: str | None) -> bool:
    return config.password is not None and bool(given) and hmac.compare_digest(str(given), config.password)


def csrf_token(config: AppConfig, session: str) -> str:
    return sign(config, "csrf|" + session)


def csrf_ok(config: AppConfig, session: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(config, session), str(given))


# -- names and paths -----------------------------------------------------------------------------


class PathRefused(ValueError):
    """A name or path a request gave that the workspace will not use; the message says why."""

    def __init__(self, key: str, name: str) -> None:
        super().__init__(key)
        self.key = key
        self.name = name


def plain_upload_name(name: str, endings: tuple[str, ...]) -> str:
    """The uploaded file's name if it is a plain name with an accepted ending; PathRefused otherwise."""
    text = name.strip()
    if not _PLAIN_NAME.match(text) or text.startswith(".") or ".." in text:
        raise PathRefused("app.error.upload_name", name)
    if not text.lower().endswith(endings):
        raise PathRefused("app.error.upload_kind", name)
    return text


def inside(workspace: Path, relative: str) -> Path:
    """`relative` resolved inside the workspace; PathRefused when it would lead outside (or is absolute)."""
    root = workspace.resolve()
    if not relative or "\x00" in relative or Path(relative).is_absolute():
        raise PathRefused("app.error.outside", relative)
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        raise PathRefused("app.error.outside", relative)
    return candidate


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`, ... when taken: an upload never replaces a file."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    return target
