# SPDX-License-Identifier: EUPL-1.2
"""Content-Security-Policy sources derived from the settings that name external services."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def origin_sources(url: str) -> list[str]:
    """The CSP source for the host of ``url``: ``[]`` when the URL is empty (the feature is off).

    Only the origin goes into the policy, never a path or a placeholder such as ``{z}``: browsers match
    sources by scheme and host, and a stray path would silently narrow the rule to a single URL.
    """
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ImproperlyConfigured(f"Map services must be https URLs with a host, not {url!r}.")
    return [f"https://{parts.netloc}"]
