"""Config: shipped defaults, a user's TOML merged over them, validated once."""

from __future__ import annotations

import pytest

from discrepancy.config import ConfigError, load_config


def test_defaults_load():
    config = load_config()
    assert 0 < config.cluster.similarity < 1 and config.cluster.window_days > 0


def test_user_toml_merges_over_defaults(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[cluster]\nsimilarity = 0.3\n", encoding="utf-8")
    config = load_config(path)
    assert config.cluster.similarity == 0.3
    assert config.cluster.window_days == load_config().cluster.window_days


@pytest.mark.parametrize("text, message", [
    ("[cluster]\nsimilarity = 'high'\n", "must be float"),
    ("[clustre]\nsimilarity = 0.3\n", "unknown setting 'clustre'"),
    ("[cluster]\nsimilarity = 1.5\n", "between 0 and 1"),
    ("[cluster\n", "invalid TOML"),
    ("[ingest]\nmax_article_bytes = -1\n", "must not be negative"),
])
def test_invalid_config_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)
