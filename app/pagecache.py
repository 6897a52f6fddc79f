"""A per-process cache of rendered public pages and API bodies, keyed by the data version.

Only what is the same for everyone is kept: a page rendered for an anonymous visitor with no
flashed message (the signed-in header, the edit buttons and the history differ by user), an API
list body (it depends on the query only). The key holds procedures.services.data_version(),
which moves with every committed change, so an entry is never served stale; when the version is
unknown (a writer's transaction is open on PostgreSQL) nothing is cached. PAGE_CACHE_SIZE
entries per process (0 turns it off).
"""
import functools
import threading
from collections import OrderedDict
from datetime import date

from flask import current_app, make_response, request, session
from flask_login import current_user

from procedures import services

DEFAULT_SIZE = 512
_SKIPPED_HEADERS = {"set-cookie", "content-length"}


class PageCache:
    """A small LRU of (body, status, headers) entries, safe across threads."""

    def __init__(self):
        self._entries, self._lock = OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry, size):
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


cache = PageCache()


def _size():
    value = current_app.config.get("PAGE_CACHE_SIZE")
    return DEFAULT_SIZE if value is None else int(value)


def _same_for_everyone(anonymous_only):
    if request.method != "GET" or session.get("_flashes"):
        return False
    return not (anonymous_only and current_user.is_authenticated)


def _respond(entry, state):
    body, status, headers = entry
    response = make_response(body, status)
    response.headers.clear()
    response.headers.extend(headers)
    response.headers["X-Page-Cache"] = state
    return response


def cached(name, anonymous_only=True, cookies=()):
    """Decorate a GET view: its 200 response is kept per (name, full URL (host, path and query),
    the named cookies' values, today, data version); a response setting a cookie is not kept."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            size = _size()
            version = services.data_version() if size and _same_for_everyone(
                anonymous_only) else None
            if version is None:
                response = make_response(view(*args, **kwargs))
                response.headers["X-Page-Cache"] = "off"
                return response
            key = (name, request.url, tuple(request.cookies.get(c) for c in cookies),
                   date.today(), version)
            entry = cache.get(key)
            if entry is not None:
                return _respond(entry, "hit")
            response = make_response(view(*args, **kwargs))
            if response.status_code == 200 and not response.direct_passthrough and \
                    "Set-Cookie" not in response.headers:
                headers = [(k, v) for k, v in response.headers.items()
                           if k.lower() not in _SKIPPED_HEADERS]
                cache.put(key, (response.get_data(), 200, headers), size)
            response.headers["X-Page-Cache"] = "miss"
            return response
        return wrapper
    return decorate
