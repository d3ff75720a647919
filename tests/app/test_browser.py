"""The workspace in a real browser (Debian's Chromium through Playwright), on a real server process.

One test walks the coordinator's whole loop on the example cohort; axe-core checks every page
it passes (no serious or critical violation) and the keyboard reaches every control; the
README's screenshots (`docs/img/app-*.png`) are taken on the way. Others: live progress and
cancel, a server killed in the middle of a review, two clients deciding at once.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from typing import Any

import httpx
from workspace_helpers import COHORT, TOKEN, LiveServer, people_names

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def check_page(page: Any, checked: list[str]) -> None:
    """axe-core on the page as it stands (no serious or critical violation), and the keyboard
    reaches every control on it."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page.url}: {bad}"
    keyboard_reaches_everything(page)
    checked.append(re.sub(r"https?://[^/]+", "", page.url))


def keyboard_reaches_everything(page: Any) -> None:
    """Tab from the top of the page: every visible control gets the focus (a radio group once)."""
    controls = page.evaluate("""() => {
        const found = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
            .filter(e => (e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0) && !e.disabled);
        const groups = {};
        found.forEach((e, i) => {
            const key = e.type === 'radio' ? 'radio:' + e.name : 'c' + i;
            e.dataset.kb = key; groups[key] = (e.outerHTML || '').slice(0, 120);
        });
        return groups;
    }""")
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen: set[str] = set()
    for _ in range(len(controls) * 2 + 20):
        page.keyboard.press("Tab")
        key = page.evaluate("() => document.activeElement && document.activeElement.dataset.kb")
        if key:
            seen.add(key)
        if seen >= set(controls):
            break
    missing = [controls[k] for k in controls if k not in seen]
    assert not missing, f"{page.url}: not reachable by keyboard: {missing[:5]}"


def shot(page: Any, name: str) -> None:
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.screenshot(path=str(DOCS_IMG / f"app-{name}.png"), full_page=False)


def pair_ids(page: Any) -> list[tuple[str, str]]:
    values = page.eval_on_selector_all("table.pairs input[name=pair]", "els => els.map(e => e.value)")
    return [tuple(v.split("|", 1)) for v in values]  # type: ignore[misc]


def wait_review(page: Any) -> None:
    page.wait_for_selector("table.pairs", timeout=120_000)


