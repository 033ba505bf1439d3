"""A FastAPI app wrapped in SecurityHeaders, with its CSP in report-only mode.

Run with:  uvicorn app:app --forwarded-allow-ips=10.0.0.5
Behind a proxy that terminates TLS, every request reaches the app over plain
HTTP. Uvicorn believes the proxy's X-Forwarded-Proto only from the addresses
in --forwarded-allow-ips (127.0.0.1 unless you say otherwise): put your
proxy's address there, or every request looks like HTTP and is redirected
forever.
"""

import logging

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from security_headers import SecurityHeaders

api = FastAPI()
log = logging.getLogger("csp")


@api.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    nonce = request.state.csp_nonce
    return f"""<!doctype html>
<title>Kettle shop</title>
<h1>Kettles</h1>
<script nonce="{nonce}">document.title += " - " + new Date().getFullYear();</script>
"""


@api.post("/csp-reports", status_code=204)
async def csp_report(request: Request) -> Response:
    # Browsers POST a JSON description of each blocked (or would-be blocked) load.
    log.warning("CSP violation: %s", (await request.body())[:2000])
    return Response(status_code=204)


# Report first; switch report_only off once the reports are quiet.
app = SecurityHeaders(api, report_only=True, report_to="/csp-reports")
