"""What the domain needs from its host, without importing Flask: the acting user, settings, and
the host's store of long-lived objects (this node's search index, caches). The app installs the
providers in create_app; outside an app (scripts, some tests) the defaults apply."""
import threading
from collections.abc import Callable

_user_provider: Callable[[], object | None] = lambda: None  # noqa: E731
_request_check: Callable[[], bool] = lambda: False  # noqa: E731
_settings_provider: Callable[[], dict] = dict
_resources_fallback: dict = {}
_resources_provider: Callable[[], dict] = lambda: _resources_fallback  # noqa: E731


def set_user_provider(provider: Callable[[], object | None]) -> None:
    """Install the function that returns the current user (or None)."""
    global _user_provider
    _user_provider = provider


def set_request_check(check: Callable[[], bool]) -> None:
    """Install the function telling whether code runs for a request (where nobody signed in is
    an anonymous visitor, not the system)."""
    global _request_check
    _request_check = check


def in_request() -> bool:
    return _request_check()


def set_host(settings: Callable[[], dict], resources: Callable[[], dict]) -> None:
    """Install the functions returning the host's settings (a mapping) and its resource store."""
    global _settings_provider, _resources_provider
    _settings_provider, _resources_provider = settings, resources


_background_runner: Callable | None = None


def set_background_runner(runner: Callable) -> None:
    """Install the function that runs fn(name) in a thread inside the host (an app context)."""
    global _background_runner
    _background_runner = runner


def run_in_background(fn: Callable[[], None], name: str) -> threading.Thread:
    """Start fn in a daemon thread, inside the host's context when one is installed."""
    if _background_runner is not None:
        return _background_runner(fn, name)
    thread = threading.Thread(target=fn, name=name, daemon=True)
    thread.start()
    return thread


def current_user_or_none():
    """The authenticated user of the current request or job, or None."""
    user = _user_provider()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def setting(name: str, default=None):
    """A setting of the host (the app's config), or the default."""
    try:
        return _settings_provider().get(name, default)
    except RuntimeError:  # no app context
        return default


def settings() -> dict:
    """All the host's settings (a mapping; empty outside an app)."""
    try:
        return _settings_provider()
    except RuntimeError:
        return {}


def resources() -> dict:
    """The host's store of long-lived objects (one per app)."""
    try:
        return _resources_provider()
    except RuntimeError:
        return _resources_fallback
