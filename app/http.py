"""Small request and response helpers every page and the API share."""
from urllib.parse import quote

from flask import Response, redirect, request, url_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
MAX_PAGE = 100_000  # the same bound as the API's page argument


def is_api_request() -> bool:
    """Whether the request is for the JSON API (JSON errors, bearer tokens, no CSRF)."""
    return request.path.startswith("/api/")


def page_arg(name="page", default=1) -> int:
    """A page number from the query string: 1 to MAX_PAGE, the default when it is not a number."""
    raw = (request.args.get(name) or "").strip()
    if not (raw.isascii() and raw.isdigit()):
        return default
    if len(raw) > len(str(MAX_PAGE)):  # never parse a 10,000-digit number
        return MAX_PAGE
    return min(max(1, int(raw)), MAX_PAGE)


def download(body: bytes, filename: str, mimetype: str = XLSX) -> Response:
    """A file to save: the name in ASCII for old clients and in UTF-8 (RFC 6266) for the rest."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


def moved_unit(unit, code):
    """A 301 to the same page under the unit's current code when it was asked by a former one
    (the unit was renumbered or merged), else None."""
    if unit.code == code:
        return None
    args = {**(request.view_args or {}), "code": unit.code}
    return redirect(url_for(request.endpoint, **args, **request.args.to_dict(flat=False)), 301)
