"""Where the link fetcher may connect: the address policy (SSRF guard), as a value passed in, never a global.

The production policy, ``AddressPolicy()``, allows public addresses on ports 80 and 443 only. Every address a
name resolves to is vetted before connecting, and the fetcher connects to an address it vetted (no second
lookup), so DNS rebinding cannot slip a private address in. Addresses are judged after unwrapping IPv4-mapped
(``::ffff:a.b.c.d``) and NAT64 (``64:ff9b::/96``) forms, and host names are read the way the C library reads
them, so ``2130706433``, ``0x7f000001``, ``0177.0.0.1`` and ``127.1`` are all 127.0.0.1.

``LEGWORK_FETCH_ALLOW`` (``AddressPolicy.from_setting``) opens the policy for named hosts, addresses or
networks, each with an optional port: ``127.0.0.1:8080,cms.internal,10.1.0.0/16,[::1]:8443``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.errors import ConfigError, RefusedAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
DEFAULT_PORTS = frozenset({80, 443})
_LEGACY_IPV4 = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), via the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def normalise_host(host: str) -> str:
    """Lower-case, without brackets or trailing dots."""
    return host.strip().strip("[]").rstrip(".").casefold()


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells in any form the C library accepts (decimal, hex, octal, short), or None."""
    host = normalise_host(host).split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def embedded_ipv4(ip: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, IPv4-compatible, 6to4 or NAT64 IPv6 address; else ``ip``."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64 or ip in NAT64_LOCAL:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
        if int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def is_public(ip: IPAddress) -> bool:
    """True for a globally routable unicast address, judged on the embedded IPv4 address if there is one.

    Loopback, private, link-local, CGNAT, multicast, reserved, unspecified, documentation and the rest all
    give False.
    """
    candidate = embedded_ipv4(ip)
    return not (
        not candidate.is_global
        or candidate.is_multicast
        or candidate.is_reserved
        or candidate.is_unspecified
        or candidate.is_loopback
        or candidate.is_link_local
        or candidate.is_private
    )


@dataclass(frozen=True)
class Allowance:
    """One ``LEGWORK_FETCH_ALLOW`` entry: a host name or a network, and the port (None: 80 and 443)."""

    host: str | None = None
    network: IPNetwork | None = None
    port: int | None = None

    def ports(self) -> frozenset[int]:
        return frozenset({self.port}) if self.port is not None else DEFAULT_PORTS


@dataclass(frozen=True)
class AddressPolicy:
    """Where the fetcher may connect. The default is the production policy: public addresses, ports 80/443."""

    allow: tuple[Allowance, ...] = ()
    ports: frozenset[int] = DEFAULT_PORTS
    schemes: frozenset[str] = frozenset({"http", "https"})
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    @classmethod
    def from_setting(cls, value: str, resolver: Resolver | None = None) -> AddressPolicy:
        """The production policy opened by a ``LEGWORK_FETCH_ALLOW`` value (comma-separated entries)."""
        allow = tuple(parse_allowance(item) for item in value.split(",") if item.strip())
        return cls(allow=allow, resolver=resolver or system_resolver)

    def with_resolver(self, resolver: Resolver) -> AddressPolicy:
        """The same policy with another resolver (tests use a dictionary)."""
        return AddressPolicy(allow=self.allow, ports=self.ports, schemes=self.schemes, resolver=resolver)

    # -- checks -----------------------------------------------------------------------------------------

    def _host_allowance(self, host: str, port: int) -> Allowance | None:
        host = normalise_host(host)
        for entry in self.allow:
            if entry.host is not None and entry.host == host and port in entry.ports():
                return entry
        return None

    def check_target(self, scheme: str, host: str, port: int, userinfo: str = "") -> None:
        """Refuse a URL's scheme, credentials or port before any lookup (RefusedAddress)."""
        if scheme not in self.schemes:
            raise RefusedAddress(f"Only http and https links can be fetched, not {scheme or 'this'}: links.")
        if userinfo:
            raise RefusedAddress("Links with a user name or password in them are not fetched.")
        if not host:
            raise RefusedAddress("That link has no host name.")
        if port in self.ports or self._host_allowance(host, port):
            return
        ip = literal_address(host)
        if ip is not None and any(e.network and _in(ip, e.network) and port in e.ports() for e in self.allow):
            return
        if ip is None and any(e.network is not None and e.port == port for e in self.allow):
            return  # the resolved address decides (address_allowed)
        allowed = ", ".join(str(p) for p in sorted(self.ports))
        raise RefusedAddress(
            f"Legwork fetches links on ports {allowed.replace(', ', ' and ')} only, not {port}."
        )

    def address_allowed(self, ip: IPAddress, host: str, port: int) -> bool:
        """True when the fetcher may connect to ``ip``:``port`` for a URL naming ``host``."""
        if self._host_allowance(host, port):
            return True
        for entry in self.allow:
            if entry.network is not None and port in entry.ports() and _in(ip, entry.network):
                return True
        return port in self.ports and is_public(ip)

    def resolve(self, host: str, port: int) -> list[IPAddress]:
        """Every address ``host`` stands for, each vetted; RefusedAddress if any one is refused."""
        name = normalise_host(host)
        literal = literal_address(name)
        if literal is not None:
            addresses = [literal]
        else:
            if (name == "localhost" or name.endswith(".localhost")) and not self._host_allowance(name, port):
                raise RefusedAddress(f"Legwork does not fetch local addresses ({name}).")
            try:
                found = self.resolver(name, port)
            except (OSError, UnicodeError) as exc:
                raise _lookup_failed(name) from exc
            addresses = []
            for raw in found:
                ip = literal_address(str(raw))
                if ip is not None:
                    addresses.append(ip)
            if not addresses:
                raise _lookup_failed(name)
        for ip in addresses:
            if not self.address_allowed(ip, name, port):
                shown = name if literal is not None else f"{name} ({ip})"
                raise RefusedAddress(
                    f"Legwork does not fetch private, local or reserved addresses: {shown} is refused."
                )
        return addresses


def _in(ip: IPAddress, network: IPNetwork) -> bool:
    if ip.version != network.version:
        ip = embedded_ipv4(ip)
    return ip.version == network.version and ip in network


def _lookup_failed(name: str) -> Exception:
    from bot.errors import FetchError

    return FetchError(f"Could not find the site {name}: the name does not resolve.")


def parse_allowance(item: str) -> Allowance:
    """``host``, ``host:port``, ``address``, ``[v6]:port``, ``network/len`` or ``network/len:port``."""
    raw = item.strip()
    port: int | None = None
    body = raw
    if raw.startswith("["):
        end = raw.find("]")
        if end < 0:
            raise ConfigError(f"LEGWORK_FETCH_ALLOW: bad entry {raw!r}")
        body, rest = raw[1:end], raw[end + 1 :]
        if rest.startswith("/"):
            prefix, _, port_text = rest[1:].partition(":")
            body, rest = f"{body}/{prefix}", (":" + port_text if port_text else "")
        if rest:
            if not rest.startswith(":") or not rest[1:].isdigit():
                raise ConfigError(f"LEGWORK_FETCH_ALLOW: bad port in {raw!r}")
            port = int(rest[1:])
    elif raw.count(":") == 1:
        body, port_text = raw.split(":")
        if not port_text.isdigit():
            raise ConfigError(f"LEGWORK_FETCH_ALLOW: bad port in {raw!r}")
        port = int(port_text)
    if port is not None and not 0 < port < 65536:
        raise ConfigError(f"LEGWORK_FETCH_ALLOW: port out of range in {raw!r}")
    try:
        network = ipaddress.ip_network(body, strict=False)
        return Allowance(network=network, port=port)
    except ValueError:
        pass
    ip = literal_address(body)
    if ip is not None:
        return Allowance(network=ipaddress.ip_network(ip), port=port)
    host = normalise_host(body)
    if not host or not re.fullmatch(r"[a-z0-9_.-]+", host):
        raise ConfigError(f"LEGWORK_FETCH_ALLOW: {raw!r} is not a host name, address or network")
    return Allowance(host=host, port=port)
