"""The output folder: written whole or not at all, never over an input file.

How `write_bundle` writes `--out DIR`, so that DIR is at every instant entirely old or entirely
new, even if the process is killed (SIGKILL) or the machine loses power:

1. Build the complete new folder beside DIR, in DIR's own parent (the same file system, so
   nothing is ever renamed across devices): `.matcher-new-<random>`. Every file is written
   and fsynced there. The entries of the old DIR that this command does not write (the
   coordinator's notes, another command's outputs, the inputs when DIR is the scenario's own
   folder) are carried over as hard links: the same files, not copies.
2. Swap it in with one step: on Linux `renameat2(RENAME_EXCHANGE)` exchanges the two
   directories atomically (a new DIR is a plain rename). Then the parent is fsynced.
3. Remove the old folder (now at the temporary name; renamed `.matcher-old-<random>` first).

Where the exchange is unavailable (another system, a file system without it) the fallback is
two renames with a journal: `.matcher-old-<random>.target` names DIR before DIR is moved
aside, so a kill between the two renames leaves the old folder complete under the journal's
name; the next write into the same parent, or the next read of DIR (`recover`), puts it
back. Leftovers of killed writes (`.matcher-new-*`, `.matcher-old-*`, the older
`.matcher-out-*`) are removed at the next write into the same parent; a live writer's
folders are locked (flock) and left alone. What cannot be removed is reported (a warning).

A full disk, a permission problem or a read-only file system is an InputError (exit 2)
naming the folder and what to do, with nothing written. `_step` marks each step for the
fault-injection tests (tests/test_output_faults.py), which kill a writer at every one.

A little over 500 lines on purpose: building, swapping, the fallback's journal and the recovery
that reads it are one protocol, and each step's safety depends on the others.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path

from matcher.errors import InputError

__all__ = [
    "FileWriter", "atomic_write_text", "check_protected", "default_out_dir", "preflight", "recover", "write_bundle",
]

#: Writes one output file at the path it is given.
FileWriter = Callable[[Path], object]

NEW_PREFIX = ".matcher-new-"  # a folder being built, or (after the exchange) the old one on its way out
OLD_PREFIX = ".matcher-old-"  # the old folder moved aside, being removed
LEGACY_PREFIX = ".matcher-out-"  # the temporary folders of matcher versions before this one
JOURNAL_SUFFIX = ".target"

_log = logging.getLogger(__name__)


def _step(name: str) -> None:
    """A point where a kill must leave the folder whole (the fault-injection tests hook in here)."""


# -- refusing up front ------------------------------------------------------------------------------


def check_protected(out_dir: Path, protected: Iterable[Path], names: Iterable[str]) -> None:
    """Refuse when an output would land on an input file (compared as resolved paths), or when
    --out is itself a file."""
    inputs = {Path(p).resolve(): Path(p) for p in protected}
    if out_dir.exists() and not out_dir.is_dir():
        if out_dir.resolve() in inputs:
            raise InputError.single(
                str(out_dir), None, None,
                f"the output directory is the input file {inputs[out_dir.resolve()]}; choose another --out directory",
            )
        raise InputError.single(str(out_dir), None, None,
                                "the output path is a file, not a directory; choose another --out directory")
    for name in names:
        if (out_dir / name).is_dir():
            raise InputError.single(
                str(out_dir), None, None, f"{name} there is a directory; remove it or choose another --out directory"
            )
        target = (out_dir / name).resolve()
        if target in inputs:
            raise InputError.single(
                str(out_dir), None, None,
                f"writing {name} here would overwrite the input file {inputs[target]}; choose another --out directory",
            )


def _refuse_unusable(out_dir: Path, real: Path) -> None:
    """Targets the swap cannot replace: a mount point, the folder the command runs in."""
    if real.exists() and os.path.ismount(real):
        raise InputError.single(
            str(out_dir), None, None,
            "is a mount point: matcher builds the new folder beside the old one and swaps them, which cannot "
            f"replace a mount point; give a folder inside it, e.g. --out {out_dir / 'run'}",
        )
    try:
        here = Path.cwd().resolve()
    except OSError:
        return
    if here == real or real in here.parents:
        raise InputError.single(
            str(out_dir), None, None,
            "is the folder you are in (or holds it): matcher replaces the output folder as a whole; "
            "give --out a folder of its own, e.g. --out out/run",
        )
    if real.is_dir() and not os.access(real, os.W_OK | os.X_OK):
        raise InputError.single(str(out_dir), None, None,
                                "the output folder is not writable (permission denied); choose another --out")


def preflight(out_dir: Path, protected: Iterable[Path], names: Iterable[str]) -> None:
    """What `write_bundle` refuses, checked before the work that produces the files (solving)."""
    out_dir = Path(out_dir)
    check_protected(out_dir, protected, names)
    _refuse_unusable(out_dir, out_dir.resolve())


def _os_error(out_dir: Path, exc: OSError, what_failed: str = "the output folder") -> InputError:
    """A failure of the file system while writing, in words, with what to do."""
    code = exc.errno
    what = exc.strerror or str(exc)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        hint = "the disk is full: free some space, or choose --out on another disk"
    elif code in (errno.EACCES, errno.EPERM):
        hint = "permission denied: choose an --out in a folder you can write to"
    elif code == errno.EROFS:
        hint = "the file system is read-only: choose an --out you can write to"
    else:
        hint = "choose another --out"
    where = f" ({exc.filename})" if exc.filename else ""
    return InputError.single(str(out_dir), None, None,
                             f"cannot write {what_failed}: {what}{where}; nothing was written. {hint}")


# -- locks -------------------------------------------------------------------------------------------


def _lock(path: Path) -> int | None:
    """Hold an exclusive lock on a directory (released when the fd closes, or the process dies)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no locking, leftovers are judged by name only
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def _locked_or_skip(path: Path) -> Iterator[bool]:
    """True (and the lock held) when no live writer holds `path`."""
    try:
        fd = _lock(path)
    except OSError:
        yield False
        return
    try:
        yield True
    finally:
        if fd is not None:
            os.close(fd)