def test_the_whole_loop_in_a_real_browser(browser: Any, server: LiveServer, workspace: Path) -> None:
    import openpyxl

    from matcher.history.db import cohort_pairs, list_cohorts, open_database

    checked: list[str] = []
    names = people_names()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server.url}?token={TOKEN}")
    assert "token" not in page.url
    check_page(page, checked)
    shot(page, "start")

    # 1. start: upload the Swedish Excel file
    page.set_input_files("#people_upload", str(workspace / "personer.xlsx"))
    page.select_option("#pair_scores_pick", "poang.csv")
    page.fill("#name", "Mentorskap VT26")
    page.click("form[action='/matchings'] button[type=submit]")
    page.wait_for_selector("#rules-form")
    check_page(page, checked)

    # 2. set the rules: a weight changed, a rule switched on with a share
    page.fill("#r-topics-weight", "3")
    page.click("#more-rules summary")
    page.check("#r-administration-on")
    page.fill("#r-administration-min_cross_share", "0,3")
    page.click("#save-rules")
    page.wait_for_selector("#saved-title")
    saved = page.inner_text(".saved")
    assert "Vikt" in saved and "3" in saved and "används" in saved
    check_page(page, checked)
    shot(page, "rules")

    # 3. run, with the live progress, into the review
    page.click("#run-button")
    wait_review(page)
    check_page(page, checked)
    first = pair_ids(page)
    assert len(first) == 10
    assert names[first[0][0]] in page.inner_text("table.pairs")
    shot(page, "review")

    # explain a pair and a person, in place
    page.click(f"#pair-{first[0][0]}-{first[0][1]} a:text('Varför det här paret?')")
    page.wait_for_selector("#explanation pre")
    assert f"{first[0][0]} - {first[0][1]}: bildat" in page.inner_text("#explanation")  # the page's language
    page.click(f"#pair-{first[2][0]}-{first[2][1]} td:nth-child(3) a")
    page.wait_for_function(f"document.querySelector('#explanation h2').textContent.includes('{names[first[2][1]]}')")
    check_page(page, checked)

    # 4. decide: decline one pair (with a reason), lock another; saved at once (htmx)
    declined, locked = first[0], first[1]
    row = f"#pair-{declined[0]}-{declined[1]}"
    page.fill(f"{row} input[name=reason]", "känner varandra")
    page.click(f"{row} button[value=declined]")
    page.wait_for_selector(f"{row}.status-declined")
    page.click(f"#pair-{locked[0]}-{locked[1]} button[value=locked]")
    page.wait_for_selector(f"#pair-{locked[0]}-{locked[1]}.status-locked")

    # 5. re-run: the declined pair is gone, the locked one kept, the change list shows it
    page.click("#rerun-button")
    page.wait_for_selector("#changes")
    wait_review(page)
    second = pair_ids(page)
    assert declined not in second and locked in second
    changes = page.inner_text("#changes")
    assert f"({declined[1]})" in changes and names[declined[1]] in changes
    check_page(page, checked)

    # 6. approve all, publish; the history database holds the cohort
    page.select_option("#bulk-status", "approved")
    page.click("#bulk-all")
    page.wait_for_selector("text=10 godkända")
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename.endswith("matching.xlsx")
    saved_as = workspace.parent / "hamtad.xlsx"
    download.value.save_as(saved_as)
    workbook = openpyxl.load_workbook(saved_as)["Par"]  # the run's own workbook, in Swedish
    rows = list(workbook.iter_rows(values_only=True))
    assert rows[0][:4] == ("Mentor", "Mentorns namn", "Adept", "Adeptens namn")
    assert {(r[0], r[2]) for r in rows[1:]} == set(second)
    assert all(r[1] == names[r[0]] and r[3] == names[r[2]] for r in rows[1:])
    page.click("#publish-link")
    page.fill("#cohort", "VT26")
    check_page(page, checked)
    page.click("#publish-button")
    page.wait_for_selector("#published")
    check_page(page, checked)
    engine = open_database(str(workspace / "history.sqlite"), create=False)
    try:
        assert [c.name for c in list_cohorts(engine)] == ["VT26"]
        stored = cohort_pairs(engine, "VT26")
        assert set(zip(stored["mentor_id"], stored["adept_id"], strict=True)) == set(second)
    finally:
        engine.dispose()

    # the letters, mid-year changes and "what if" pages
    review_url = page.url.split("/publish")[0]
    page.goto(f"{review_url}/download/letters")
    assert names[second[0][0]] in page.inner_text("main")
    check_page(page, checked)
    page.goto(f"{review_url}/repair")
    check_page(page, checked)
    leaver = second[3][0]
    page.check(f"#leaver-{leaver}")
    page.click("#repair-button")
    page.wait_for_selector("#repair-title", timeout=120_000)
    assert "Avslutad: någon har slutat" in page.inner_text("main")
    check_page(page, checked)
    page.goto(f"{review_url}/whatif?rule=administration")
    page.select_option("#r-administration-mode", "cross")
    check_page(page, checked)
    shot(page, "whatif")
    page.click("#whatif-button")
    page.wait_for_selector("#compare-link", timeout=120_000)
    check_page(page, checked)
    page.click("#compare-link")
    compare = page.content()
    assert not [n for n in names.values() if n in compare], "a name on the steering group's page"

    # English with a switch
    page.goto(review_url)
    page.click("button[value=en]")
    assert page.inner_text("h1").startswith("Review run")
    check_page(page, checked)
    context.close()
    assert len(checked) >= 14


