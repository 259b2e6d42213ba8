"""The client's address behind nginx: X-Forwarded-For is believed only from a trusted proxy,
and read from the right."""

import pytest

from reintegra_coop.core.client_address import client_address_of, trusted_networks


@pytest.mark.parametrize(
    ("remote", "forwarded", "client_is"),
    [
        ("127.0.0.1", "10.0.0.7", "10.0.0.7"),
        ("127.0.0.1", "6.6.6.6, 10.0.0.7", "10.0.0.7"),  # the left part is the client's own
        ("127.0.0.1", "10.0.0.7, 127.0.0.1", "10.0.0.7"),  # a second trusted hop is skipped
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("10.0.0.9", "6.6.6.6", "10.0.0.9"),  # not from the proxy: the header is not believed
    ],
)
def test_the_client_address_is_read_from_the_right_behind_trusted_proxies(
    remote, forwarded, client_is
):
    assert client_address_of(remote, forwarded, trusted_networks(["127.0.0.1"])) == client_is
