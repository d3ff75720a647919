"""The workspace's pages through the framework's test client: sign-in, safety, the loop."""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from workspace_helpers import COHORT, TOKEN, csrf_of, people_names, wait_for_run

pytest.importorskip("fastapi")


def new_matching(client: Any, name: str = "VT26", **extra: Any) -> str:
    """Start a matching from the Swedish Excel file picked in the folder; returns its slug."""
    response = client.post("/matchings", data={"csrf": client.csrf, "name": name, "people_pick": "personer.xlsx",
                                               "pair_scores_pick": "poang.csv", **extra})
    assert response.status_code == 200, response.text[:2000]
    found = re.search(r"/m/([a-z0-9-]+)/rules", str(response.url))
    assert found, response.url
    return found.group(1)


def run(client: Any, slug: str) -> tuple[str, str]:
    response = client.post(f"/m/{slug}/run", data={"csrf": client.csrf})
    url = str(response.url).replace("http://testserver", "")
    return url.rsplit("/", 1)[1], wait_for_run(client, url)


def pairs_on(page: str) -> list[tuple[str, str]]:
    return re.findall(r'name="mentor" value="([^"]+)">\s*<input type="hidden" name="adept" value="([^"]+)"', page)


# -- who may come in -----------------------------------------------------------------------------


