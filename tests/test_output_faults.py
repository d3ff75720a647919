"""Faults while writing an output folder, for real: a writer process SIGKILLed after every step,
a full disk, a read-only file system, a mount point, a folder the user may not write to.

Each kill leaves the folder entirely old or entirely new. With the atomic exchange (Linux) that
holds at every instant; with the two-rename fallback, a kill between the renames leaves the old
folder under its journalled name, and `recover` (run by the next write into the same parent, or
by reading the folder) puts it back. The tests with a tiny tmpfs run in a private mount namespace
(`unshare -m`, which needs root); the permission tests run as `nobody` when the suite is root.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from matcher.output.folder import recover

REPO = Path(__file__).resolve().parents[1]
COHORT = REPO / "scenarios" / "cohort"
NEW_FILES = ("pairs.csv", "summary.json", "report.html", "points/point-0001.yaml")

# A writer in its own process: kill itself (SIGKILL) at the N-th time step STEP is reached, or
# ("record") print the steps it went through. mode "fallback": as on a system without the exchange.
WRITER = r"""
import json, os, signal, sys
from pathlib import Path
from matcher.output import folder
out, step, nth, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
seen = []
def hook(name):
    seen.append(name)
    if name == step and seen.count(name) == nth:
        os.kill(os.getpid(), signal.SIGKILL)
folder._step = hook
if mode == "fallback":
    folder._exchange = lambda a, b: False
names = ("pairs.csv", "summary.json", "report.html", "points/point-0001.yaml")
folder.write_bundle(Path(out), {n: (lambda p, n=n: p.write_text("new " + n + "\n")) for n in names})
print(json.dumps(seen))
"""


def _old(out: Path) -> None:
    out.mkdir()
    for name in ("pairs.csv", "summary.json", "report.html"):
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    (out / "notes.txt").write_text("kept\n", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "also.txt").write_text("kept too\n", encoding="utf-8")


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _expected(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    out = tmp_path / "expected"
    _old(out)
    old = _snapshot(out)
    new = {k: v for k, v in old.items()}
    new.update({name: f"new {name}\n".encode() for name in NEW_FILES})
    shutil.rmtree(out)
    return old, new


def _writer(out: Path, step: str, nth: int, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WRITER, str(out), step, str(nth), mode],
                          capture_output=True, text=True, timeout=60, check=False)


def _steps(tmp_path: Path, mode: str) -> list[tuple[str, int]]:
    """Every (step, occurrence) a complete write goes through."""
    out = tmp_path / f"record-{mode}" / "out"
    out.parent.mkdir()
    _old(out)
    done = _writer(out, "never", 1, mode)
    assert done.returncode == 0, done.stderr
    seen: list[str] = json.loads(done.stdout)
    shutil.rmtree(out.parent)
    return [(name, seen[: i + 1].count(name)) for i, name in enumerate(seen)]


@pytest.mark.parametrize("mode", ["exchange", "fallback"])
def test_a_writer_killed_after_any_step_leaves_the_folder_entirely_old_or_new(tmp_path: Path, mode: str) -> None:
    old, new = _expected(tmp_path)
    steps = _steps(tmp_path, mode)
    names = {name for name, _ in steps}
    assert {"staged", "file:pairs.csv", "carried", "complete", "remove", "done"} <= names
    assert ("exchanged" in names) == (mode == "exchange") and ("moved-aside" in names) == (mode == "fallback")
    outcomes = {"old": 0, "new": 0, "recovered": 0}
    for step, nth in steps:
        parent = tmp_path / f"{mode}-{step.replace('/', '_').replace(':', '_')}-{nth}"
        parent.mkdir()
        out = parent / "out"
        _old(out)
        killed = _writer(out, step, nth, mode)
        assert killed.returncode == -signal.SIGKILL, (step, nth, killed.stderr)
        if not out.exists():  # only between the fallback's two renames
            assert mode == "fallback" and step == "moved-aside", (step, nth)
            recover(out)
            outcomes["recovered"] += 1
        state = _snapshot(out)
        assert state in (old, new), (step, nth, sorted(state))
        outcomes["old" if state == old else "new"] += 1
        # the next write into the same parent removes every leftover, and writes whole
        again = _writer(out, "never", 1, mode)
        assert again.returncode == 0, again.stderr
        assert sorted(p.name for p in parent.iterdir()) == ["out"], (step, nth)
        assert _snapshot(out) == new
    assert outcomes["old"] > 0 and outcomes["new"] > 0
    print(f"{mode}: {len(steps)} kill points, {outcomes}")


def test_matcher_run_killed_mid_write_keeps_the_previous_run_whole(tmp_path: Path) -> None:
    """The real command, killed after writing its workbook into the new folder and after the swap."""
    cohort = tmp_path / "cohort"
    shutil.copytree(COHORT, cohort)
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "matcher.cli", "run", str(cohort / "scenario.yaml"), "--out",
                            str(out)], capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    script = (
        "import os, signal, sys\nfrom matcher.output import folder\n"
        "folder._step = lambda name: os.kill(os.getpid(), signal.SIGKILL) if name == sys.argv[1] else None\n"
        "from matcher.cli import main\nmain(sys.argv[2:])\n"
    )
    for step, whole in (("file:matching.xlsx", "old"), ("exchanged", "new")):
        killed = subprocess.run([sys.executable, "-c", script, step, "run", str(cohort / "scenario.yaml"),
                                 "--out", str(out), "--lang", "sv"], capture_output=True, text=True, check=False)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        after = _snapshot(out)
        assert set(after) == set(before)
        if whole == "old":
            assert after == before
        else:  # entirely the new run: its workbook is the Swedish one, and its summary.json matches it
            assert after["matching.xlsx"] != before["matching.xlsx"]
            assert after["summary.json"] != before["summary.json"]  # generated_at differs
        assert any(p.name.startswith(".matcher-") for p in tmp_path.iterdir())  # a leftover, until...
        recover(out)  # ... the next write or read
        assert not any(p.name.startswith(".matcher-") for p in tmp_path.iterdir())


# -- real file systems: a tiny tmpfs in a private mount namespace ---------------------------------------

# Inside the namespace: mount a tmpfs (options given), run the command, report its exit code,
# stderr and what is left on the tmpfs.
IN_NAMESPACE = r"""
import json, os, subprocess, sys
mount_point, options, args = sys.argv[1], sys.argv[2], sys.argv[3:]
subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", mount_point], check=True)
done = subprocess.run([sys.executable, "-m", "matcher.cli", *[a.replace("MNT", mount_point) for a in args]],
                      capture_output=True, text=True)
