from pathlib import Path

from tutor import paths


def test_tutor_home_moves_every_user_path_under_it(isolated_home):
    assert paths.data_dir() == Path(isolated_home) / "data"
    assert paths.config_file() == Path(isolated_home) / "config" / "config.toml"
    assert paths.progress_db().parent == Path(isolated_home) / "data"
    assert paths.index_dir().is_dir()


def test_settings_read_env_prefix_and_config_file(isolated_home, monkeypatch):
    from tutor.config import Settings

    paths.config_file().write_text('retrieval_k = 7\nscenario = "bank"\n[eval]\nmcq_accuracy = 0.5\n')
    monkeypatch.setenv("TUTOR_SCENARIO", "cross-account")
    settings = Settings()
    assert settings.retrieval_k == 7
    assert settings.scenario == "cross-account"
    assert settings.eval.mcq_accuracy == 0.5
