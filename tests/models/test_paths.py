"""Where files live: platformdirs by default, --data-dir / --database-url and the environment override."""

from pathlib import Path

from models.paths import (
    DATABASE_FILE_NAME,
    DEMO_DATABASE_FILE_NAME,
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    resolve_database_url,
    resolve_paths,
)


def test_data_dir_moves_everything(tmp_path):
    paths = resolve_paths(tmp_path / "office", environ={})
    assert paths.data_dir == (tmp_path / "office").resolve()
    assert paths.log_dir.parent == paths.data_dir and paths.settings_file.parent == paths.data_dir
    assert paths.database_file.name == DATABASE_FILE_NAME
    assert paths.demo_database_file == paths.data_dir / DEMO_DATABASE_FILE_NAME


def test_environment_variable_sets_the_data_dir(tmp_path):
    paths = resolve_paths(None, environ={ENV_DATA_DIR: str(tmp_path / "env")})
    assert paths.data_dir == (tmp_path / "env").resolve()
    assert resolve_paths(tmp_path / "arg", environ={ENV_DATA_DIR: str(tmp_path / "env")}).data_dir.name == "arg"


def test_default_is_the_user_data_directory():
    paths = resolve_paths(None, environ={})
    assert "ConsultDesk" in str(paths.data_dir)
    assert paths.log_dir != paths.data_dir / "logs" or "ConsultDesk" in str(paths.log_dir)


def test_database_url_precedence(tmp_path):
    paths = resolve_paths(tmp_path, environ={})
    default = resolve_database_url(paths, environ={})
    assert default.startswith("sqlite:///") and default.endswith(DATABASE_FILE_NAME)
    assert resolve_database_url(paths, environ={ENV_DATABASE_URL: "sqlite:////srv/a.sqlite"}) == "sqlite:////srv/a.sqlite"
    assert resolve_database_url(paths, "sqlite:////srv/b.sqlite",
                                environ={ENV_DATABASE_URL: "sqlite:////srv/a.sqlite"}) == "sqlite:////srv/b.sqlite"
    demo = resolve_database_url(paths, "sqlite:////srv/b.sqlite", demo=True, environ={})
    assert Path(demo.removeprefix("sqlite:///")) == paths.demo_database_file
