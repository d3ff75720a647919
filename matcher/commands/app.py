"""`matcher app [FOLDER]`: the coordinator's workspace in the browser, on her folder.

Listens on 127.0.0.1 with a random key in the address it opens (as Jupyter does). For a
shared server, `--host 0.0.0.0` needs a password (`MATCHER_APP_PASSWORD` or
`--password-file`) or a trusted reverse proxy's header naming the user (`--user-header`).
"""

from __future__ import annotations

import getpass
import os
import webbrowser
from pathlib import Path

import click

from matcher.clitools import handles_errors
from matcher.errors import InputError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command(name="app")
@click.argument("folder", required=False, default=".",
                type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (shared: see below).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free).")
@click.option("--password-file", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Shared server: a file holding the password everyone signs in with (or MATCHER_APP_PASSWORD).")
@click.option("--user-header", default=None,
              help="Shared server behind a trusted reverse proxy: the request header naming the user.")
@click.option("--max-upload-mb", type=click.IntRange(1, 1024), default=20, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open the browser; only print the address.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None,
              help="The pages' language until someone switches (default: MATCHER_LANG, else sv).")
@handles_errors
def command(folder: Path, host: str, port: int, password_file: Path | None, user_header: str | None,
            max_upload_mb: int, no_browser: bool, lang: str | None) -> None:
    """Open the workspace on FOLDER (default: this folder): upload, set rules, run, review, publish."""
    import logging

    import uvicorn

    from matcher.app.security import AppConfig
    from matcher.app.web import create_app
    from matcher.i18n import Lang, Words, default_lang

    chosen: Lang = default_lang(lang) if lang or os.environ.get("MATCHER_LANG") else "sv"
    w = Words(chosen)
    password = password_file.read_text(encoding="utf-8").strip() if password_file else os.environ.get(
        "MATCHER_APP_PASSWORD") or None
    if host not in LOCAL_HOSTS and password is None and user_header is None:
        raise InputError.single("--host", None, None, w("app.cli.shared"))
    config = AppConfig(workspace=folder.resolve(), password=password, user_header=user_header,
                       local_user=_local_user(), max_upload_bytes=max_upload_mb * 1024 * 1024, lang=chosen)
    fixed = os.environ.get("MATCHER_APP_TOKEN")  # tests and scripts may fix the key; normally random
    if fixed:
        config.token = fixed
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, access_log=False, log_level="warning"))
    logging.getLogger("matcher.app").setLevel(logging.WARNING)

    startup = server.startup

    async def announce(sockets: object = None) -> None:
        await startup(sockets)  # type: ignore[arg-type]
        bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        url = f"http://{shown_host}:{bound}/" + ("" if config.shared else f"?token={config.token}")
        click.echo(w("app.cli.open", url=url), err=True)
        if not no_browser:
            webbrowser.open(url)

    server.startup = announce  # type: ignore[method-assign]
    server.run()


def _local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coordinator"
