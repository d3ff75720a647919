"""Earlier cohorts: published matchings in a database, and what the history rules read of them.

`matcher publish` records a run's pairs as a cohort's (`db.publish_cohort`), `matcher history`
lists, shows and exports them, and the `history` / `mentor_load` rules read the earlier
cohorts' pairs (`loading.scenario_history`). Importing this package is light: SQLAlchemy is
imported by `matcher.history.db` only, so a run without history rules never loads it.
"""