left = sorted(os.path.relpath(os.path.join(d, f), mount_point)
              for d, dirs, files in os.walk(mount_point) for f in [*files, *dirs])
print(json.dumps({"rc": done.returncode, "stderr": done.stderr, "left": left}))
"""


def _can_mount() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    with tempfile.TemporaryDirectory() as here:
        probe = subprocess.run(["unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs", "-o", "size=8k",
                                "tmpfs", here], capture_output=True, check=False)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs unshare -m and mount (root)")


def _in_tmpfs(tmp_path: Path, options: str, *args: str | Path) -> dict[str, object]:
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    done = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable, "-c", IN_NAMESPACE,
                           str(mount_point), options, *map(str, args)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    assert "Traceback" not in str(result["stderr"]), result["stderr"]
    return result


@needs_mount
def test_a_full_disk_is_exit_2_with_nothing_half_written(tmp_path: Path) -> None:
    result = _in_tmpfs(tmp_path, "size=40k", "run", COHORT / "scenario.yaml", "--out", "MNT/out")
    assert result["rc"] == 2, result
    assert "the disk is full" in str(result["stderr"]) and "nothing was written" in str(result["stderr"])
    assert result["left"] == []  # no out/, no temporary folder


@needs_mount
def test_a_read_only_file_system_is_exit_2(tmp_path: Path) -> None:
    result = _in_tmpfs(tmp_path, "size=1m,ro", "run", COHORT / "scenario.yaml", "--out", "MNT/out")
    assert result["rc"] == 2, result
    assert "read-only" in str(result["stderr"])
    assert result["left"] == []


@needs_mount
def test_out_on_another_file_system_works_and_a_mount_point_itself_is_refused(tmp_path: Path) -> None:
    inside = _in_tmpfs(tmp_path, "size=4m", "run", COHORT / "scenario.yaml", "--out", "MNT/out")
    assert inside["rc"] == 0, inside  # the scenario on one file system, the outputs on another
    assert {"out/pairs.csv", "out/matching.xlsx", "out/summary.json"} <= set(inside["left"])  # type: ignore[arg-type]
    shutil.rmtree(tmp_path / "mnt")
    itself = _in_tmpfs(tmp_path, "size=4m", "run", COHORT / "scenario.yaml", "--out", "MNT")
    assert itself["rc"] == 2, itself
    assert "is a mount point" in str(itself["stderr"]) and "--out" in str(itself["stderr"])


# -- permissions: as a user who may not write there ----------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder everyone can read (tmp_path is private to the suite's user)."""
    here = Path(tempfile.mkdtemp(prefix="matcher-perm-"))
    os.chmod(here, 0o755)
    try:
        yield here
    finally:
        for directory, _dirs, _files in os.walk(here):
            os.chmod(directory, 0o755)
        shutil.rmtree(here)


def _as_other_user(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "matcher.cli", *map(str, args)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": "/tmp"}
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: cannot drop to another user")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_an_unwritable_parent_is_exit_2_with_nothing_written(shared_dir: Path) -> None:
    scenario = shared_dir / "cohort"
    shutil.copytree(COHORT, scenario)
    locked = shared_dir / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    done = _as_other_user("run", scenario / "scenario.yaml", "--out", locked / "out")
    assert done.returncode == 2, done.stderr
    assert "permission denied" in done.stderr.lower() and "Traceback" not in done.stderr
    assert list(locked.iterdir()) == []


def test_an_unwritable_output_folder_is_exit_2_and_kept(shared_dir: Path) -> None:
    scenario = shared_dir / "cohort"
    shutil.copytree(COHORT, scenario)
    os.chmod(shared_dir, 0o777)  # the parent is writable: only the folder itself is not
    out = shared_dir / "out"
    out.mkdir()
    (out / "pairs.csv").write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o555)
    done = _as_other_user("run", scenario / "scenario.yaml", "--out", out)
    assert done.returncode == 2, done.stderr
    assert "not writable" in done.stderr
    assert (out / "pairs.csv").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in shared_dir.iterdir()) == ["cohort", "out"]
