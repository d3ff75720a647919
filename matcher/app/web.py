"""The web application: who may come in, how pages are rendered, how refusals read.

`create_app(config)` builds the FastAPI application; the pages themselves are in
`routes_setup.py` (start a matching, set the rules) and `routes_runs.py` (run, review,
decide, publish, download, mid-year changes, what if). Pages are server-rendered Jinja2
templates with htmx (vendored in `static/`) for deciding without reloading; every page
works without JavaScript too, except the live progress (which falls back to a reload link).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from matcher.app import security
from matcher.app.security import AppConfig, PathRefused
from matcher.app.workspace import Workspace
from matcher.i18n import Lang, Words

HERE = Path(__file__).parent
log = logging.getLogger("matcher.app")


class Refused(Exception):
    """A request the workspace will not carry out: status code and the catalogue key saying why."""

    def __init__(self, status: int, key: str, **values: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


@dataclass
class Ctx:
    """What every page handler needs: the workspace, who asks, in which language, the form code."""

    request: Request
    ws: Workspace
    config: AppConfig
    user: str
    session: str
    lang: Lang

    @property
    def w(self) -> Words:
        return Words(self.lang)

    @property
    def csrf(self) -> str:
        return security.csrf_token(self.config, self.session)

    def render(self, template: str, http_status: int = 200, **values: Any) -> HTMLResponse:
        page = self.request.app.state.templates.get_template(template)
        w = Words(self.lang, values.get("program"))  # role words (mentor/adept or supervisor/trainee)
        html = page.render(ctx=self, w=w, lang=self.lang, csrf=self.csrf, user=self.user,
                           shared=self.config.shared, **values)
        return HTMLResponse(html, status_code=http_status, headers=_NO_STORE)

    async def form(self) -> Any:
        """The submitted form, after its CSRF code is checked (refused with a message otherwise)."""
        form = await self.request.form(max_files=10, max_fields=5000)
        given = form.get(security.CSRF_FIELD) or self.request.headers.get(security.CSRF_HEADER)
        if not security.csrf_ok(self.config, self.session, str(given) if given else None):
            raise Refused(403, "app.error.csrf")
        return form


_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
             "X-Frame-Options": "SAMEORIGIN"}


def ctx(request: Request) -> Ctx:
    state = request.state
    lang_cookie = request.cookies.get(security.LANG_COOKIE)
    default: Lang = request.app.state.config.lang
    lang: Lang = lang_cookie if lang_cookie in ("sv", "en") else default  # type: ignore[assignment]
    return Ctx(request, request.app.state.ws, request.app.state.config, state.user, state.session, lang)


def _refusal_page(request: Request, status: int, key: str, values: dict[str, Any]) -> HTMLResponse:
    cookie = request.cookies.get(security.LANG_COOKIE)
    lang: Lang = cookie if cookie in ("sv", "en") else request.app.state.config.lang  # type: ignore[assignment]
    w = Words(lang)
    page = request.app.state.templates.get_template("refused.html")
    return HTMLResponse(page.render(w=w, lang=lang, message=w(key, **values), status=status),
                        status_code=status, headers=_NO_STORE)


def create_app(config: AppConfig) -> FastAPI:
    """The application for one workspace folder."""
    from matcher.app import routes_runs, routes_setup

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config = config
    app.state.ws = Workspace(config.workspace)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)
    env.globals["urlencode"] = urlencode
    app.state.templates = env
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(routes_setup.router)
    app.include_router(routes_runs.router)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return _refusal_page(request, exc.status, exc.key, exc.values)

    @app.exception_handler(PathRefused)
    async def path_refused(request: Request, exc: PathRefused) -> Response:
        return _refusal_page(request, 400, exc.key, {"name": exc.name})

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Authentication, the upload size limit, and a log line without names, ids or the token."""
        path = request.url.path
        if path.startswith("/static/"):
            return await call_next(request)
        user, session, response = _who(request, config)
        if response is not None:
            return response
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return _refusal_page(request, 411, "app.error.length", {})
            if length is not None and (not length.isdigit() or int(length) > config.max_upload_bytes + 65536):
                megabytes = config.max_upload_bytes // (1024 * 1024)
                return _refusal_page(request, 413, "app.error.too_large", {"megabytes": megabytes})
        request.state.user, request.state.session = user, session
        try:
            response = await call_next(request)
        except Exception as exc:  # a bug: a plain page, and a log line with the kind only (no data, no names)
            log.error("internal error %s on %s %s", type(exc).__name__, request.method,
                      getattr(request.scope.get("route"), "path", "?"))
            return _refusal_page(request, 500, "app.error.internal", {"kind": type(exc).__name__})
        route = request.scope.get("route")
        log.info("%s %s -> %s", request.method, getattr(route, "path", "?"), response.status_code)
        return response

    return app


def _who(request: Request, config: AppConfig) -> tuple[str, str, Response | None]:
    """(user, session id, None) for a request that may come in, else a refusal or a redirect."""
    if config.user_header:
        named = request.headers.get(config.user_header, "").strip()
        if not named:
            return "", "", _refusal_page(request, 401, "app.error.no_user_header", {"header": config.user_header})
        return named, "header|" + named, None
    cookie = request.cookies.get(security.SESSION_COOKIE)
    user = security.user_of_cookie(config, cookie)
    if config.password is not None:
        if user is None and request.url.path != "/login":
            return "", "", RedirectResponse("/login", status_code=303)
        return user or "", cookie or "login", None
    if user is not None and cookie is not None:
        return user, cookie, None
    given = request.query_params.get("token")
    if security.token_ok(config, given):
        target = request.url.path + ("?" + urlencode([(k, v) for k, v in request.query_params.multi_items()
                                                        if k != "token"]) if len(request.query_params) > 1 else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(security.SESSION_COOKIE, security.session_cookie(config, config.local_user),
                            httponly=True, samesite="strict", max_age=security.SESSION_HOURS * 3600)
        return "", "", response
    return "", "", _refusal_page(request, 403, "app.error.token", {})
