"""Recognise status badges among images and read their service and label."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

_BADGE_HOSTS = frozenset(
    """img.shields.io shields.io badgen.net flat.badgen.net badge.fury.io travis-ci.org travis-ci.com
    api.travis-ci.com api.travis-ci.org circleci.com dl.circleci.com ci.appveyor.com coveralls.io
    pepy.tech static.pepy.tech snyk.io forthebadge.com dcbadge.vercel.app dcbadge.limes.pink
    hits.seeyoufarm.com visitor-badge.laobi.icu komarev.com img.badgesize.io badges.gitter.im jitpack.io
    sonarcloud.io app.fossa.com app.fossa.io""".split()
)
"""Hosts whose images are nothing but badges; elsewhere a badge is known by its path."""
_HOST_PREFIXES = frozenset(("www", "img", "api", "ci", "app", "dl", "static", "flat", "badges", "dev"))


@lru_cache(maxsize=4096)
def badge_of(src: str) -> tuple[str, str] | None:
    """Return (service, label) when ``src`` is a badge image, else None.

    The service is what the badge reports on (``pypi``, ``npm``, ``travis``...);
    the label is its readable words, with the logo name when one is given.
    """
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host not in _BADGE_HOSTS and not _is_badge_path(host, path):
        return None
    segments = [s for s in path.split("/") if s]
    words: list[str] = []
    query = parse_qs(parts.query)
    for key in ("label", "logo"):
        words.extend(query.get(key, []))
    if host.endswith("shields.io") or host.endswith("badgen.net"):
        service = segments[0] if segments else "shields"
        if service in ("badge", "static") and len(segments) > 1:
            words.append(_static_label(segments[-1]))
    else:
        labels = host.split(".")
        while len(labels) > 2 and labels[0] in _HOST_PREFIXES:
            labels = labels[1:]
        service = labels[0]
        if "workflows" in segments or "actions" in segments:
            service = "github-actions"
    label = " ".join(w for w in words if w)
    return service.lower(), label


def _is_badge_path(host: str, path: str) -> bool:
    lowered = path.lower()
    last = lowered.rsplit("/", 1)[-1]
    return (
        "badge" in last
        or "/badge/" in lowered
        or "/badges/" in lowered
        or "/_apis/build/status" in lowered  # Azure Pipelines
        or (host.endswith(("discord.com", "discordapp.com")) and last == "widget.png")
        or (host.endswith("github.com") and "/workflows/" in lowered and last.endswith(".svg"))
    )


def _static_label(segment: str) -> str:
    """``PyTorch-2.0-EE4C2C.svg`` -> ``PyTorch 2.0`` (shields.io static badge syntax)."""
    if segment.endswith((".svg", ".png")):
        segment = segment[:-4]
    segment = segment.replace("--", "\x00").replace("__", "\x01")
    fields = segment.split("-")
    if len(fields) >= 2:
        fields = fields[:-1]  # the colour
    text = " ".join(fields).replace("_", " ").replace("\x00", "-").replace("\x01", "_")
    return text