def test_a_request_without_the_token_is_refused_with_a_message(workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from matcher.app.security import AppConfig
    from matcher.app.web import create_app

    with TestClient(create_app(AppConfig(workspace=workspace, token=TOKEN))) as stranger:
        for path in ("/", "/m/x/rules", "/runs/x", f"/?token={TOKEN}x"):
            response = stranger.get(path)
            assert response.status_code == 403, path
            assert "nyckel" in response.text
        assert stranger.post("/matchings", data={}).status_code == 403
        signed = stranger.get(f"/?token={TOKEN}", follow_redirects=False)
        assert signed.status_code == 303 and "token" not in signed.headers["location"]
        assert "httponly" in signed.headers["set-cookie"].lower()
        assert stranger.get("/").status_code == 200  # the cookie now


def test_a_shared_server_asks_for_the_password_and_records_the_user(workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from matcher.app.security import AppConfig
    from matcher.app.web import create_app

    with TestClient(create_app(AppConfig(workspace=workspace, password="hemligt"))) as browser:
        assert browser.get("/", follow_redirects=False).headers["location"] == "/login"
        page = browser.get("/login").text
        wrong = browser.post("/login", data={"csrf": csrf_of(page), "user": "Anna", "password": "fel"})
        assert wrong.status_code == 403
        right = browser.post("/login", data={"csrf": csrf_of(page), "user": "Anna", "password": "hemligt"})
        assert right.status_code == 200 and "Inloggad: Anna" in right.text
    with TestClient(create_app(AppConfig(workspace=workspace, user_header="X-Remote-User"))) as proxied:
        assert proxied.get("/").status_code == 401
        assert "Inloggad: Bo" in proxied.get("/", headers={"X-Remote-User": "Bo"}).text


def test_a_form_without_its_security_code_is_refused(client: Any, workspace: Path) -> None:
    for data in ({}, {"csrf": "forged"}):
        response = client.post("/matchings", data={**data, "people_pick": "personer.xlsx"})
        assert response.status_code == 403
        assert "säkerhetskod" in response.text
    assert not list(workspace.glob("*.yaml"))


# -- uploads and paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../utanfor.csv", "..\\utanfor.csv", "/etc/passwd.csv", "..csv", ".dold.csv"])
def test_an_upload_name_that_leads_elsewhere_is_refused(client: Any, workspace: Path, name: str) -> None:
    response = client.post("/matchings", data={"csrf": client.csrf},
                           files={"people_upload": (name, b"id;roll\n", "text/csv")})
    assert response.status_code == 400
    assert "Filnamnet" in response.text
    assert not (workspace / "uploads").exists() or not list((workspace / "uploads").iterdir())
    assert not (workspace.parent / "utanfor.csv").exists()


def test_an_upload_of_another_kind_is_refused(client: Any) -> None:
    response = client.post("/matchings", data={"csrf": client.csrf},
                           files={"people_upload": ("personer.exe", b"MZ", "application/octet-stream")})
    assert response.status_code == 400 and "xlsx" in response.text


def test_an_oversized_upload_is_refused(client: Any, workspace: Path) -> None:
    response = client.post("/matchings", data={"csrf": client.csrf},
                           files={"people_upload": ("stor.csv", b"x" * 300_000, "text/csv")})
    assert response.status_code == 413
    assert "för stor" in response.text
    assert not (workspace / "uploads" / "stor.csv").exists()


def test_a_file_outside_the_workspace_cannot_be_picked(client: Any, workspace: Path) -> None:
    (workspace.parent / "hemlig.csv").write_text("id\n", encoding="utf-8")
    response = client.post("/matchings", data={"csrf": client.csrf, "people_pick": "../hemlig.csv"})
    assert response.status_code == 400
    assert "ligger inte i arbetsmappen" in response.text


def test_problems_in_the_people_file_are_a_list_not_a_traceback(client: Any, workspace: Path) -> None:
    text = (COHORT / "people.csv").read_text(encoding="utf-8-sig").replace(";kvinna;", ";K?;", 1)
    response = client.post("/matchings", data={"csrf": client.csrf},
                           files={"people_upload": ("personer.csv", text.encode("cp1252"), "text/csv")})
    assert response.status_code == 422
    assert "Traceback" not in response.text
    assert "saker att rätta" in response.text
    assert re.search(r"<td>2</td><td>kön</td><td>[^<]*K\?", response.text), "row 2, column kön, the bad value"
    assert not list(workspace.glob("*.yaml")), "nothing is made from a file with problems"


def test_an_upload_never_replaces_a_file(client: Any, workspace: Path) -> None:
    data = (COHORT / "people.csv").read_bytes()
    for _ in range(2):
        client.post("/matchings", data={"csrf": client.csrf}, files={"people_upload": ("p.csv", data, "text/csv")})
    assert sorted(p.name for p in (workspace / "uploads").iterdir()) == ["p-2.csv", "p.csv"]


# -- rules -------------------------------------------------------------------------------------------------


def test_the_rules_form_writes_an_ordinary_scenario_and_says_what_changed(client: Any, workspace: Path) -> None:
    from matcher.scenario import Scenario

    slug = new_matching(client)
    page = client.get(f"/m/{slug}/rules").text
    form = _form_fields(page, "rules-form")
    form.update({"r.topics.weight": "3", "r.administration.on": "true", "r.administration.min_cross_share": "0,3",
                 "cohort": "VT26"})
    response = client.post(f"/m/{slug}/rules", data=form)
    assert response.status_code == 200
    assert re.search(r"<td>[^<]*</td><td>Vikt</td><td>5</td><td>3</td>", response.text)
    assert re.search(r"<td>används</td><td>av</td><td>på</td>", response.text)
    written = yaml.safe_load((workspace / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert written["constraints"]["topics"] == {"weight": 3}
    assert written["constraints"]["administration"] == {"min_cross_share": 0.3}
    assert written["cohort"] == "VT26"
    scenario = Scenario.from_yaml(workspace / f"{slug}.yaml")  # the CLI reads it as any scenario
    assert scenario.constraints["administration"]["min_cross_share"] == 0.3
    again = client.post(f"/m/{slug}/rules", data=_form_fields(response.text, "rules-form"))
    assert "Inga regler ändrades" in again.text
    assert yaml.safe_load((workspace / f"{slug}.yaml").read_text(encoding="utf-8")) == written


def test_a_value_out_of_bounds_is_shown_beside_the_field_and_nothing_is_saved(client: Any, workspace: Path) -> None:
    slug = new_matching(client)
    before = (workspace / f"{slug}.yaml").read_text(encoding="utf-8")
    form = _form_fields(client.get(f"/m/{slug}/rules").text, "rules-form")
    form.update({"r.administration.on": "true", "r.administration.min_cross_share": "1,5", "r.topics.weight": "x"})
    response = client.post(f"/m/{slug}/rules", data=form)
    assert response.status_code == 422
    assert 'id="r-administration-min_cross_share-error"' in response.text
    assert "Skriv ett tal" in response.text
    assert (workspace / f"{slug}.yaml").read_text(encoding="utf-8") == before


def _form_fields(page: str, form_id: str) -> dict[str, str]:
    """What a browser would submit from a form as it stands (inputs, checked boxes, selected options)."""
    start = page.index(f'id="{form_id}"')
    body = page[start: page.index("</form>", start)]
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) in ("checkbox", "radio") and " checked" not in tag:
            continue
        fields[name.group(1)] = value.group(1) if value else ""
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options) or re.search(r'<option value="([^"]*)"',
                                                                                         options)
        fields[name] = chosen.group(1) if chosen else ""
    return fields


# -- run, decide, re-run, publish ----------------------------------------------------------------------


def test_decisions_carry_into_the_next_run_and_publish_needs_every_pair_approved(
    client: Any, workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from matcher.history.db import cohort_pairs, list_cohorts, open_database

    caplog.set_level(logging.DEBUG)
    slug = new_matching(client)
    first_id, page = run(client, slug)
    pairs = pairs_on(page)
    assert len(pairs) == 10
    names = people_names()
    assert names[pairs[0][0]] in page and names[pairs[0][1]] in page  # her own pair list: names shown
    declined, locked = pairs[0], pairs[1]
    row = client.post(f"/runs/{first_id}/decide", headers={"hx-request": "true"},
                      data={"csrf": client.csrf, "mentor": declined[0], "adept": declined[1], "status": "declined",
                            "reason": "känner varandra"})
    assert row.text.startswith("<tr") and "Avböjt" in row.text
    client.post(f"/runs/{first_id}/decide", data={"csrf": client.csrf, "mentor": locked[0], "adept": locked[1],
                                                   "status": "locked"})
    refused = client.post(f"/runs/{first_id}/publish", data={"csrf": client.csrf, "cohort": "VT26"})
    assert refused.status_code == 409 and "8 obeslutade, 1 avböjda" in refused.text

    second_id, page = run(client, slug)
    again = pairs_on(page)
    assert declined not in again and locked in again
    assert 'id="changes"' in page and f"({declined[1]})" in page.split('id="changes"')[1].split("</section>")[0]
    exclusions = (workspace / "decisions" / f"{slug}-exclusions.csv").read_text(encoding="utf-8")
    assert f"{declined[0]},{declined[1]},känner varandra" in exclusions
    assert f"{locked[0]},{locked[1]}" in (workspace / "decisions" / f"{slug}-locked.csv").read_text(encoding="utf-8")

    client.post(f"/runs/{second_id}/bulk", data={"csrf": client.csrf, "status": "approved", "all": "1"})
    done = client.post(f"/runs/{second_id}/publish", data={"csrf": client.csrf, "cohort": "VT26",
                                                           "db": "history.sqlite"})
    assert done.status_code == 200 and 'id="published"' in done.text, done.text[-3000:]
    engine = open_database(str(workspace / "history.sqlite"), create=False)
    try:
        assert [c.name for c in list_cohorts(engine)] == ["VT26"]
        published = set(zip(cohort_pairs(engine, "VT26")["mentor_id"], cohort_pairs(engine, "VT26")["adept_id"],
                            strict=True))
    finally:
        engine.dispose()
    assert published == set(again)
    stored = (workspace / "history.sqlite").read_bytes()
    assert not [n for n in names.values() if n.encode("utf-8") in stored], "a name in the history database"
    logged = caplog.text + "".join(p.read_text("utf-8") for p in (workspace / ".matcher" / "jobs").glob("*.progress"))
    assert not [n for n in names.values() if n in logged], "a name in the server's log or progress files"
    twice = client.post(f"/runs/{second_id}/publish", data={"csrf": client.csrf, "cohort": "VT26",
                                                            "db": "history.sqlite"})
    assert twice.status_code == 422 and "already published" in twice.text


def test_a_decision_about_a_pair_not_in_the_run_is_refused(client: Any) -> None:
    slug = new_matching(client)
    run_id, page = run(client, slug)
    m, a = pairs_on(page)[0]
    other = next(x for x, _ in pairs_on(page) if x != m)
    response = client.post(f"/runs/{run_id}/decide", data={"csrf": client.csrf, "mentor": other, "adept": a,
                                                            "status": "approved"})
    assert response.status_code == 400
    assert client.post(f"/runs/{run_id}/decide", data={"csrf": client.csrf, "mentor": m, "adept": a,
                                                        "status": "maybe"}).status_code == 400


def test_explanations_of_a_pair_and_a_person(client: Any) -> None:
    slug = new_matching(client)
    run_id, page = run(client, slug)
    m, a = pairs_on(page)[0]
    pair = client.get(f"/runs/{run_id}/explain", params={"pair": f"{m},{a}"})
    assert pair.status_code == 200 and f"{m} - {a}: bildat" in pair.text and "<h1>" in pair.text  # Swedish
    part = client.get(f"/runs/{run_id}/explain", params={"person": a}, headers={"hx-request": "true"})
    assert "<h1>" not in part.text and a in part.text and people_names()[a] in part.text


def test_the_workbook_download_has_the_pairs_with_names(client: Any, workspace: Path) -> None:
    import io

    import openpyxl

    slug = new_matching(client)
    run_id, page = run(client, slug)
    response = client.get(f"/runs/{run_id}/download/matching.xlsx")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Par"]  # the run's own workbook, in Swedish
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["Mentor", "Mentorns namn", "Adept", "Adeptens namn"]
    names = people_names()
    assert {(r[0], r[2]) for r in rows[1:]} == set(pairs_on(page))
    assert all(r[1] == names[r[0]] and r[3] == names[r[2]] for r in rows[1:])
    scratch = workspace / ".matcher" / "scratch"
    assert not scratch.exists() or not list(scratch.iterdir()), "nothing with names is left in the scratch folder"
    letters = client.get(f"/runs/{run_id}/download/letters.csv")
    assert letters.content.startswith(b"\xef\xbb\xbf") and names[pairs_on(page)[0][0]] in letters.text


def test_a_run_can_be_cancelled_and_its_process_is_gone(client: Any, workspace: Path) -> None:
    from matcher.app import jobs

    shutil.copytree(COHORT.parent / "city", workspace / "stad")
    # The default back-end solves the city pool in under a second; SCIP's general MIP takes over a
    # minute: a run still going when the cancel arrives, with a setting a user may choose.
    scenario = workspace / "stad" / "scenario.yaml"
    text = scenario.read_text("utf-8").replace("seed: 0}", "seed: 0, backend: mip-scip}")
    assert "mip-scip" in text
    scenario.write_text(text, encoding="utf-8")
    opened = client.post("/open", data={"csrf": client.csrf, "scenario_pick": "stad/scenario.yaml"})
    slug = re.search(r"/m/([a-z0-9-]+)/rules", str(opened.url)).group(1)  # type: ignore[union-attr]
    assert scenario.read_text("utf-8") == text, "her scenario file is never changed"
    response = client.post(f"/m/{slug}/run", data={"csrf": client.csrf}, follow_redirects=False)
    run_url = response.headers["location"]
    assert 'id="progress"' in client.get(run_url).text
    store = client.app.state.ws.store
    pid = store.run(run_url.rsplit("/", 1)[1]).pid
    client.post(f"{run_url}/cancel", data={"csrf": client.csrf})
    assert "Körningen avbröts" in client.get(run_url).text
    assert not jobs.alive(pid)
    assert not (workspace / "runs" / run_url.rsplit("/", 1)[1]).exists(), "no half-written output"


def test_the_run_page_hears_the_solvers_proven_bound(client: Any, workspace: Path) -> None:
    """The city pool's search reports its best matching and proven bound per level; the run's
    event stream says it in Swedish, and the progress file holds numbers only."""
    shutil.copytree(COHORT.parent / "city", workspace / "stad")
    opened = client.post("/open", data={"csrf": client.csrf, "scenario_pick": "stad/scenario.yaml"})
    slug = re.search(r"/m/([a-z0-9-]+)/rules", str(opened.url)).group(1)  # type: ignore[union-attr]
    run_id, _ = run(client, slug)
    lines = [json.loads(line) for line in (workspace / ".matcher" / "jobs" / f"{run_id}.progress")
             .read_text("utf-8").splitlines()]
    searches = [line["search"] for line in lines if "search" in line]
    assert searches and all(set(level) == {"priority", "best", "bound"} for s in searches for level in s)
    events = client.get(f"/runs/{run_id}/events").text
    # The count boxes prove both levels at once (whole numbers of people cost the LP's 179).
    label = (
        "nivå 1: bästa hittills 169 poäng, högst 169 möjligt (bevisat); "
        "nivå 2: bästa hittills 16\u00a0094 poäng, högst 16\u00a0094 möjligt (bevisat)"
    )
    assert f"event: search\ndata: {json.dumps({'label': label})}" in events, events[:1500]


def test_the_language_switch(client: Any) -> None:
    english = client.post("/lang", data={"csrf": client.csrf, "lang": "en", "back": "/"})
    assert "<h1>Matchings</h1>" in english.text and 'lang="en"' in english.text
    assert client.post("/lang", data={"csrf": client.csrf, "lang": "sv", "back": "//evil.example"}).url.path == "/"


def test_a_bug_gives_a_plain_page_and_a_log_line_without_data(client: Any, workspace: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    slug = new_matching(client)
    run_id, _ = run(client, slug)
    (workspace / "runs" / run_id / "pairs.csv").unlink()  # a folder broken behind the workspace's back
    caplog.set_level(logging.INFO, logger="matcher.app")
    response = client.get(f"/runs/{run_id}")
    assert response.status_code == 500
    assert "Traceback" not in response.text and "FileNotFoundError" in response.text
    assert "internal error FileNotFoundError on GET /runs/{run_id}" in caplog.text
    assert run_id not in caplog.text and str(workspace) not in caplog.text


def test_a_trainee_term_opened_from_its_scenario_file(client: Any, workspace: Path) -> None:
    shutil.copytree(COHORT.parent / "trainee", workspace / "trainee")
    opened = client.post("/open", data={"csrf": client.csrf, "scenario_pick": "trainee/scenario.yaml"})
    assert opened.status_code == 200
    slug = re.search(r"/m/([a-z0-9-]+)/rules", str(opened.url)).group(1)  # type: ignore[union-attr]
    written = yaml.safe_load((workspace / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert written["people"] == "trainee/people.csv" and written["program"] == "trainee"
    run_id, page = run(client, slug)
    assert "<th scope=\"col\">Handledare</th>" in page and "<th scope=\"col\">Trainee</th>" in page
    assert len(pairs_on(page)) == 30
    assert "Utan par (" in page and "Per handledare" not in page
    letters = client.get(f"/runs/{run_id}/download/letters").text
    assert "Utskick per handledare" in letters and "Dina traineer" in letters


def test_rules_that_cannot_all_hold_are_named_and_there_is_nothing_to_publish(client: Any, workspace: Path) -> None:
    slug = new_matching(client)
    form = _form_fields(client.get(f"/m/{slug}/rules").text, "rules-form")
    form.update({"r.administration.on": "true", "r.administration.mode": "same",
                 "r.administration.min_cross_share": "0,5"})
    assert client.post(f"/m/{slug}/rules", data=form).status_code == 200
    run_id, page = run(client, slug)
    assert "Ingen matchning uppfyller alla regler." in page
    from matcher.errors import rule_ref

    named = html.escape(rule_ref("administration").render("sv"))  # the rule by its Swedish title
    assert re.search(rf"<li>\[[^\]]*{re.escape(named)}[^\]]*\]", page), "the conflicting rules, named in Swedish"
    for path in ("publish", "repair", "whatif"):
        assert client.get(f"/runs/{run_id}/{path}").status_code == 404
    assert client.post(f"/runs/{run_id}/bulk", data={"csrf": client.csrf, "status": "approved",
                                                      "all": "1"}).status_code == 404


def test_a_what_if_between_approving_and_publishing_changes_nothing_of_the_run(client: Any, workspace: Path) -> None:
    slug = new_matching(client)
    run_id, page = run(client, slug)
    m, a = pairs_on(page)[0]
    client.post(f"/runs/{run_id}/decide", data={"csrf": client.csrf, "mentor": m, "adept": a, "status": "locked"})
    client.post(f"/runs/{run_id}/bulk", data={"csrf": client.csrf, "status": "approved",
                                              "pair": [f"{x}|{y}" for x, y in pairs_on(page)[1:]]})
    form = {"csrf": client.csrf, "rule": "administration", "r.administration.on": "true",
            "r.administration.mode": "cross", "r.administration.hard": "true"}
    asked = client.post(f"/runs/{run_id}/whatif", data=form)
    done = wait_for_run(client, str(asked.url).replace("http://testserver", ""))
    assert 'id="compare-link"' in done and "<td>används</td><td>av</td><td>på</td>" in done
    compare = client.get(str(asked.url).replace("http://testserver", "") + "/download/compare.html").text
    assert not [n for n in people_names().values() if n in compare]
    published = client.post(f"/runs/{run_id}/publish", data={"csrf": client.csrf, "cohort": "VT26",
                                                              "db": "history.sqlite"})
    assert 'id="published"' in published.text, published.text[-2000:]


def test_mid_year_a_leaver_and_a_joiner_give_a_changes_table(client: Any, workspace: Path) -> None:
    slug = new_matching(client)
    run_id, page = run(client, slug)
    pairs = dict((a, m) for m, a in pairs_on(page))
    leaver = pairs["A0003"]  # A0003's mentor leaves
    joiner = ("\ufeffid;roll;förvaltning;kön;år_i_yrket;erfarenhet;kapacitet;enhet;befattning;ämnen;samma_kön;namn\n"
              "A0099;adept;Centrum;man;1;Ny;1;Ungdom Centrum 9;socialsekreterare;LVU;nej;Nils Nykomling\n"
              "M0099;mentor;Hisingen;kvinna;9;Erfaren;2;Familjehem Hisingen 9;socialsekreterare;LVU;nej;Maja Mentor\n")
    asked = client.post(f"/runs/{run_id}/repair", data={"csrf": client.csrf, "leaver": leaver, "allow_moves": "0"},
                        files={"joiners_upload": ("nya.csv", joiner.encode("utf-8"), "text/csv")})
    done = wait_for_run(client, str(asked.url).replace("http://testserver", ""))
    assert 'id="repair-title"' in done, done[done.find("<main"):][:3000]
    changes = done.split('id="repair-title"')[1].split("</section>")[0]
    names = people_names()
    ended = re.findall(r"<tr><td>Avslutad: någon har slutat</td><td>([^<]*)</td>", changes)
    assert ended and set(ended) == {f"{names[leaver]} {leaver}"}, "the leaver, as they were, by name"
    assert f"<td>{names[leaver]} {leaver}</td><td>the previous mentor left" in changes
    assert "Nils Nykomling A0099" in changes, "the joiner, by name, in the changes"
    assert changes.count("Behålls") == 10 - len(ended)
    assert "A0099" in " ".join(a for _, a in pairs_on(done)), "the joiner is matched"
    assert (workspace / "uploads" / "nya.csv").is_file()

    # a second change from the repaired matching: one who was there leaves, another mentor joins
    repaired_id = str(asked.url).rsplit("/", 1)[1]
    second_leaver = next(m for m, a in pairs_on(done) if m not in ("M0099", leaver))
    newcomer = joiner.splitlines()[0] + "\nM0100;mentor;Nordost;man;12;Erfaren;2;Ungdom Nordost 9;socialsekreterare;" \
        "LVU;nej;Mats Nyman\n"
    again = client.post(f"/runs/{repaired_id}/repair", data={"csrf": client.csrf, "leaver": second_leaver},
                        files={"joiners_upload": ("nya2.csv", newcomer.encode("utf-8"), "text/csv")})
    page = wait_for_run(client, str(again.url).replace("http://testserver", ""))
    assert 'id="repair-title"' in page, page[page.find("<main"):][:2000]
    changes = page.split('id="repair-title"')[1].split("</section>")[0]
    assert "<tr><td>Behålls</td><td>Maja Mentor M0099</td><td>Nils Nykomling A0099</td>" in changes, \
        "the pair of the earlier joiners is kept"
    assert not {m for m, _ in pairs_on(page)} & {second_leaver, leaver}, "every leaver so far stays out"
