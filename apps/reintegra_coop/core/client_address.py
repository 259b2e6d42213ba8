"""The address a request really came from.

Behind nginx every request arrives from 127.0.0.1; nginx passes the client's address in
``X-Forwarded-For`` (``proxy_add_x_forwarded_for`` appends what it saw). That header is believed
only when the request came from one of the site's trusted proxies (``trusted_proxies`` in
site_config.toml), and then read from the right, skipping trusted proxies: the first address
that is not one is the client. Anyone else can write the header, so without a trusted proxy it
is ignored and the connection's own address counts.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.http import HttpRequest

from .sites import site_setting

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address_of(remote_addr: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The client's address, from the connection's address and the X-Forwarded-For header."""
    if not _is_trusted(remote_addr, trusted):
        return remote_addr
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # a forged or broken header: fall back to the proxy
    return remote_addr


def client_address(request: HttpRequest) -> str:
    """For django-axes (AXES_CLIENT_IP_CALLABLE) and anything else that needs the address."""
    trusted = trusted_networks(site_setting("TRUSTED_PROXIES", ()))
    return client_address_of(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted,
    )
