"""Pages from a run on: live progress, review, decisions, explanations, publishing, downloads,
mid-year changes and "what if".

A run is started in its own process (`jobs.start`); its page streams the phases over
Server-Sent Events and turns into the review when it ends. Decisions are stored one
transaction each (`store.decide`) and written into the next run's locked and exclusion files
(`workspace.with_decisions`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime
from typing import Any

import pandas as pd
import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from matcher.app import adapter, jobs
from matcher.app.review import change_rows, letters, person_info, publish_readiness, review_rows
from matcher.app.routes_setup import _file_from, matching_or_404
from matcher.app.rules_form import changes, current_values, one_rule_override, rule_specs
from matcher.app.security import TABLE_ENDINGS
from matcher.app.store import STATUSES, Run, now
from matcher.app.web import Ctx, Refused, ctx
from matcher.errors import InputError, Problem
from matcher.i18n import Words

router = APIRouter()
ENDED_STATES = ("done", "failed", "infeasible", "no_solution", "cancelled", "interrupted")


def run_or_404(c: Ctx, run_id: str) -> Run:
    found = c.ws.store.run(run_id)
    if found is None:
        raise Refused(404, "app.error.not_found")
    return refresh(c, found)


def matching_run_or_404(c: Ctx, run_id: str) -> Run:
    """A finished run with a matching to review (not a "what if" comparison, not running)."""
    run = run_or_404(c, run_id)
    if run.state != "done" or run.kind not in ("run", "repair"):
        raise Refused(404, "app.error.not_found")
    return run


def refresh(c: Ctx, run: Run) -> Run:
    """Record how a run ended once its worker has said so (or died without a word)."""
    if run.state != "running":
        return run
    end = jobs.ending(jobs.read_progress(c.ws.root, run.id))
    if end is None and not jobs.alive(run.pid):
        end = jobs.ending(jobs.read_progress(c.ws.root, run.id)) or {"state": "interrupted"}
    if end is not None:
        c.ws.store.finish_run(run.id, end.get("state", "failed"), json.dumps(end))
        return c.ws.store.run(run.id) or run
    return run


def start_job(c: Ctx, slug: str, kind: str, previous: str | None, spec: dict[str, Any]) -> str:
    run_id = c.ws.store.next_run_id(slug, kind)
    out_dir = c.ws.run_dir(run_id)
    c.ws.store.add_run(Run(run_id, slug, kind, c.ws.relative(out_dir), "running", None, now(), None, None,
                           previous, c.user))
    pid = jobs.start(c.ws.root, run_id, {**spec, "kind": kind, "out_dir": str(out_dir), "lang": c.lang},
                     c.config.python)
    c.ws.store.set_pid(run_id, pid)
    return run_id


def latest_done(c: Ctx, slug: str) -> Run | None:
    done = [refresh(c, r) for r in c.ws.store.runs(slug) if r.kind in ("run", "repair")]
    done = [r for r in done if r.state == "done"]
    return done[-1] if done else None


@router.post("/m/{slug}/run")
async def run_matching(request: Request, slug: str) -> Response:
    """Run (or re-run) the matching: decisions are written into its pair files first."""
    c = ctx(request)
    await c.form()
    matching = matching_or_404(c, slug)
    try:
        c.ws.refresh_decisions(matching)
    except InputError as exc:
        raise Refused(422, "app.error.decisions", problems="; ".join(str(p) for p in exc.problems)) from None
    previous = latest_done(c, slug)
    run_id = start_job(c, slug, "run", previous.id if previous else None, {"yaml": str(c.ws.yaml_path(matching))})
    return RedirectResponse(f"/runs/{run_id}", status_code=303)


@router.get("/runs/{run_id}")
async def run_page(request: Request, run_id: str, admin: str = "", status: str = "") -> Response:
    c = ctx(request)
    run = run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    outcome = json.loads(run.outcome) if run.outcome else {}
    if run.state != "done":
        problems = [Problem(**p) for p in outcome.get("problems", [])]
        return c.render("run.html", run=run, m=matching, outcome=outcome,
                        problems=adapter.problem_views(problems, c.ws.root))
    out_dir = c.ws.path(run.out_dir)
    if run.kind == "whatif":
        return c.render("whatif_done.html", run=run, m=matching, outcome=outcome,
                        change=json.loads((out_dir.parent / f"{run.id}.change.json").read_text("utf-8"))
                        if (out_dir.parent / f"{run.id}.change.json").is_file() else [])
    view = adapter.read_run(out_dir)
    decisions = c.ws.store.decisions(run.slug)
    rows = review_rows(view, decisions, c.lang, admin=admin, status=status)
    previous = c.ws.store.run(run.previous) if run.previous else None
    changed = None
    if previous is not None and previous.state == "done" and run.kind == "run":
        changed = change_rows(adapter.read_run(c.ws.path(previous.out_dir)), view, c.lang)
    unmatched = [
        {**person_info(view.person(str(pid)), c.lang), "reason": reason}
        for pid, reason in zip(view.unmatched["id"], view.unmatched["reason"], strict=True)
    ]
    repair_changes = None
    if view.changes is not None:
        before = adapter.read_run(c.ws.path(previous.out_dir)) if previous is not None else None

        def who(pid: str) -> dict[str, str]:  # a leaver is no longer in the repaired cohort: as they were
            found = view.person(pid) or (before.person(pid) if before is not None else {}) or {"id": pid}
            return person_info(found, c.lang)

        repair_changes = [
            {"change": r["change"], "mentor": who(r["mentor_id"]), "adept": who(r["adept_id"]),
             "previous": who(r["previous_mentor_id"]) if r["previous_mentor_id"] else None, "reason": r["reason"]}
            for r in view.changes.to_dict("records")
        ]
    administrations = sorted({str(v) for v in view.people["administration"]})
    return c.render("review.html", run=run, m=matching, rows=rows, unmatched=unmatched, changed=changed,
                    previous=previous, kpis=adapter.kpis(view), summary=view.summary, admin=admin, status=status,
                    administrations=administrations, statuses=STATUSES, ready=publish_readiness(view, decisions),
                    repair_changes=repair_changes, publications=c.ws.store.publications(run.id),
                    program=view.summary.get("program", "mentorship"))


@router.get("/runs/{run_id}/events")
async def run_events(request: Request, run_id: str) -> Response:
    """Server-Sent Events: each phase as it starts, the time so far, and the end."""
    c = ctx(request)
    run = run_or_404(c, run_id)

    async def stream() -> Any:
        try:
            async for event in _events(c, request, run):
                yield event
        except Exception as exc:  # after the response started: end the stream, log the kind only
            logging.getLogger("matcher.app").error("internal error %s in the event stream", type(exc).__name__)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


async def _events(c: Ctx, request: Request, run: Run) -> Any:
    """The run's phases as they start, the time so far every 0.4 s, and its end."""
    run_id = run.id
    sent = 0
    started = datetime.fromisoformat(run.started_at).timestamp()
    while True:
        lines = jobs.read_progress(c.ws.root, run_id)
        for line in lines[sent:]:
            if "phase" in line:
                data = {"phase": line["phase"], "label": c.w(f"app.phase.{line['phase']}")}
                yield f"event: phase\ndata: {json.dumps(data)}\n\n"
            if isinstance(line.get("search"), list):
                yield f"event: search\ndata: {json.dumps({'label': search_label(c.w, line['search'])})}\n\n"
        sent = len(lines)
        elapsed = time.time() - started
        yield f"event: tick\ndata: {json.dumps({'elapsed': c.w('app.run.elapsed', seconds=elapsed)})}\n\n"
        current = refresh(c, c.ws.store.run(run_id) or run)
        if current.state != "running":
            yield f"event: done\ndata: {json.dumps({'state': current.state, 'url': f'/runs/{run_id}'})}\n\n"
            return
        if await request.is_disconnected():
            return
        await asyncio.sleep(0.4)


