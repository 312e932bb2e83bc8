"""The persistent compilation cache of theory._config: where it goes, how it is turned off,
and that an unusable directory leaves it off instead of failing."""

import os

import pytest

from theory import _config


@pytest.mark.parametrize("value", ["0", "", " 0 "])
def test_cache_is_off_when_asked(monkeypatch, value):
    monkeypatch.setenv(_config.CACHE_ENV, value)
    assert _config.cache_dir() is None
    assert _config.enable_compilation_cache() is None


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(_config.CACHE_ENV, str(tmp_path / "jax"))
    assert _config.cache_dir() == str(tmp_path / "jax")
    monkeypatch.delenv(_config.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _config.cache_dir() == os.path.join(str(tmp_path), "ganeq", "jax")


def test_unwritable_cache_dir_leaves_the_cache_off(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert _config.enable_compilation_cache(str(blocker / "jax")) is None
