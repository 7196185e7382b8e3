"""Which address a request came from, when a reverse proxy may stand in between.

A proxy puts the client's address in ``X-Forwarded-For`` and connects itself, so the
peer address is the proxy's. Believing the header from anybody would let a client
choose its own address (and dodge every per-address limit); ignoring it behind a
proxy makes every client the proxy, so one throttled address would be everyone.
The header is read only when the peer is a trusted proxy, from the right: each
trusted proxy appends the address it saw, so the first untrusted address from the
right is the client's.
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BadProxyList(ValueError):
    """An entry of the trusted-proxy list is neither an address nor a network."""


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...] | None:
    """Parse '127.0.0.1', '10.0.0.0/8', '::1'; None means '*' (trust every peer)."""
    if "*" in entries:
        return None
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise BadProxyList(entry) from None
    return tuple(networks)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address: str, networks: tuple[Network, ...] | None) -> bool:
    if networks is None:
        return True
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, trusted: Iterable[str]) -> str:
    """The client's address: the peer, or what trusted proxies say the peer saw."""
    networks = trusted_networks(tuple(trusted))
    if not forwarded_for or not _trusted(remote_addr, networks):
        return remote_addr
    address = remote_addr
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if _parse(hop) is None:
            break  # a malformed entry: trust nothing further left of it
        address = str(_parse(hop))
        if not _trusted(address, networks):
            break
    return address