def search_label(w: Words, levels: list[dict[str, Any]]) -> str:
    """The solver's state in words: per level, the best value so far and the proven bound."""
    parts = []
    for level in levels:
        priority, best, bound = level.get("priority"), level.get("best"), level.get("bound")
        if not isinstance(priority, int) or not isinstance(bound, int | float):
            continue
        if isinstance(best, int | float):
            parts.append(w("app.run.level", priority=priority, best=float(best), bound=float(bound)))
        else:
            parts.append(w("app.run.level_none", priority=priority, bound=float(bound)))
    return "; ".join(parts)


@router.post("/runs/{run_id}/cancel")
async def cancel_run(request: Request, run_id: str) -> Response:
    c = ctx(request)
    await c.form()
    run = run_or_404(c, run_id)
    if run.state == "running":
        jobs.cancel(run.pid)
        c.ws.store.finish_run(run.id, "cancelled", json.dumps({"state": "cancelled"}))
    return RedirectResponse(f"/runs/{run_id}", status_code=303)


def _pairs_of(c: Ctx, run: Run) -> set[tuple[str, str]]:
    view = adapter.read_run(c.ws.path(run.out_dir))
    return set(zip(view.pairs["mentor_id"], view.pairs["adept_id"], strict=True))


@router.post("/runs/{run_id}/decide")
async def decide(request: Request, run_id: str) -> Response:
    """One pair's decision, saved at once; an htmx request gets the row back, a form the page."""
    c = ctx(request)
    form = await c.form()
    run = matching_run_or_404(c, run_id)
    mentor, adept, status = str(form.get("mentor") or ""), str(form.get("adept") or ""), str(form.get("status"))
    if status not in STATUSES or (mentor, adept) not in _pairs_of(c, run):
        raise Refused(400, "app.error.bad_decision")
    c.ws.store.decide(run.slug, mentor, adept, status, str(form.get("reason") or ""), c.user)  # type: ignore[arg-type]
    if request.headers.get("hx-request"):
        view = adapter.read_run(c.ws.path(run.out_dir))
        rows = review_rows(view, c.ws.store.decisions(run.slug), c.lang, only=(mentor, adept))
        return c.render("pair_row.html", run=run, row=rows[0])
    return RedirectResponse(f"/runs/{run_id}#pair-{mentor}-{adept}", status_code=303)


