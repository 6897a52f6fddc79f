"""Command-line interface: flask registry …, flask audit …, flask search …, flask users …."""
import json
import sys

import click
from flask.cli import AppGroup

from procedures.errors import ServiceError

registry_cli = AppGroup("registry", help="Dữ liệu sổ đăng ký: dữ liệu mẫu, đơn vị hành chính.")


def fail(exc: ServiceError):
    """Print a service error as JSON on stderr and exit 1."""
    click.echo(json.dumps(exc.to_dict(), ensure_ascii=False, indent=2), err=True)
    sys.exit(1)


@registry_cli.command("demo")
def demo_command():
    """Load the demo data (Phan Thiết city); running it twice changes nothing."""
    from procedures.demo import load_demo

    try:
        stats = load_demo()
    except ServiceError as exc:
        fail(exc)
    for kind, counts in stats.items():
        click.echo(f"{kind:16} tạo mới {counts['created']:4}  cập nhật {counts['updated']:4}  "
                   f"không đổi {counts['unchanged']:4}")


@registry_cli.command("import-units")
@click.option("--province", "province", default=None,
              help="Mã tỉnh/thành phố (ví dụ 68); bỏ trống để nhập cả 34 tỉnh, thành phố.")
def import_units_command(province):
    """Import the real provinces and commune-level units (two-tier structure of 2025)."""
    from procedures.admin_units import import_units

    try:
        counts = import_units(province)
    except ServiceError as exc:
        fail(exc)
    click.echo(json.dumps(counts, ensure_ascii=False))


def init_app(app):
    from app.cli_audit import audit_cli
    from app.cli_search import search_cli
    from app.cli_users import users_cli

    from importers.cli import register as register_import_commands

    register_import_commands(registry_cli)
    app.cli.add_command(registry_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(audit_cli)