def _unlock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


# -- durability helpers -------------------------------------------------------------------------------


def _fsync_path(path: Path) -> None:
    """fsync a file or a directory (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dirs(root: Path) -> None:
    """fsync every folder under `root` (the files were fsynced as they were written)."""
    for directory, _dirs, _files in os.walk(root):
        _fsync_path(Path(directory))


def _remove_tree(path: Path) -> None:
    """Remove a folder bottom-up, one entry at a time (a kill part-way leaves a leftover, nothing else)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink()
        return
    for directory, dirs, files in os.walk(path, topdown=False):
        for name in files:
            os.unlink(os.path.join(directory, name))
            _step("remove")
        for name in dirs:
            full = os.path.join(directory, name)
            if os.path.islink(full):
                os.unlink(full)
            else:
                os.rmdir(full)
    os.rmdir(path)


# -- the atomic exchange -----------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_exchange_unavailable = sys.platform != "linux"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where unavailable."""
    global _exchange_unavailable
    if _exchange_unavailable:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        _exchange_unavailable = True
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system (or kernel) cannot exchange: the journalled fallback
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(staged: Path, target: Path) -> Path | None:
    """Put the complete folder `staged` in `target`'s place; returns where the old one now is."""
    parent = target.parent
    if not target.exists():
        os.rename(staged, target)
        _step("renamed")
        _fsync_path(parent)
        return None
    if _exchange(staged, target):
        _step("exchanged")
        _fsync_path(parent)
        old = parent / (OLD_PREFIX + staged.name[len(NEW_PREFIX):])
        try:
            os.rename(staged, old)  # the old content, under a name no one mistakes for a new folder
        except OSError:
            return staged
        _step("renamed-old")
        return old
    # Fallback: two renames; the journal says where the old folder belongs if we die in between.
    token = staged.name[len(NEW_PREFIX):]
    old = parent / (OLD_PREFIX + token)
    journal = parent / (OLD_PREFIX + token + JOURNAL_SUFFIX)
    with journal.open("w", encoding="utf-8") as handle:
        handle.write(target.name)
        handle.flush()
        os.fsync(handle.fileno())
    _fsync_path(parent)
    _step("journal")
    try:
        held = _lock(target)
    except OSError:
        journal.unlink()
        raise
    try:
        try:
            os.rename(target, old)
        except OSError:
            journal.unlink()
            raise
        _step("moved-aside")
        try:
            os.rename(staged, target)
        except OSError:
            os.rename(old, target)  # put the old one back; the error is the caller's
            raise
        _step("moved-in")
        _fsync_path(parent)
    finally:
        _unlock(held)
    return old


