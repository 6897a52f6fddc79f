"""flask calendar …: the working-day calendar (public holidays, decided swaps, local days)."""
import sys
from datetime import date

import click
from flask.cli import AppGroup

from app.cli.common import fail
from procedures import services
from procedures.calendar import LIBRARY
from procedures.enums import CALENDAR_DAY_KINDS
from procedures.errors import ServiceError
from procedures.services.calendar import calendar_year
from procedures.services.uow import Actor, acting_as

calendar_cli = AppGroup("calendar", help="Lịch ngày làm việc dùng để tính thời hạn.")
DAY = click.DateTime(formats=["%Y-%m-%d"])
KIND = click.Choice(["off", "work"])
KINDS = {"off": "day_off", "work": "working_day"}
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@calendar_cli.command("list")
@click.option("--year", type=int, default=None, help="Năm; mặc định năm nay.")
def list_command(year):
    """Every weekday off and make-up working day of a year, and where each comes from."""
    year = year or date.today().year
    click.echo(f"Lịch ngày làm việc năm {year} ({LIBRARY} và ngày do cơ quan khai báo):")
    for row in calendar_year(year):
        state = "làm việc" if row["working"] else "nghỉ"
        click.echo(f"{row['day']:%Y-%m-%d}\t{WEEKDAYS[row['day'].weekday()]}\t{state}\t{row['name']}"
                   f"\t[{row['source_label']}]")


@calendar_cli.command("add")
@click.argument("day", type=DAY)
@click.option("--kind", type=KIND, required=True,
              help="off: ngày nghỉ; work: ngày làm việc bù (thứ Bảy, Chủ nhật đi làm).")
@click.option("--note", default=None, help="Lý do, số văn bản quyết định (ví dụ Thông báo …).")
def add_command(day, kind, note):
    """Record a day off or a make-up working day decided later (replaces that date's entry)."""
    data = {"day": day.date().isoformat(), "kind": KINDS[kind], "note": note}
    try:
        with acting_as(Actor("cli", trusted=True)):
            outcome, _ = services.calendar_days.upsert(data)
    except ServiceError as exc:
        fail(exc)
    labels = {"created": "Đã thêm", "updated": "Đã sửa", "unchanged": "Không đổi"}
    click.echo(f"{labels[outcome]}: {day:%d/%m/%Y} — {CALENDAR_DAY_KINDS[KINDS[kind]]}.")


@calendar_cli.command("remove")
@click.argument("day", type=DAY)
def remove_command(day):
    """Remove a recorded day (the holidays package decides that date again)."""
    try:
        with acting_as(Actor("cli", trusted=True)):
            services.calendar_days.delete(day.date().isoformat())
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã xóa ngày {day:%d/%m/%Y} khỏi lịch do cơ quan khai báo.")
    sys.exit(0)
