"""Where the UI may listen: loopback freely, any other address only behind credentials."""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class UIConfigError(ValueError):
    """The UI cannot start with these settings (message says what to set)."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, username: str | None, password: str | None) -> tuple[str, str] | None:
    """Credentials to require, or None on loopback; refuses a non-loopback bind without them."""
    if username and password:
        return (username, password)
    if is_loopback(host):
        return None
    raise UIConfigError(
        f"refusing to serve the UI on {host}: a non-loopback address requires credentials; "
        "set ECA_UI_USERNAME and ECA_UI_PASSWORD (or bind to 127.0.0.1)"
    )
