import pytest

from reintegra_coop.bench.database_url import parse_database_url
from reintegra_coop.bench.errors import BenchError


def test_it_reads_a_relative_sqlite_file_as_inside_the_site_folder(tmp_path):
    settings = parse_database_url("sqlite:///db.sqlite3").django_settings(tmp_path)
    assert (settings["ENGINE"], settings["NAME"]) == (
        "django.db.backends.sqlite3",
        str(tmp_path / "db.sqlite3"),
    )
    assert settings["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings["OPTIONS"]["init_command"]


def test_it_keeps_an_absolute_sqlite_path(tmp_path):
    settings = parse_database_url("sqlite:////var/lib/coop.sqlite3").django_settings(tmp_path)
    assert settings["NAME"] == "/var/lib/coop.sqlite3"


def test_it_reads_every_part_of_a_mariadb_url():
    url = parse_database_url("mariadb://coop:s%40cret@db.local:3307/garden_coop")
    assert (url.engine, url.user, url.password, url.host, url.port, url.name) == (
        "mariadb",
        "coop",
        "s@cret",
        "db.local",
        3307,
        "garden_coop",
    )
    settings = url.django_settings()
    assert settings["ENGINE"] == "django.db.backends.mysql"
    assert settings["OPTIONS"]["charset"] == "utf8mb4"


def test_it_defaults_the_mariadb_port():
    assert parse_database_url("mariadb://coop@localhost/coop").port == 3306


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("nonsense", "Malformed database URL"),
        ("postgres://u@h/db", "Unsupported database URL scheme"),
        ("mariadb://u:p@/db", "host is missing"),
        ("mariadb://u:p@host:port/db", "port is not a number"),
        ("mariadb://u:p@host:3306/", "database name is missing"),
        ("mariadb://host:3306/db", "user is missing"),
        ("sqlite://", "expected sqlite:///FILE"),
    ],
)
def test_it_names_the_problem_with_a_malformed_url(url, problem):
    with pytest.raises(BenchError, match=problem):
        parse_database_url(url)


def test_it_hides_the_password_in_errors():
    with pytest.raises(BenchError) as error:
        parse_database_url("mariadb://coop:topsecret@host:3306/")
    assert "topsecret" not in str(error.value)