@router.post("/runs/{run_id}/bulk")
async def decide_many(request: Request, run_id: str) -> Response:
    """The same decision for the ticked pairs (or for every pair): one transaction per pair."""
    c = ctx(request)
    form = await c.form()
    run = matching_run_or_404(c, run_id)
    status = str(form.get("status"))
    if status not in STATUSES:
        raise Refused(400, "app.error.bad_decision")
    pairs = _pairs_of(c, run)
    chosen = pairs if form.get("all") == "1" else {
        tuple(str(v).split("|", 1)) for v in form.getlist("pair") if "|" in str(v)}
    if not chosen or not chosen <= pairs:
        raise Refused(400, "app.error.bad_decision")
    for mentor, adept in sorted(chosen):
        c.ws.store.decide(run.slug, mentor, adept, status, str(form.get("reason") or ""), c.user)  # type: ignore[arg-type]
    return RedirectResponse(f"/runs/{run_id}", status_code=303)


@router.get("/runs/{run_id}/explain")
async def explain(request: Request, run_id: str, pair: str = "", person: str = "") -> Response:
    c = ctx(request)
    run = run_or_404(c, run_id)
    if run.state != "done" or run.kind == "whatif" or (bool(pair) == bool(person)):
        raise Refused(400, "app.error.bad_explain")
    try:
        text = adapter.explain(c.ws.path(run.out_dir), pair=pair or None, person=person or None, lang=c.lang)
    except InputError as exc:
        text = "\n".join(p.message for p in exc.problems)
    view = adapter.read_run(c.ws.path(run.out_dir))
    who = [person_info(view.person(p), c.lang) for p in (pair.split(",") if pair else [person])]
    template = "explain_part.html" if request.headers.get("hx-request") else "explain.html"
    return c.render(template, run=run, text=text, who=who, pair=pair)


@router.get("/runs/{run_id}/publish")
async def publish_page(request: Request, run_id: str) -> Response:
    c = ctx(request)
    run = matching_run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    return _publish(c, run, matching, {}, [], None)


