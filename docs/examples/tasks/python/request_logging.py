"""JSON log lines that all carry the id of the request they belong to.

Run with:  fastapi dev request_logging.py
"""

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import IO, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

# One value per request, even with many requests in flight at once:
# each asyncio task (and each threadpool call) sees its own copy.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# Accept a caller's id only if it is short and plain; anything else could
# forge log lines or bloat them.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Stamps the current request id on every record that passes through."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy for log tools to parse and search."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Fields passed with extra={...}, and request_id from the filter.
        entry.update({k: v for k, v in vars(record).items() if k not in _RECORD_FIELDS})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(stream: IO[str] = sys.stdout, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)


configure_logging()
logger = logging.getLogger("shop")
app = FastAPI()


@app.middleware("http")
async def request_context(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    incoming = request.headers.get("X-Request-ID", "")
    request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    token = request_id_var.set(request_id)
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception:
        # Full details go to the log; the client learns only the id to quote.
        logger.exception(
            "unhandled error", extra={"method": request.method, "path": request.url.path}
        )
        response = JSONResponse(
            {"error": "Internal server error", "request_id": request_id}, status_code=500
        )
    response.headers["X-Request-ID"] = request_id
    logger.info(
        "request finished",
        extra={
            "method": request.method,
            "path": request.url.path,  # the path only: query strings can hold secrets
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    request_id_var.reset(token)
    return response


@app.get("/orders/{order_id}")
def read_order(order_id: int) -> dict[str, Any]:
    logger.info("order loaded", extra={"order_id": order_id})
    return {"id": order_id, "status": "shipped"}


@app.get("/reports/daily")
def daily_report() -> dict[str, Any]:
    # Stands in for a bug: the exception escapes the handler.
    raise RuntimeError("report store unreachable at 10.0.3.7:5432")