def test_progress_is_live_and_a_run_can_be_cancelled(browser: Any, server: LiveServer, workspace: Path) -> None:
    shutil.copytree(COHORT.parent / "city", workspace / "stad")
    # The city pool takes under a second with the default back-end; SCIP's general MIP takes over a
    # minute on it: long enough to watch the progress and cancel, and a setting a user may choose.
    scenario = workspace / "stad" / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "seed: 0}" in text
    scenario.write_text(text.replace("seed: 0}", "seed: 0, backend: mip-scip}"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}?token={TOKEN}")
    page.select_option("#scenario_pick", "stad/scenario.yaml")
    page.click("form[action='/open'] button[type=submit]")
    page.click("#run-button")
    page.wait_for_selector("#phases li[data-phase=solve]", timeout=60_000)
    page.wait_for_function("document.getElementById('elapsed').textContent.endsWith('s')")
    checked: list[str] = []
    check_page(page, checked)
    shot(page, "progress")
    page.click("#cancel-button")
    page.wait_for_selector("text=Körningen avbröts.")
    page.close()


def test_a_killed_server_loses_no_decision(browser: Any, workspace: Path) -> None:
    """SIGKILL in the middle of a review, start again: every decision made is there."""
    live = LiveServer(workspace).start()
    page = browser.new_page()
    try:
        page.goto(f"{live.url}?token={TOKEN}")
        page.set_input_files("#people_upload", str(workspace / "personer.xlsx"))
        page.click("form[action='/matchings'] button[type=submit]")
        page.click("#run-button")
        wait_review(page)
        review = page.url
        pairs = pair_ids(page)
        statuses = ["approved", "locked", "declined", "approved", "locked", "declined"]
        for (m, a), status in zip(pairs, statuses, strict=False):
            page.click(f"#pair-{m}-{a} button[value={status}]")
            page.wait_for_selector(f"#pair-{m}-{a}.status-{status}")
    finally:
        live.kill()
        page.close()
    again = LiveServer(workspace).start()
    try:
        page = browser.new_page()
        page.goto(f"{again.url}?token={TOKEN}")
        page.goto(review.replace(live.url, again.url))
        for (m, a), status in zip(pairs, statuses, strict=False):
            assert page.get_attribute(f"#pair-{m}-{a}", "class") == f"status-{status}"
        page.close()
    finally:
        again.stop()


def test_two_clients_deciding_at_once_lose_nothing(workspace: Path) -> None:
    """Two servers on the same folder (as two tabs of a shared deployment), each with its own client,
    deciding the same pairs at the same moment: every decision is in the log, the last one holds."""
    from matcher.app.store import Store

    first, second = LiveServer(workspace).start(), LiveServer(workspace).start()
    try:
        clients = [httpx.Client(base_url=s.url, follow_redirects=True, timeout=60) for s in (first, second)]
        pages = [c.get(f"/?token={TOKEN}").text for c in clients]
        csrf = [re.search(r'name="csrf" value="([^"]+)"', p).group(1) for p in pages]  # type: ignore[union-attr]
        made = clients[0].post("/matchings", data={"csrf": csrf[0], "people_pick": "personer.xlsx", "name": "tva"})
        slug = re.search(r"/m/([a-z0-9-]+)/rules", str(made.url)).group(1)  # type: ignore[union-attr]
        started = clients[0].post(f"/m/{slug}/run", data={"csrf": csrf[0]})
        run_url = str(started.url).replace(first.url.rstrip("/"), "")
        for _ in range(400):
            page = clients[0].get(run_url).text
            if 'id="progress"' not in page:
                break
            threading.Event().wait(0.3)
        pairs = re.findall(r'name="pair" value="([^|"]+)\|([^"]+)"', page)
        assert len(pairs) == 10
        rounds = 6
        errors: list[str] = []
        barrier = threading.Barrier(2)

        def decide(index: int) -> None:
            client = clients[index]
            barrier.wait()
            for r in range(rounds):
                for m, a in pairs:
                    status = ("approved", "locked")[(r + index) % 2] if r < rounds - 1 else \
                        ("approved" if index == 0 else "declined")
                    response = client.post(f"{run_url}/decide", data={"csrf": csrf[index], "mentor": m, "adept": a,
                                                                      "status": status, "reason": f"c{index}"})
                    if response.status_code != 200:
                        errors.append(f"{response.status_code}")

        threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        store = Store(workspace / ".matcher" / "workspace.sqlite")
        with store.transaction() as conn:
            logged = conn.execute("SELECT COUNT(*) FROM decision_log").fetchone()[0]
            last = conn.execute(
                "SELECT mentor_id, adept_id, status FROM decision_log WHERE id IN "
                "(SELECT MAX(id) FROM decision_log GROUP BY mentor_id, adept_id)").fetchall()
        assert logged == 2 * rounds * len(pairs), "a decision was lost"
        final = store.decisions(slug)
        assert {(m, a): s for m, a, s in last} == {k: d.status for k, d in final.items()}
        for client in clients:
            client.close()
    finally:
        first.stop()
        second.stop()


def test_refusals_problems_and_sign_in_pages_are_accessible(browser: Any, server: LiveServer,
                                                            workspace: Path) -> None:
    checked: list[str] = []
    page = browser.new_page()
    page.goto(server.url)  # without the key
    assert "nyckel" in page.inner_text("main")
    check_page(page, checked)
    bad = workspace / "fel.csv"
    bad.write_text((COHORT / "people.csv").read_text(encoding="utf-8-sig").replace(";kvinna;", ";K?;", 1),
                   encoding="utf-8")
    page.goto(f"{server.url}?token={TOKEN}")
    page.select_option("#people_pick", "fel.csv")
    page.click("form[action='/matchings'] button[type=submit]")
    page.wait_for_selector(".problems table")
    check_page(page, checked)
    page.select_option("#people_pick", "personer.xlsx")
    page.click("form[action='/matchings'] button[type=submit]")
    page.fill("#r-topics-weight", "-3")
    page.click("#save-rules")
    page.wait_for_selector("#r-topics-weight[aria-invalid=true]")
    check_page(page, checked)
    page.close()

    shared = LiveServer(workspace, env={"MATCHER_APP_PASSWORD": "hemligt"}).start()
    try:
        page = browser.new_page()
        page.goto(shared.url)
        page.wait_for_selector("#password")
        check_page(page, checked)
        page.fill("#user", "Anna")
        page.fill("#password", "hemligt")
        page.click("form[action='/login'] button")
        page.wait_for_selector("text=Inloggad: Anna")
        check_page(page, checked)
        page.close()
    finally:
        shared.stop()
    assert len(checked) == 5