def _publish(c: Ctx, run: Run, matching: Any, values: dict[str, str], problems: list[Any], done: Any,
             status: int = 200) -> Response:
    view = adapter.read_run(c.ws.path(run.out_dir))
    config = c.ws.read_config(matching)
    defaults = {"cohort": str(config.get("cohort") or ""), "db": str(config.get("history_db") or "history.sqlite")}
    return c.render("publish.html", http_status=status, run=run, m=matching,
                    ready=publish_readiness(view, c.ws.store.decisions(run.slug)), values={**defaults, **values},
                    problems=problems, done=done, publications=c.ws.store.publications(run.id))


@router.post("/runs/{run_id}/publish")
async def publish(request: Request, run_id: str) -> Response:
    """Publish the approved matching to the history database: `matcher publish`'s checks and transaction."""
    c = ctx(request)
    form = await c.form()
    run = matching_run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    view = adapter.read_run(c.ws.path(run.out_dir))
    ready = publish_readiness(view, c.ws.store.decisions(run.slug))
    cohort, db = str(form.get("cohort") or "").strip(), str(form.get("db") or "").strip()
    values = {"cohort": cohort, "db": db}
    if not ready["ok"]:
        return _publish(c, run, matching, values, [], None, status=409)
    problems: list[Problem] = []
    if not cohort:
        problems.append(Problem(c.w("app.publish.cohort"), None, None, c.w("app.publish.cohort_missing")))
    target = db if "://" in db else str(c.ws.path(db or "history.sqlite"))
    if not problems:
        try:
            done = adapter.publish(c.ws.path(run.out_dir), cohort, target)
        except InputError as exc:
            problems.extend(exc.problems)
        else:
            from matcher.history.db import display

            c.ws.store.add_publication(run.id, cohort, display(db) if "://" in db else db or "history.sqlite", c.user)
            return _publish(c, run, matching, values, [], done)
    return _publish(c, run, matching, values, adapter.problem_views(problems, c.ws.root), None, status=422)


