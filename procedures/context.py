"""Who is acting, without the domain importing Flask: the app installs a provider."""
from collections.abc import Callable

_user_provider: Callable[[], object | None] = lambda: None  # noqa: E731


def set_user_provider(provider: Callable[[], object | None]) -> None:
    """Install the function that returns the current user (or None)."""
    global _user_provider
    _user_provider = provider


def current_user_or_none():
    """The authenticated user of the current request or job, or None."""
    user = _user_provider()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user
