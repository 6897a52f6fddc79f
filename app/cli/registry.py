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


@registry_cli.command("change-unit-code")
@click.argument("code")
@click.argument("new_code")
@click.option("--date", "changed_on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Ngày đổi mã (YYYY-MM-DD).")
@click.option("--source", default=None, help="Căn cứ đổi mã (ví dụ số nghị quyết, quyết định).")
def change_unit_code_command(code, new_code, changed_on, source):
    """Give a unit a new code; its officers, assignments and accounts stay with it."""
    from procedures import services

    try:
        unit = services.units.change_code(code, new_code, source=source,
                                          changed_on=changed_on.date() if changed_on else None)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã đổi mã đơn vị {unit.name}: {code} → {unit.code} (mã cũ vẫn tra cứu được).")


@registry_cli.command("merge-units")
@click.argument("code")
@click.option("--into", "into_code", required=True, help="Mã đơn vị nhận (đơn vị sau sáp nhập).")
@click.option("--date", "changed_on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Ngày sáp nhập có hiệu lực (YYYY-MM-DD).")
@click.option("--source", default=None, help="Căn cứ sáp nhập (nghị quyết, quyết định).")
def merge_units_command(code, into_code, changed_on, source):
    """Merge a unit into another: its officers, assignments and accounts move there."""
    from procedures.services.unit_merge import merge_units

    try:
        unit = merge_units(code, into_code, source=source,
                           changed_on=changed_on.date() if changed_on else None)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã sáp nhập đơn vị {code} vào {unit.name} ({unit.code}); mã {code} vẫn tra cứu "
               "được.")


for _command in imports.COMMANDS:
    registry_cli.add_command(_command)
