"""The deployment examples do what docs/production/first-deployment.md says.

settings.py must report every missing variable at once, not the first only;
health.py must keep liveness independent of the database and fail readiness
with 503 when the database is unreachable.
"""

from __future__ import annotations

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture
from fastapi.testclient import TestClient

FOLDER = ROOT / "docs" / "examples" / "deploy"
MODULES = ("settings", "health")

examples_on_path = examples_fixture(FOLDER, MODULES)

GOOD = {
    "DATABASE_URL": "postgresql://app@db/app",
    "SECRET_KEY": "x" * 40,
    "ALLOWED_HOST": "api.example.com",
}


def test_valid_environment_loads() -> None:
    settings = example("settings").load_settings({**GOOD, "PORT": "9000"})
    assert settings.port == 9000
    assert settings.allowed_host == "api.example.com"


def test_port_defaults_to_8000() -> None:
    assert example("settings").load_settings(GOOD).port == 8000


def test_every_missing_variable_is_reported_together() -> None:
    module = example("settings")
    with pytest.raises(module.SettingsError) as caught:
        module.load_settings({"ALLOWED_HOST": "api.example.com", "PORT": "http"})
    assert caught.value.problems == [
        "DATABASE_URL is required",
        "SECRET_KEY is required",
        "PORT must be a number from 1 to 65535, got 'http'",
    ]


def test_blank_value_counts_as_missing_and_short_secret_is_refused() -> None:
    module = example("settings")
    with pytest.raises(module.SettingsError) as caught:
        module.load_settings({**GOOD, "DATABASE_URL": "  ", "SECRET_KEY": "short"})
    assert caught.value.problems == [
        "DATABASE_URL is required",
        "SECRET_KEY must be at least 32 characters",
    ]


def test_out_of_range_port_is_refused() -> None:
    module = example("settings")
    with pytest.raises(module.SettingsError):
        module.load_settings({**GOOD, "PORT": "70000"})


def test_ready_when_database_answers() -> None:
    client = TestClient(example("health").create_app(lambda: None))
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_database_down_fails_readiness_but_not_liveness() -> None:
    def unreachable() -> None:
        raise ConnectionRefusedError("db:5432")

    client = TestClient(example("health").create_app(unreachable))
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "ConnectionRefusedError"}
    assert client.get("/health/live").status_code == 200
