"""Command-line interface: flask registry …, audit …, search …, users …, calendar …, jobs …."""


def init_app(app):
    """Register every command group (imported here: they pull in the whole domain)."""
    from app.cli.audit import audit_cli
    from app.cli.calendar import calendar_cli
    from app.cli.jobs import jobs_cli
    from app.cli.registry import registry_cli
    from app.cli.search import search_cli
    from app.cli.users import users_cli

    for group in (registry_cli, users_cli, search_cli, audit_cli, calendar_cli, jobs_cli):
        app.cli.add_command(group)
