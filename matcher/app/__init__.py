"""The coordinator's workspace in the browser: `matcher app [FOLDER]`.

Start a matching from her spreadsheet, set the rules in a form (an ordinary scenario file is
written), run with live progress, review the pairs with names, decide pair by pair, re-run,
publish, download, handle mid-year changes, and ask "what if" for the steering group.

Modules: `web` (application, sign-in, rendering), `routes_setup` and `routes_runs` (pages),
`rules_form` (the form from the constraint catalogue), `review` (what the review shows),
`workspace` (the folder), `store` (decisions in SQLite), `jobs` (runs in their own process),
`security` (keys, form codes, paths), `adapter` (the one coupling to the engine and outputs).
"""
