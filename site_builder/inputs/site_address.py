"""Site address: the published site must name its real address; a loopback, empty or example address is for a
preview only, and a strict build (CI, `check`, every push) refuses it with its key."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from site_builder.inputs.config import SiteConfig
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue.address import PLACEHOLDER_ADDRESS

# Names that never reach the public: RFC 2606 / 6761 example and special-use names.
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
SPECIAL_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def placeholder_address(config: SiteConfig, from_option: bool) -> list[Problem]:
    """A warning when base_url is a loopback, empty or example address (from site.toml, or from --base-url)."""
    value = config.site.base_url
    host = (urlsplit(value).hostname or "").lower().rstrip(".")
    kind = _kind(host)
    if kind is None:
        return []
    where = Location("--base-url") if from_option else Location("site.toml", key="site.base_url")
    kind_zh, kind_en = kind
    return [PLACEHOLDER_ADDRESS.at(where, value=value, kind_zh=kind_zh, kind_en=kind_en)]


def _kind(host: str) -> tuple[str, str] | None:
    if not host:
        return "空地址", "an empty address"
    if host == "localhost" or host.endswith(".localhost") or _loopback(host):
        return "本机地址", "an address of this computer"
    if (
        host in EXAMPLE_DOMAINS
        or host.endswith(tuple("." + d for d in EXAMPLE_DOMAINS))
        or host.endswith(SPECIAL_SUFFIXES)
    ):
        return "示例地址", "an example address"
    return None


def _loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
