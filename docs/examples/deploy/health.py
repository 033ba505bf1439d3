"""Liveness says the process runs; readiness says it can serve (database reachable)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.responses import JSONResponse


def create_app(database_ping: Callable[[], None]) -> FastAPI:
    """An app whose readiness check calls database_ping, which raises if unreachable."""
    app = FastAPI()

    @app.get("/health/live")
    def live() -> dict[str, str]:
        # No dependencies here: a database outage must not restart every container.
        return {"status": "ok"}

    @app.get("/health/ready")
    def ready() -> JSONResponse:
        try:
            database_ping()
        except Exception as error:  # any failure means "do not send me traffic"
            body = {"status": "unavailable", "database": type(error).__name__}
            return JSONResponse(body, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    return app
