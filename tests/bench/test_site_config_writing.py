"""A new site's site_config.toml is valid TOML whatever its values hold (tomli-w writes them)."""

import tomllib

from reintegra_coop.bench.site_config import render_site_config


def test_a_password_with_a_quote_and_a_backslash_survives_the_config_file():
    url = 'mariadb://coop:pa"ss\\word@db.local:3306/coop'
    written = render_site_config(
        "coop", url, "PLN", "Europe/Warsaw", "pl", "PL", secret_key='k"e\\y'
    )
    config = tomllib.loads(written)
    assert config["database"]["url"] == url
    assert config["security"]["secret_key"] == 'k"e\\y'
    assert config["site"]["currency"] == "PLN"
    assert "# PLN, CZK or EUR" in written  # the explanations stay


def test_a_new_sites_time_zone_follows_its_country_unless_told(tmp_path, monkeypatch):
    from reintegra_coop.bench.site_config import write_site_folder

    monkeypatch.setenv("REINTEGRA_SITES_DIR", str(tmp_path))
    assert write_site_folder("praha", country="CZ", currency="CZK").time_zone == "Europe/Prague"
    assert write_site_folder("warszawa", country="PL").time_zone == "Europe/Warsaw"
    told = write_site_folder("brno", country="CZ", time_zone="Europe/Vienna")
    assert told.time_zone == "Europe/Vienna"


def test_an_example_seller_has_valid_check_digits_and_is_marked_as_an_example():
    from stdnum import iban
    from stdnum.cz import dic
    from stdnum.pl import nip

    from reintegra_coop.bench.site_config import EXAMPLE_SELLERS

    assert nip.is_valid(EXAMPLE_SELLERS["PL"]["tax_id"])
    assert dic.is_valid(EXAMPLE_SELLERS["CZ"]["tax_id"])
    assert all(iban.is_valid(seller["bank_account"]) for seller in EXAMPLE_SELLERS.values())
    written = render_site_config(
        "coop", "sqlite:///db.sqlite3", "PLN", "Europe/Warsaw", "pl", "PL", "key", True
    )
    assert "EXAMPLE values" in written
    assert tomllib.loads(written)["cooperative"]["tax_id"] == "123-456-32-18"
    plain = render_site_config(
        "coop", "sqlite:///db.sqlite3", "PLN", "Europe/Warsaw", "pl", "PL", "k"
    )
    assert tomllib.loads(plain)["cooperative"]["tax_id"] == ""
