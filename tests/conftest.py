"""Shared test set-up. Its presence puts tests/ on sys.path, so tests in sub-folders can import
the helper modules here (cli_helpers, strategies) when run on their own."""

import os
import tempfile

# A real PostgreSQL server for the history tests (skipped where none can be started, unless CI
# requires it): see postgres_server.py.
from postgres_server import postgres_server, postgres_url  # noqa: F401

# Parsed score files are cached per user (matcher.io.fastscores); the tests keep theirs in a
# folder of their own, so a run never reads or fills the developer's cache.
os.environ.setdefault("MATCHER_CACHE_DIR", tempfile.mkdtemp(prefix="matcher-test-cache-"))
