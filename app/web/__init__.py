"""Server-rendered pages (Vietnamese, no JavaScript needed)."""


def init_app(app):
    """Import the view modules (they add their routes to the blueprint), then register it."""
    from app.web import (  # noqa: F401
        account,
        audit,
        calendar,
        commitments,
        decisions,
        edit_procedure,
        edit_unit,
        filters,
        imports,
        jobs,
        navigation,
        notifications,
        pages,
        province_catalogue,
        search_index,
        search_terms,
        users,
    )
    from app.web.blueprint import bp

    app.register_blueprint(bp)
