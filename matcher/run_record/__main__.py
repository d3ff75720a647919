"""`python -m matcher.run_record [PATH]`: write summary.json's JSON Schema (default docs/summary.schema.json)."""

from __future__ import annotations

import sys
from pathlib import Path

from matcher.run_record.model import SCHEMA_PATH, schema_text


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_PATH
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
