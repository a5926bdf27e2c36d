"""Derived bytes kept by content: read back for the same key, made again for another."""

import pytest

from eastwest import stored


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(stored, "CACHE", tmp_path / ".cache")
    return tmp_path / ".cache"


def test_the_same_key_reads_back_what_was_made(store):
    calls = []

    def make():
        calls.append(1)
        return b"subset bytes"

    key = {"font": "abc", "unicodes": [65, 66]}
    assert stored.remembered("woff2", key, make) == b"subset bytes"
    assert stored.remembered("woff2", dict(reversed(key.items())), make) == b"subset bytes"
    assert calls == [1], "the second call, with the same key in another order, made nothing"
    assert [p.parent.name for p in store.rglob("*") if p.is_file()] == ["woff2"]


def test_another_key_or_kind_makes_again(store):
    made = iter([b"one", b"two", b"three"])
    assert stored.remembered("woff2", {"unicodes": [65]}, lambda: next(made)) == b"one"
    assert stored.remembered("woff2", {"unicodes": [66]}, lambda: next(made)) == b"two"
    assert stored.remembered("pdf-font", {"unicodes": [65]}, lambda: next(made)) == b"three"


def test_a_failed_make_stores_nothing(store):
    def fails():
        raise ValueError("no such font")

    with pytest.raises(ValueError, match="no such font"):
        stored.remembered("woff2", {"font": "x"}, fails)
    assert not [p for p in store.rglob("*") if p.is_file()]
