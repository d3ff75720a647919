"""Pages that start a matching and set its rules: home, new matching, open a scenario, the rules
form, the language switch and (on a shared server) the login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from matcher.app import adapter, security
from matcher.app.rules_form import changes, current_values, parse_form, rule_specs
from matcher.app.security import SCENARIO_ENDINGS, TABLE_ENDINGS, plain_upload_name
from matcher.app.store import Matching
from matcher.app.web import Ctx, Refused, ctx
from matcher.errors import InputError, Problem

router = APIRouter()

PAIR_KINDS = ("pair_scores", "exclusions", "locked")
DEFAULT_RULES: dict[str, dict[str, dict[str, Any]]] = {
    "mentorship": {"coverage": {}, "band": {}, "unit": {}, "topics": {"weight": 5}},
    "trainee": {"coverage": {"hard": False, "priority": 1}, "administration_quota": {}, "supervisor_trained": {},
                "same_administration": {}, "preference": {"weight": 1}},
}


def matching_or_404(c: Ctx, slug: str) -> Matching:
    found = c.ws.store.matching(slug)
    if found is None:
        raise Refused(404, "app.error.not_found")
    return found


@router.get("/")
async def home(request: Request) -> Response:
    c = ctx(request)
    matchings = []
    for m in c.ws.store.matchings():
        runs = [r for r in c.ws.store.runs(m.slug) if r.kind != "whatif"]
        matchings.append({"m": m, "latest": runs[-1] if runs else None})
    return c.render("home.html", matchings=matchings, tables=c.ws.table_files(),
                    scenarios=c.ws.scenario_files(), problems=[], values={})


async def _file_from(c: Ctx, form: Any, field: str, endings: tuple[str, ...]) -> Path | None:
    """The file a form names: an upload (stored under uploads/) or one picked from the folder."""
    upload = form.get(f"{field}_upload")
    if isinstance(upload, UploadFile) and upload.filename:
        name = plain_upload_name(upload.filename, endings)
        data = await upload.read(c.config.max_upload_bytes + 1)
        if len(data) > c.config.max_upload_bytes:
            raise Refused(413, "app.error.too_large", megabytes=c.config.max_upload_bytes // (1024 * 1024))
        return c.ws.save_upload(name, data)
    picked = str(form.get(f"{field}_pick") or "").strip()
    if picked:
        path = c.ws.path(picked)
        if not path.is_file() or not path.name.lower().endswith(endings):
            raise security.PathRefused("app.error.outside", picked)
        return path
    return None


@router.post("/matchings")
async def new_matching(request: Request) -> Response:
    """Start a matching from a people file (and optional pair files), checked before anything is made."""
    c = ctx(request)
    form = await c.form()
    people_path = await _file_from(c, form, "people", TABLE_ENDINGS)
    pair_paths = {kind: await _file_from(c, form, kind, TABLE_ENDINGS) for kind in PAIR_KINDS}
    program = "trainee" if form.get("program") == "trainee" else "mentorship"
    problems: list[Problem] = []
    if people_path is None:
        problems.append(Problem(c.w("app.start.people"), None, None, c.w("app.start.people_missing")))
    else:
        try:
            people = adapter.check_people(people_path)
            for kind, path in pair_paths.items():
                if path is not None:
                    try:
                        adapter.read_pairs(path, kind, people)
                    except InputError as exc:
                        problems.extend(exc.problems)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        return c.render("home.html", http_status=422, matchings=[], tables=c.ws.table_files(),
                        scenarios=c.ws.scenario_files(), problems=adapter.problem_views(problems, c.ws.root),
                        values=dict(form))
    assert people_path is not None
    title = str(form.get("name") or "").strip() or people_path.stem
    slug = c.ws.new_slug(title)
    rel = c.ws.relative
    matching = Matching(slug, f"{slug}.yaml", rel(pair_paths["locked"]) if pair_paths["locked"] else None,
                        rel(pair_paths["exclusions"]) if pair_paths["exclusions"] else None)
    rules = dict(DEFAULT_RULES[program])
    if pair_paths["pair_scores"] is not None and program == "mentorship":
        rules["pair_scores"] = {"weight": 1}
    config: dict[str, Any] = {
        "name": title, "program": program, "people": rel(people_path),
        "pair_scores": rel(pair_paths["pair_scores"]) if pair_paths["pair_scores"] else None,
        "solver": {"time_limit_s": 60, "workers": 2, "seed": 0}, "constraints": rules,
    }
    c.ws.store.add_matching(matching)
    c.ws.write_config(matching, config)
    return RedirectResponse(f"/m/{slug}/rules", status_code=303)


@router.post("/open")
async def open_scenario(request: Request) -> Response:
    """Open a scenario file she already has: the workspace writes its own copy and never changes hers."""
    c = ctx(request)
    form = await c.form()
    path = await _file_from(c, form, "scenario", SCENARIO_ENDINGS)
    if path is None:
        raise Refused(400, "app.start.scenario_missing")
    try:
        config = adapter.flat_config(path)
    except InputError as exc:
        return c.render("home.html", http_status=422, matchings=[], tables=c.ws.table_files(),
                        scenarios=c.ws.scenario_files(), problems=adapter.problem_views(exc.problems, c.ws.root),
                        values={})
    slug = c.ws.new_slug(str(config.get("name") or path.stem))
    for key in ("people", "pair_scores", "exclusions", "locked", "history_db"):
        if config.get(key):
            config[key] = c.ws.relative(Path(config[key]))
    matching = Matching(slug, f"{slug}.yaml", config.pop("locked", None), config.pop("exclusions", None))
    c.ws.store.add_matching(matching)
    c.ws.write_config(matching, config)
    return RedirectResponse(f"/m/{slug}/rules", status_code=303)


@router.get("/m/{slug}/rules")
async def rules_page(request: Request, slug: str) -> Response:
    c = ctx(request)
    matching = matching_or_404(c, slug)
    config = c.ws.read_config(matching)
    return _rules(c, matching, config, current_values(config.get("constraints") or {}), {}, None)


def _rules(c: Ctx, matching: Matching, config: dict[str, Any], values: dict[str, Any], errors: dict[str, Any],
           changed: list[Any] | None, status: int = 200) -> Response:
    runs = [r for r in c.ws.store.runs(matching.slug) if r.kind != "whatif"]
    specs = rule_specs(c.w)  # the rules in use first, the others folded away below them
    ordered = [s for s in specs if values[s.name]["on"]] + [s for s in specs if not values[s.name]["on"]]
    first_off = next((s.name for s in ordered if not values[s.name]["on"]), "")
    return c.render("rules.html", http_status=status, m=matching, config=config, specs=ordered, values=values,
                    errors=errors, changed=changed, latest=runs[-1] if runs else None, first_off=first_off)


@router.post("/m/{slug}/rules")
async def save_rules(request: Request, slug: str) -> Response:
    """Write the rules into the matching's scenario file and say what changed."""
    c = ctx(request)
    matching = matching_or_404(c, slug)
    form = await c.form()
    config = c.ws.read_config(matching)
    old = dict(config.get("constraints") or {})
    specs = rule_specs(c.w)
    new, errors = parse_form(specs, {k: str(v) for k, v in form.items()}, old)
    for key in ("name", "cohort", "history_db"):
        text = str(form.get(key) or "").strip()
        if key == "history_db" and text and "://" not in text:
            c.ws.path(text)  # refused when it would lead outside the workspace
        config[key] = text or None
    if errors:
        values = current_values(old)
        for spec in specs:  # show what she typed, with the errors beside it
            values[spec.name]["on"] = spec.always_on or form.get(f"r.{spec.name}.on") in ("true", "on")
            if not (spec.soft_only or spec.hard_only):
                values[spec.name]["hard"] = form.get(f"r.{spec.name}.hard", "true") == "true"
            for f in spec.fields:
                raw = form.get(f"r.{spec.name}.{f.name}")
                if raw is not None:
                    values[spec.name][f.name] = str(raw)
        return _rules(c, matching, config, values, errors, None, status=422)
    changed = changes(specs, old, new, c.w)
    config["constraints"] = new
    c.ws.write_config(matching, config)
    return _rules(c, matching, c.ws.read_config(matching), current_values(new), {}, changed)


@router.post("/lang")
async def switch_language(request: Request) -> Response:
    c = ctx(request)
    form = await c.form()
    lang = "en" if form.get("lang") == "en" else "sv"
    back = str(form.get("back") or "/")
    response = RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/", 303)
    response.set_cookie(security.LANG_COOKIE, lang, httponly=True, samesite="strict", max_age=365 * 86400)
    return response


@router.get("/login")
async def login_page(request: Request) -> Response:
    c = ctx(request)
    return c.render("login.html", failed=False)


@router.post("/login")
async def login(request: Request) -> Response:
    c = ctx(request)
    form = await c.form()
    name = str(form.get("user") or "").strip()
    if not name or not security.password_ok(c.config, str(form.get("password") or "")):
        return c.render("login.html", http_status=403, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(security.SESSION_COOKIE, security.session_cookie(c.config, name[:80]), httponly=True,
                        samesite="strict", max_age=security.SESSION_HOURS * 3600)
    return response
