"""Runs in their own process: the page never waits for a solver, and cancelling kills it.

The server writes a job file (`.matcher/jobs/ID.json`: what to run) and starts
`python -m matcher.app.jobs JOBFILE` in a new session (its own process group). The worker
appends one JSON line per phase to `.matcher/jobs/ID.progress`, a line with each level's best
value so far and proven bound while the solver searches (`matcher.progress`), and a last line with
`"end": true` saying how it ended. The server's event stream (Server-Sent Events) reads
that file; a run whose process is gone without a last line was interrupted.

The progress file holds phases, times and counts; never a name (nor an id).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from matcher import progress

PHASES = ("start", "read", "solve", "write")


def job_dir(workspace: Path) -> Path:
    folder = workspace / ".matcher" / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start(workspace: Path, run_id: str, spec: dict[str, Any], python: str | None = None) -> int:
    """Start the worker for `spec`; returns its process id."""
    folder = job_dir(workspace)
    spec_path = folder / f"{run_id}.json"
    spec_path.write_text(json.dumps({**spec, "progress": str(folder / f"{run_id}.progress")}), encoding="utf-8")
    (folder / f"{run_id}.progress").write_text(json.dumps({"phase": "start", "t": time.time()}) + "\n", "utf-8")
    process = subprocess.Popen(  # our own interpreter and module, no shell
        [python or sys.executable, "-m", "matcher.app.jobs", str(spec_path)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, cwd=str(workspace),
    )
    _CHILDREN[process.pid] = process
    return process.pid


_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def alive(pid: int | None) -> bool:
    """Whether the worker is still running (reaping it if it was our child and has ended)."""
    if not pid:
        return False
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie of a previous server is not alive
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split()[2] != "Z"
    except OSError:
        return True


def cancel(pid: int | None) -> None:
    """Stop the worker and everything it started (its process group)."""
    if not pid or not alive(pid):
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        return
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        child.wait(timeout=10)


def read_progress(workspace: Path, run_id: str) -> list[dict[str, Any]]:
    path = job_dir(workspace) / f"{run_id}.progress"
    if not path.is_file():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line being written
    return lines


def ending(lines: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((line for line in reversed(lines) if line.get("end")), None)


# -- the worker -------------------------------------------------------------------------------------------


def _emitter(progress: Path) -> Any:
    def emit(**fields: Any) -> None:
        with progress.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({**fields, "t": time.time()}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    return emit


def work(spec: dict[str, Any]) -> None:
    """Run what the job file asks and record how it ended; never raises."""
    from matcher.app import adapter

    emit = _emitter(Path(spec["progress"]))

    def phase(name: str) -> None:
        emit(phase=name)

    try:
        with progress.reporting(lambda event: emit(**event)):  # the solver's proven bound, live
            outcome = _run(spec, phase)
        emit(end=True, state="done", outcome=outcome)
    except BaseException as exc:  # every ending is recorded; the page says what went wrong
        emit(end=True, **adapter.failure(exc))


def _run(spec: dict[str, Any], phase: Any) -> dict[str, Any]:
    """The job's work: a matching, a repair or a what-if."""
    from matcher.app import adapter

    kind = spec["kind"]
    if kind == "run":
        return adapter.run_matching(Path(spec["yaml"]), Path(spec["out_dir"]), spec["lang"], phase)
    if kind == "repair":
        return adapter.run_repair(
            Path(spec["yaml"]), Path(spec["current_pairs"]),
            Path(spec["leavers"]) if spec.get("leavers") else None,
            Path(spec["joiners"]) if spec.get("joiners") else None,
            int(spec.get("allow_moves") or 0), Path(spec["out_dir"]), spec["lang"], phase,
        )
    if kind == "whatif":
        return adapter.run_whatif(Path(spec["yaml"]), Path(spec["variant"]), Path(spec["out_dir"]), spec["lang"], phase)
    raise ValueError(f"unknown job kind {kind!r}")


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    work(spec)
    return 0


if __name__ == "__main__":  # pragma: no cover - run as the worker process
    sys.exit(main(sys.argv))
