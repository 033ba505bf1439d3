"""Read the settings once at startup and refuse to start if any is missing."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED = ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOST")


class SettingsError(Exception):
    """Every problem with the environment, reported together."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid settings:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    allowed_host: str
    port: int


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; raises SettingsError listing every problem."""
    env = os.environ if env is None else env
    problems = [f"{name} is required" for name in REQUIRED if not env.get(name, "").strip()]
    port_text = env.get("PORT", "8000")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        problems.append(f"PORT must be a number from 1 to 65535, got {port_text!r}")
    secret = env.get("SECRET_KEY", "").strip()
    if secret and len(secret) < 32:
        problems.append("SECRET_KEY must be at least 32 characters")
    if problems:
        raise SettingsError(problems)
    return Settings(
        database_url=env["DATABASE_URL"],
        secret_key=env["SECRET_KEY"],
        allowed_host=env["ALLOWED_HOST"],
        port=int(port_text),
    )
