"""The score file's fast path (issue 15): the general reader's table, from integer codes, kept
parsed under the file's SHA-256; anything unusual left to the general reader and its messages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from matcher.errors import InputError
from matcher.generate import generate_pair_scores, generate_people, write_people
from matcher.io import fastscores
from matcher.io.pairs import load_pair_file
from matcher.io.people import load_people


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MATCHER_CACHE_DIR", str(folder))
    monkeypatch.delenv("MATCHER_CACHE", raising=False)
    return folder


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    people = generate_people(30, 45, seed=3)
    write_people(people, tmp_path / "people.csv")
    scores = tmp_path / "scores.csv"
    generate_pair_scores(people, seed=3, density=0.7).to_csv(scores, index=False)
    return scores, load_people(tmp_path / "people.csv")


def test_the_fast_table_is_the_general_readers(cache: Path, files: tuple[Path, pd.DataFrame]) -> None:
    scores, people = files
    general = load_pair_file(scores, "pair_scores", people)
    fast = fastscores.read_scores(scores, people)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, general)
    assert fast.attrs == general.attrs


def test_a_second_read_comes_from_the_cache(
    cache: Path, files: tuple[Path, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    scores, people = files
    first = fastscores.read_scores(scores, people)
    assert len(list(cache.glob("v*-*.npz"))) == 1

    def no_parse(data: bytes) -> None:
        raise AssertionError("parsed again although the bytes are in the cache")

    parse = fastscores._parse
    monkeypatch.setattr(fastscores, "_parse", no_parse)
    again = fastscores.read_scores(scores, people)
    assert again is not None and first is not None
    pd.testing.assert_frame_equal(again, first)
    # Other bytes are another entry: the cache is keyed by content, never by name or time.
    lines = scores.read_text(encoding="utf-8").splitlines()
    giver, taker, score = lines[1].split(",")
    lines[1] = f"{giver},{taker},{int(score) + 1}"
    scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(fastscores, "_parse", parse)
    changed = fastscores.read_scores(scores, people)
    assert changed is not None and not changed["score"].equals(first["score"])
    assert len(list(cache.glob("v*-*.npz"))) == 2


def test_no_cache_when_switched_off(
    cache: Path, files: tuple[Path, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHER_CACHE", "off")
    scores, people = files
    assert fastscores.read_scores(scores, people) is not None
    assert not cache.exists()


def test_a_damaged_entry_is_parsed_again(cache: Path, files: tuple[Path, pd.DataFrame]) -> None:
    scores, people = files
    first = fastscores.read_scores(scores, people)
    (entry,) = cache.glob("v*-*.npz")
    entry.write_bytes(b"not an npz file")
    again = fastscores.read_scores(scores, people)
    assert again is not None and first is not None
    pd.testing.assert_frame_equal(again, first)


def test_an_entry_with_codes_out_of_range_is_a_miss_not_a_crash(cache: Path, files: tuple[Path, pd.DataFrame]) -> None:
    """A well-formed npz whose codes point past its ids (damaged, or not written by matcher)."""
    scores, people = files
    first = fastscores.read_scores(scores, people)
    (entry,) = cache.glob("v*-*.npz")
    with np.load(entry, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["giver"] = arrays["giver"] + 10_000
    with entry.open("wb") as handle:
        np.savez(handle, **arrays)
    again = fastscores.read_scores(scores, people)
    assert again is not None and first is not None
    pd.testing.assert_frame_equal(again, first)


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("mentor_id,adept_id,score", "mentor_id;adept_id;score").replace(",", ";"),
        lambda text: "\ufeff" + text,  # a BOM
        lambda text: text.replace("\n", "\r\n"),  # Windows line ends
    ],
)
def test_ordinary_variants_take_the_fast_path(
    cache: Path, files: tuple[Path, pd.DataFrame], change: object
) -> None:
    scores, people = files
    general = load_pair_file(scores, "pair_scores", people)
    text = scores.read_text(encoding="utf-8")
    scores.write_bytes(change(text).encode("utf-8"))  # type: ignore[operator]
    fast = fastscores.read_scores(scores, people)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, general)


@pytest.mark.parametrize(
    ("inserted", "message"),
    [
        (None, "listed again"),  # the first pair again
        ("M9999,A0001,3", "is not an id"),
        ("A0001,M0001,3", "must be"),  # swapped roles
        ("M0001,A0044,2.5", "whole number"),
        ('"M0001",A0044,2', None),  # quotes: the general reader
        (" M0001 ,A0044,2", None),  # spaces around an id
        ("", None),  # a blank line
    ],
)
def test_anything_unusual_is_left_to_the_general_reader(
    cache: Path, files: tuple[Path, pd.DataFrame], inserted: str | None, message: str | None
) -> None:
    scores, people = files
    lines = [line for line in scores.read_text(encoding="utf-8").splitlines() if not line.startswith("M0001,A0044,")]
    lines = [*lines[:2], lines[1] if inserted is None else inserted, *lines[2:]]
    scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert fastscores.read_scores(scores, people) is None
    if message is not None:
        with pytest.raises(InputError) as caught:
            load_pair_file(scores, "pair_scores", people)
        assert any(message in str(p) for p in caught.value.problems)


@pytest.mark.parametrize("layout", ["runs", "cycles", "shuffled", "runs_out_of_order", "one_row"])
def test_first_appearance_numbering(layout: str) -> None:
    """Codes renumbered in order of first appearance, whatever the file's layout: sorted runs
    (the givers of a giver-major file, found from the run starts), cycles, random order."""
    rng = np.random.default_rng(5)
    n = 40
    if layout == "runs":
        codes = np.repeat(np.arange(n), rng.integers(1, 30, n))
    elif layout == "cycles":
        codes = np.tile(np.arange(n), 25)
    elif layout == "shuffled":
        codes = rng.integers(0, n, 3000)
    elif layout == "runs_out_of_order":
        codes = np.repeat(rng.permutation(n), 20)
        codes = np.concatenate([codes, np.repeat(rng.permutation(n), 20)])  # every code comes back
    else:
        codes = np.array([0])
        n = 1
    codes = codes.astype(np.int16)
    ids = np.array([f"X{k:03d}" for k in range(n)], dtype=object)
    renamed_ids, renamed = fastscores._first_appearance(ids, codes)
    _, first = np.unique(codes, return_index=True)
    order = np.argsort(first, kind="stable")
    assert list(renamed_ids) == list(ids[order])
    assert renamed.dtype == np.int32
    assert np.array_equal(renamed_ids[renamed], ids[codes])  # the same id on every row
    assert np.array_equal(renamed[np.sort(first)], np.arange(n))  # 0, 1, 2 ... as they appear


def test_a_carriage_return_blank_line_is_left_to_the_general_reader(
    cache: Path, files: tuple[Path, pd.DataFrame]
) -> None:
    scores, people = files
    lines = scores.read_text(encoding="utf-8").splitlines()
    scores.write_bytes(("\r\n".join([*lines[:3], "", *lines[3:]]) + "\r\n").encode("utf-8"))
    assert fastscores.read_scores(scores, people) is None
