"""The output folder: all files or none, the old folder's other files kept, never over an input,
file-system failures as clear errors (exit 2), leftovers of killed writes cleaned, and a default
folder when --out is not given. Kills at every step: tests/test_output_faults.py."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest

from matcher.errors import InputError
from matcher.output import folder
from matcher.output.folder import atomic_write_text, default_out_dir, recover, write_bundle

NAMES = ("pairs.csv", "summary.json", "report.html")


def writers(tag: str = "new", names: tuple[str, ...] = NAMES) -> dict[str, folder.FileWriter]:
    return {name: (lambda path, n=name: path.write_text(f"{tag} {n}\n", encoding="utf-8")) for name in names}


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (relative path -> bytes), hidden ones included."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def old_folder(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    (out / "notes.txt").write_text("the coordinator's notes\n", encoding="utf-8")
    return out


def test_every_file_is_written_and_parents_are_created(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "run"
    written = write_bundle(out, writers(names=(*NAMES, "points/point-0001.yaml")))
    assert written == [out / name for name in (*NAMES, "points/point-0001.yaml")]
    assert (out / "points" / "point-0001.yaml").read_text(encoding="utf-8") == "new points/point-0001.yaml\n"
    assert [p.name for p in (tmp_path / "a" / "b").iterdir()] == ["run"]  # no temporary folder left


def test_a_new_folder_gets_the_usual_permissions(tmp_path: Path) -> None:
    write_bundle(tmp_path / "out", writers())
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o777 & ~mask


def test_existing_outputs_are_replaced_and_other_files_kept_as_they_are(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    (out / "sub").mkdir()
    (out / "sub" / "kept.txt").write_text("kept\n", encoding="utf-8")
    (out / "link").symlink_to("notes.txt")
    os.chmod(out, 0o750)
    notes_inode = (out / "notes.txt").stat().st_ino
    write_bundle(out, writers())
    assert (out / "pairs.csv").read_text(encoding="utf-8") == "new pairs.csv\n"
    assert (out / "notes.txt").stat().st_ino == notes_inode  # the same file, not a copy
    assert (out / "sub" / "kept.txt").read_text(encoding="utf-8") == "kept\n"
    assert os.readlink(out / "link") == "notes.txt"
    assert out.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failing_writer_leaves_the_folder_untouched(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    before = snapshot(tmp_path)

    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_bundle(out, {**writers(), "matching.xlsx": broken})
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failure_does_not_create_a_missing_folder(tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_bundle(tmp_path / "new" / "out", {"a.csv": broken})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EACCES, "permission denied"),
    (errno.EROFS, "read-only"),
])
def test_a_file_system_failure_is_a_clear_input_error_with_nothing_written(
    tmp_path: Path, code: int, words: str,
) -> None:
    out = old_folder(tmp_path)
    before = snapshot(tmp_path)

    def failing(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise OSError(code, os.strerror(code), str(path))

    with pytest.raises(InputError) as caught:
        write_bundle(out, {**writers(), "matching.xlsx": failing})
    message = str(caught.value)
    assert message.startswith(f"{out}::: cannot write the output folder: {os.strerror(code)}")
    assert words in message and "nothing was written" in message
    assert snapshot(tmp_path) == before


def test_a_failing_swap_is_a_clear_error_and_leaves_the_old_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = old_folder(tmp_path)
    before = snapshot(tmp_path)

    def no_space(*_args: object) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out))

    monkeypatch.setattr(folder, "_exchange", no_space)
    with pytest.raises(InputError, match="the disk is full"):
        write_bundle(out, writers())
    assert snapshot(tmp_path) == before


def test_the_fallback_without_an_atomic_exchange_gives_the_same_folder(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder, "_exchange", lambda a, b: False)
    out = old_folder(tmp_path)
    write_bundle(out, writers())
    assert snapshot(out) == {**{n: f"new {n}\n".encode() for n in NAMES}, "notes.txt": b"the coordinator's notes\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_exchange_is_really_used_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not folder._exchange(tmp_path, tmp_path):  # exchanging a folder with itself changes nothing
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    calls: list[tuple[Path, Path]] = []
    real = folder._exchange
    monkeypatch.setattr(folder, "_exchange", lambda a, b: calls.append((a, b)) or real(a, b))
    out = old_folder(tmp_path)
    write_bundle(out, writers())
    assert len(calls) == 1 and calls[0][1] == out.resolve()


def test_leftovers_of_killed_writes_are_removed_and_a_folder_moved_aside_is_put_back(tmp_path: Path) -> None:
    (tmp_path / ".matcher-out-abc" / "new").mkdir(parents=True)  # an older version's
    (tmp_path / ".matcher-new-0001").mkdir()  # a build cut short
    (tmp_path / ".matcher-new-0001" / "pairs.csv").write_text("half\n", encoding="utf-8")
    (tmp_path / ".matcher-old-0002").mkdir()  # moved aside, and the new one never arrived
    (tmp_path / ".matcher-old-0002" / "pairs.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / ".matcher-old-0002.target").write_text("out", encoding="utf-8")
    (tmp_path / ".matcher-old-0003.target").write_text("gone", encoding="utf-8")  # a journal alone
    (tmp_path / "other").mkdir()
    recover(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "out"]
    assert (tmp_path / "out" / "pairs.csv").read_text(encoding="utf-8") == "old\n"


def test_a_live_writers_folder_is_left_alone(tmp_path: Path) -> None:
    busy = tmp_path / ".matcher-new-busy"
    busy.mkdir()
    fd = folder._lock(busy)
    if fd is None:
        pytest.skip("no flock here")
    try:
        write_bundle(tmp_path / "out", writers())
        assert busy.is_dir()
    finally:
        os.close(fd)
    write_bundle(tmp_path / "out", writers())
    assert not busy.exists()


def test_a_protected_input_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    people = out / "people.csv"
    people.write_text("id,role\n", encoding="utf-8")
    scores = out / "pairs.csv"  # an input that happens to be called like an output
    scores.write_text("mentor_id,adept_id,score\nM1,A1,3\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(InputError) as caught:
        write_bundle(out, writers(), protected=[people, scores])
    message = str(caught.value)
    assert str(scores) in message and "--out" in message and message.startswith(f"{out}::: ")
    assert snapshot(tmp_path) == before


def test_a_protected_input_is_recognised_through_another_spelling(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    report = tmp_path / "report.html"
    report.write_text("input, not output\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(InputError, match=r"report\.html"):
        write_bundle(Path(".."), writers(), protected=[Path("../sub/../report.html")])
    assert report.read_text(encoding="utf-8") == "input, not output\n"


def test_a_protected_input_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    summary = inputs / "summary.json"
    summary.write_text("{}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").symlink_to(summary)
    with pytest.raises(InputError):
        write_bundle(out, writers(), protected=[summary])
    assert summary.read_text(encoding="utf-8") == "{}\n"


def test_an_out_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match="input file"):
        write_bundle(people, writers(), protected=[people])
    with pytest.raises(InputError, match="not a directory"):
        write_bundle(people, writers())
    assert people.read_text(encoding="utf-8") == "id\n"


def test_the_folder_the_command_runs_in_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = old_folder(tmp_path)
    (out / "sub").mkdir()
    before = snapshot(tmp_path)
    for here in (out, out / "sub"):
        monkeypatch.chdir(here)
        with pytest.raises(InputError, match="the folder you are in"):
            write_bundle(Path("."), writers())
    assert snapshot(tmp_path) == before


def test_a_symlinked_out_dir_writes_into_its_target(tmp_path: Path) -> None:
    real = old_folder(tmp_path)
    link = tmp_path / "latest"
    link.symlink_to(real)
    write_bundle(link, writers())
    assert link.is_symlink() and (real / "pairs.csv").read_text(encoding="utf-8") == "new pairs.csv\n"


def test_atomic_write_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "note.txt"
    atomic_write_text(target, "första\n")
    assert target.read_text(encoding="utf-8") == "första\n"
    atomic_write_text(target, "andra\r\n")
    assert target.read_bytes() == b"andra\r\n"

    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(folder.os, "replace", no_space)
    with pytest.raises(InputError, match="the disk is full"):
        atomic_write_text(target, "tredje\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"andra\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]


def test_the_default_folder_is_next_to_the_scenario_and_never_an_existing_one(tmp_path: Path) -> None:
    scenario = tmp_path / "vt26.yaml"
    when = datetime(2026, 3, 1, 9, 5, 7)
    first = default_out_dir(scenario, now=when)
    assert first == tmp_path / "out" / "vt26-20260301-090507"
    first.mkdir(parents=True)
    assert default_out_dir(scenario, now=when) == tmp_path / "out" / "vt26-20260301-090507-2"
    assert default_out_dir(scenario, "sweep", now=when) == tmp_path / "out" / "vt26-sweep-20260301-090507"