# -- carrying the old folder's other files over ----------------------------------------------------------


def _carry_over(old: Path, new: Path, out_dir: Path) -> None:
    """Link every entry of `old` that `new` lacks into `new` (folders merged, files already there win)."""
    for entry in os.scandir(old):
        source = Path(entry.path)
        target = new / entry.name
        if entry.is_symlink():
            if not os.path.lexists(target):
                os.symlink(os.readlink(source), target)
        elif entry.is_dir(follow_symlinks=False):
            if os.path.ismount(source):
                raise InputError.single(
                    str(out_dir), None, None,
                    f"{source} is a mount point inside the output folder, which matcher replaces as a whole; "
                    "choose another --out",
                )
            if target.is_dir() and not target.is_symlink():
                _carry_over(source, target, out_dir)
            elif not os.path.lexists(target):
                target.mkdir()
                _carry_over(source, target, out_dir)
                shutil.copystat(source, target, follow_symlinks=False)
        elif entry.is_file(follow_symlinks=False):
            if not os.path.lexists(target):
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
        else:
            raise InputError.single(
                str(out_dir), None, None,
                f"{source} is neither a file nor a folder; matcher replaces the output folder as a whole: "
                "move it away or choose another --out",
            )
        _step("carried")


# -- leftovers of killed writes --------------------------------------------------------------------------


def _clean_leftovers(parent: Path) -> None:
    """Remove what killed writes left in `parent`, putting back a folder moved aside mid-swap."""
    try:
        entries = sorted(os.scandir(parent), key=lambda e: e.name)
    except OSError:
        return
    names = {e.name for e in entries}
    for entry in entries:
        name = entry.name
        path = Path(entry.path)
        if not name.startswith((NEW_PREFIX, OLD_PREFIX, LEGACY_PREFIX)):
            continue
        try:
            if name.startswith(OLD_PREFIX) and name.endswith(JOURNAL_SUFFIX):
                if name[: -len(JOURNAL_SUFFIX)] not in names:
                    path.unlink()  # the move aside never happened, or was cleaned already
                continue
            if not entry.is_dir(follow_symlinks=False):
                continue
            with _locked_or_skip(path) as free:
                if not free:
                    continue  # a live writer's
                journal = parent / (name + JOURNAL_SUFFIX)
                if name.startswith(OLD_PREFIX) and journal.exists():
                    home = parent / journal.read_text(encoding="utf-8").strip()
                    if home.name and not os.path.lexists(home):
                        os.rename(path, home)  # killed between the two renames: the old folder goes back
                        _fsync_path(parent)
                        _log.warning("matcher: %s was put back as it was before an interrupted write", home)
                        journal.unlink()
                        continue
                _remove_tree(path)
                if journal.exists():
                    journal.unlink()
        except OSError as exc:
            _log.warning("matcher: could not remove %s, left by an interrupted write: %s", path, exc)


def recover(out_dir: Path) -> None:
    """Finish what an interrupted write left around `out_dir` (its old folder put back when the swap
    was cut between its two renames; leftovers removed). Best effort: never raises."""
    try:
        parent = Path(out_dir).resolve().parent
    except OSError:
        return
    if parent.is_dir() and os.access(parent, os.W_OK):
        _clean_leftovers(parent)


