"""Server-rendered pages (Vietnamese, no JavaScript needed)."""


def init_app(app):
    """Import the view modules (they add their routes to the blueprint), then register it."""
    from app.web import account, audit, calendar, edit_procedure, edit_unit, filters, imports, pages, users  # noqa: F401
    from app.web.blueprint import bp

    app.register_blueprint(bp)
