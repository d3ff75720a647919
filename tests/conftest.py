"""Shared test set-up. Its presence puts tests/ on sys.path, so tests in sub-folders can import
the helper modules here (cli_helpers, strategies) when run on their own."""
