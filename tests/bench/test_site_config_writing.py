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
