"""flask registry …: demo data, the real administrative units, and the import commands."""
import json

import click
from flask.cli import AppGroup

from app.cli import imports
from app.cli.common import fail
from procedures.errors import ServiceError

registry_cli = AppGroup("registry", help="Dữ liệu sổ đăng ký: dữ liệu mẫu, đơn vị hành chính.")


@registry_cli.command("demo")
def demo_command():
    """Load the demo data (Phan Thiết city); running it twice changes nothing."""
    from importers.seed.demo import load_demo

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
    from importers.seed.admin_units import import_units

    try:
        counts = import_units(province)
    except ServiceError as exc:
        fail(exc)
    click.echo(json.dumps(counts, ensure_ascii=False))


for _command in imports.COMMANDS:
    registry_cli.add_command(_command)