# -- writing ------------------------------------------------------------------------------------------


def _missing_dirs(path: Path) -> list[Path]:
    """`path` and its ancestors that do not exist yet, outermost first."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    return list(reversed(missing))


def _new_dir_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def write_bundle(out_dir: Path, writers: Mapping[str, FileWriter], *, protected: Iterable[Path] = ()) -> list[Path]:
    """Write each `name -> writer(path)` into `out_dir`: all of them or none (see the module doc).

    Names may contain `/` (a sub-folder). Files of `out_dir` not named here stay. Raises
    InputError when an output would be one of the `protected` input files, when the folder
    cannot be written (full disk, permissions, read-only), or cannot be swapped (a mount point).
    Every command that writes files writes them through here.
    """
    out_dir = Path(out_dir)
    check_protected(out_dir, protected, list(writers))
    real = out_dir.resolve()
    _refuse_unusable(out_dir, real)
    parent = real.parent
    created = _missing_dirs(parent)
    staged: Path | None = None
    held: int | None = None
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _clean_leftovers(parent)
            staged = parent / (NEW_PREFIX + secrets.token_hex(6))
            staged.mkdir()
            held = _lock(staged)
            _step("staged")
            for name, write in writers.items():
                path = staged / name
                path.parent.mkdir(parents=True, exist_ok=True)
                write(path)
                _fsync_path(path)
                _step(f"file:{name}")
            if real.is_dir():
                _carry_over(real, staged, out_dir)
                shutil.copystat(real, staged)  # the folder's permissions as they were
            else:
                os.chmod(staged, _new_dir_mode())  # as a plain mkdir would make it
            _fsync_dirs(staged)
            _step("complete")
        except OSError as exc:
            raise _os_error(out_dir, exc) from None
        try:
            old = _swap_in(staged, real)
        except OSError as exc:
            raise _os_error(out_dir, exc) from None
        staged = None  # it is the output folder now
    except BaseException:
        if staged is not None:
            with contextlib.suppress(OSError):
                _remove_tree(staged)
        _unlock(held)
        for directory in reversed(created):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise
    _unlock(held)
    if old is not None:  # the new folder is in place: removing the old one is best effort
        try:
            with contextlib.suppress(FileNotFoundError):  # another writer's cleaning may have been first
                _remove_tree(old)
            (parent / (old.name + JOURNAL_SUFFIX)).unlink(missing_ok=True)
        except OSError as exc:
            _log.warning("matcher: could not remove the previous output folder %s: %s", old, exc)
    _step("done")
    return [out_dir / name for name in writers]


def atomic_write_text(path: Path, text: str) -> None:
    """Write one file (UTF-8, line ends as given) atomically: a temporary file beside it, fsynced,
    then one rename. InputError (exit 2) when it cannot be written, the file unchanged."""
    path = Path(path)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        try:
            with tmp.open("x", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    except OSError as exc:
        raise _os_error(path, exc, "the file") from None
    _fsync_path(path.parent)


# -- where to write when --out is not given ------------------------------------------------------------


def default_out_dir(scenario: Path, command: str | None = None, *, now: datetime | None = None) -> Path:
    """`out/<scenario-stem>[-command]-YYYYMMDD-HHMMSS` next to the scenario, never an existing folder
    (a suffix -2, -3, ... when that one exists)."""
    scenario = Path(scenario)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem = scenario.stem + (f"-{command}" if command else "")
    base = scenario.parent / "out"
    candidate = base / f"{stem}-{stamp}"
    n = 2
    while os.path.lexists(candidate):
        candidate = base / f"{stem}-{stamp}-{n}"
        n += 1
    return candidate


def is_leftover(name: str) -> bool:
    """A name this module uses for its temporary folders (or the older versions' ones)."""
    return name.startswith((NEW_PREFIX, OLD_PREFIX, LEGACY_PREFIX))
