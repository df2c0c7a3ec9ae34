"""One settings registry: every setting has a name, a default, a help line and an env var.

CLI options, environment variables and the settings table in the docs are all
generated from ``SETTINGS``, so a setting is declared once. A value is taken
from, in order: an explicit value (a CLI flag), the environment, the default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from scriptorium.errors import ConfigError


def _default_jobs() -> int:
    """CPUs this process may use (respects affinity masks and container limits where visible)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _positive_int(text: str) -> int:
    try:
        value = int(str(text).strip().replace("_", ""))
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise ValueError(f"expected a number of at least 1, got {value}")
    return value


def _text(text: str) -> str:
    value = str(text).strip()
    if not value:
        raise ValueError("expected a non-empty value")
    return value


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting; ``default`` may be a callable so that it is computed when needed (CPU count)."""

    name: str
    default: Any
    help: str
    env: str
    convert: Callable[[str], Any] = _text
    metavar: str = "TEXT"
    shown_default: str | None = None  # how the docs show a computed default

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def parse(self, raw: Any, origin: str) -> Any:
        """Convert a raw value, naming where it came from when it is wrong."""
        try:
            return self.convert(raw)
        except ValueError as exc:
            raise ConfigError(f"{origin}: {exc}") from None


_REGISTRY = (
    Setting(
        "catalog",
        "scriptorium.sqlite",
        "Catalog to use: a SQLite file path, sqlite:///PATH, or postgresql://... URL.",
        "SCRIPTORIUM_CATALOG",
        metavar="URL",
    ),
    Setting(
        "jobs",
        _default_jobs,
        "Worker processes that parse pages in parallel.",
        "SCRIPTORIUM_JOBS",
        _positive_int,
        metavar="N",
        shown_default="number of CPUs",
    ),
    Setting(
        "max_page_bytes",
        16 * 1024 * 1024,
        "Pages larger than this many bytes are refused without being read.",
        "SCRIPTORIUM_MAX_PAGE_BYTES",
        _positive_int,
        metavar="BYTES",
    ),
)

SETTINGS: Mapping[str, Setting] = {s.name: s for s in _REGISTRY}


def setting(name: str) -> Setting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise ConfigError(f"unknown setting {name!r}") from None


def get(name: str, value: Any = None, *, environ: Mapping[str, str] | None = None) -> Any:
    """The value of a setting: ``value`` if given, else its env var, else its default.

    Every value is checked the same way, whether it came from a flag, the
    environment or a library call (``jobs=0`` is refused, not ignored).
    """
    s = setting(name)
    if value is not None:
        return s.parse(str(value), s.flag)
    env = os.environ if environ is None else environ
    raw = env.get(s.env)
    if raw is not None and raw.strip():
        return s.parse(raw, s.env)
    return s.default_value()


def resolved(*, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's current value (for ``scriptorium settings``)."""
    return {name: get(name, environ=environ) for name in SETTINGS}


def markdown_table() -> str:
    """The settings as a Markdown table, for the docs."""
    rows = ["| setting | flag | environment | default | meaning |", "|---|---|---|---|---|"]
    for s in SETTINGS.values():
        default = s.shown_default or s.default_value()
        rows.append(f"| `{s.name}` | `{s.flag}` | `{s.env}` | `{default}` | {s.help} |")
    return "\n".join(rows)