@router.get("/runs/{run_id}/download/{what}")
async def download(request: Request, run_id: str, what: str) -> Response:
    c = ctx(request)
    run = run_or_404(c, run_id)
    if run.state != "done":
        raise Refused(404, "app.error.not_found")
    out_dir = c.ws.path(run.out_dir)
    if what == "compare.html" and run.kind == "whatif":
        return HTMLResponse((out_dir / "compare.html").read_text("utf-8"))
    if run.kind == "whatif":
        raise Refused(404, "app.error.not_found")
    if what == "report.html":
        return HTMLResponse((out_dir / "report.html").read_text("utf-8"))
    if what == "matching.xlsx":
        data = adapter.workbook_with_names(out_dir, c.ws.meta / "scratch")
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{run.id}-matching.xlsx"'})
    view = adapter.read_run(out_dir)
    if what == "letters":
        return c.render("letters.html", run=run, mentors=letters(view, c.lang),
                        program=view.summary.get("program", "mentorship"))
    if what == "letters.csv":
        rows = [{"mentor": m["mentor"]["name"], "mentor_id": m["mentor"]["id"], **{
            f"adept_{i + 1}": f"{a['name']} ({a['administration']}, {a['unit']})" for i, a in enumerate(m["adepts"])}}
            for m in letters(view, c.lang)]
        text = pd.DataFrame(rows).to_csv(index=False, sep=";", lineterminator="\r\n")
        return Response(text.encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{run.id}-letters.csv"'})
    raise Refused(404, "app.error.not_found")


@router.get("/runs/{run_id}/repair")
async def repair_page(request: Request, run_id: str) -> Response:
    c = ctx(request)
    run = matching_run_or_404(c, run_id)
    view = adapter.read_run(c.ws.path(run.out_dir))
    people = [person_info(view.person(str(p)), c.lang) for p in view.people["id"]]
    return c.render("repair.html", run=run, m=matching_or_404(c, run.slug), people=people,
                    tables=c.ws.table_files(), problems=[])


@router.post("/runs/{run_id}/repair")
async def repair(request: Request, run_id: str) -> Response:
    """Mid-year changes: the leavers ticked, the joiners' file; `matcher repair` in its own process."""
    c = ctx(request)
    form = await c.form()
    run = matching_run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    view = adapter.read_run(c.ws.path(run.out_dir))
    leavers = [str(v) for v in form.getlist("leaver") if str(v) in view.people.index]
    joiners = await _file_from(c, form, "joiners", TABLE_ENDINGS)
    try:
        allow_moves = max(0, int(str(form.get("allow_moves") or "0")))
    except ValueError:
        allow_moves = 0
    if not leavers and joiners is None:
        raise Refused(400, "app.repair.nothing")
    folder = c.ws.root / "decisions"
    stem = f"{run.id}-{int(time.time())}"
    try:  # a repair of a repair: everyone who left so far, and the people as they are now
        scenario_yaml, leavers = adapter.carried_changes(view.summary, leavers, c.ws.yaml_path(matching), folder,
                                                         stem)
    except InputError as exc:
        raise Refused(422, "app.repair.problem", problems="; ".join(str(p) for p in exc.problems)) from None
    leavers_file = None
    if leavers:
        folder.mkdir(exist_ok=True)
        leavers_file = folder / f"{stem}-leavers.csv"
        leavers_file.write_text("id\n" + "\n".join(leavers) + "\n", encoding="utf-8")
    new_id = start_job(c, run.slug, "repair", run.id, {
        "yaml": str(scenario_yaml),
        "current_pairs": str(c.ws.path(run.out_dir) / "pairs.csv"),
        "leavers": str(leavers_file) if leavers_file else None, "joiners": str(joiners) if joiners else None,
        "allow_moves": allow_moves})
    return RedirectResponse(f"/runs/{new_id}", status_code=303)


@router.get("/runs/{run_id}/whatif")
async def whatif_page(request: Request, run_id: str, rule: str = "") -> Response:
    c = ctx(request)
    run = matching_run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    config = c.ws.read_config(matching)
    specs = [s for s in rule_specs(c.w) if not s.always_on]
    chosen = next((s for s in specs if s.name == rule), None)
    return c.render("whatif.html", run=run, m=matching, specs=specs, chosen=chosen,
                    values=current_values(config.get("constraints") or {}), errors={})


@router.post("/runs/{run_id}/whatif")
async def whatif(request: Request, run_id: str) -> Response:
    """One rule changed: a variant scenario (extends the matching's) compared with the current rules."""
    c = ctx(request)
    form = await c.form()
    run = matching_run_or_404(c, run_id)
    matching = matching_or_404(c, run.slug)
    config = c.ws.read_config(matching)
    old = dict(config.get("constraints") or {})
    specs = {s.name: s for s in rule_specs(c.w) if not s.always_on}
    spec = specs.get(str(form.get("rule")))
    if spec is None:
        raise Refused(400, "app.error.bad_rule")
    override, errors = one_rule_override(spec, {k: str(v) for k, v in form.items()}, old)
    if errors:
        values = current_values(old)
        return c.render("whatif.html", http_status=422, run=run, m=matching, specs=list(specs.values()), chosen=spec,
                        values=values, errors=errors)
    changed = changes([spec], old, {**{k: v for k, v in old.items() if k != spec.name},
                                    **({spec.name: override} if override is not None else {})}, c.w)
    folder = c.ws.root / "whatif"
    folder.mkdir(exist_ok=True)
    run_id_new = c.ws.store.next_run_id(run.slug, "whatif")
    variant = folder / f"{run_id_new}.yaml"
    title = f"{config.get('name') or matching.slug}: {changed[0].what if changed else spec.title}"
    text = yaml.safe_dump({"extends": f"../{matching.yaml}", "name": title,
                           "constraints": {spec.name: override}}, sort_keys=False, allow_unicode=True)
    variant.write_text(text, encoding="utf-8")
    # The decision files stay as the run read them: rewriting them here would make the run unpublishable.
    new_id = start_job(c, run.slug, "whatif", run.id, {"yaml": str(c.ws.yaml_path(matching)),
                                                          "variant": str(variant)})
    assert new_id == run_id_new
    (c.ws.root / "runs").mkdir(exist_ok=True)
    (c.ws.root / "runs" / f"{new_id}.change.json").write_text(
        json.dumps([change.__dict__ for change in changed]), encoding="utf-8")
    return RedirectResponse(f"/runs/{new_id}", status_code=303)
