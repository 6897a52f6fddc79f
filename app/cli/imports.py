"""flask registry import | template | export | prune-uploads."""
import json
import os
import sys

import click
from flask import current_app

from app.cli.common import Progress, fail
from importers.annotate import annotate
from importers.batches import prune_uploads
from importers.pipeline import ImportOptions, run_import
from importers.report import CODE_TITLES
from importers.template import records_from_database, write_workbook
from procedures.errors import ServiceError
from procedures.services import Actor, accounts

OUTCOME_TEXT = {
    "imported": "Đã ghi dữ liệu.",
    "partial": "Đã ghi các thủ tục hợp lệ; các dòng lỗi chưa được ghi.",
    "refused": "Tệp bị từ chối: chưa ghi gì vào sổ đăng ký.",
    "dry_run": "Chỉ kiểm tra: không ghi gì vào sổ đăng ký.",
}
PROGRESS_FROM = 500


def print_summary(result):
    totals = result["stats"]["totals"]
    click.echo(f"{result['filename']}: {OUTCOME_TEXT[result['outcome']]}")
    click.echo(f"  {totals['rows']} dòng; tạo mới {totals['created']}, cập nhật "
               f"{totals['updated']}, không đổi {totals['unchanged']}, lỗi {totals['failed']} "
               f"bản ghi; {totals['errors']} lỗi, {totals['warnings']} cảnh báo.")
    for key, count in result["codes"].items():
        code, severity = key.split(":")
        label = "lỗi" if severity == "error" else "cảnh báo"
        click.echo(f"  - {CODE_TITLES.get(code, code)} ({code}): {count} {label}")
    for issue in result["issues"][:10]:
        where = ", ".join(str(x) for x in (issue["sheet"], issue["row"] and f"dòng {issue['row']}",
                                           issue["column"]) if x)
        click.echo(f"    [{issue['code']}] {where}: {issue['message']}")
    if len(result["issues"]) > 10:
        click.echo(f"    … và {len(result['issues']) - 10} vấn đề khác (xem --report).")


@click.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không ghi gì.")
@click.option("--partial", is_flag=True, help="Ghi từng thủ tục hợp lệ, báo cáo phần còn lại.")
@click.option("--unit", "unit", default=None, help="Phạm vi: mã đơn vị tải lên.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Ghi báo cáo JSON vào tệp này.")
@click.option("--annotated", "annotated_path", type=click.Path(dir_okay=False), default=None,
              help="Ghi bản sao của tệp có đánh dấu lỗi (.xlsx).")
@click.option("--as-user", "username", default=None,
              help="Nhập với quyền của tài khoản này (như khi người đó tải lên trên trang web).")
def import_command(path, dry_run, partial, unit, report_path, annotated_path, username):
    """Import an XLSX workbook, CSV files (folder or zip) or a JSON file; exit 1 when refused."""
    progress = Progress("Kiểm tra và ghi", PROGRESS_FROM)
    if username:
        try:
            actor = Actor.of_user(accounts.get_user(username), f"cli as {username}")
        except ServiceError as exc:
            fail(exc)
    else:
        actor = Actor(f"cli:{os.environ.get('USER') or 'cli'}", trusted=True)
    options = ImportOptions.from_config(
        current_app.config, current_app.instance_path, filename=os.path.basename(
            path.rstrip("/")), dry_run=dry_run, partial=partial, unit_code=unit,
        actor=actor, progress=progress)
    click.echo("Đang đọc tệp…", err=True)
    try:
        result, batch = run_import(path, options)
    except ServiceError as exc:  # the database stayed busy (another import): no traceback
        fail(exc)
    finally:
        progress.close()
    print_summary(result)
    click.echo(f"  Lượt nhập số {batch.id}.")
    if report_path:
        with open(report_path, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=2)
    if annotated_path and not annotate(path, result["format"], result, annotated_path,
                                       options.limits):
        click.echo("Không tạo được bản đánh dấu lỗi cho tệp này.", err=True)
    if result["outcome"] == "refused" or result["outcome"] == "dry_run" and not result["valid"]:
        sys.exit(1)
    if result["outcome"] == "partial":
        sys.exit(2)


@click.command("template")
@click.argument("path", type=click.Path(dir_okay=False))
def template_command(path):
    """Write the empty import workbook (with instructions, dropdowns and example rows)."""
    write_workbook(path)
    click.echo(f"Đã ghi mẫu nhập dữ liệu: {path}")


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--unit", "unit", default=None, help="Chỉ dữ liệu của đơn vị này và đơn vị trực thuộc.")
def export_command(path, unit):
    """Write the registry's records (all, or one unit's) in the import workbook format."""
    records = records_from_database(unit, descendants=True)
    write_workbook(path, records)
    counts = ", ".join(f"{k} {len(v)}" for k, v in records.items())
    click.echo(f"Đã xuất: {path} ({counts})")


@click.command("prune-uploads")
@click.option("--older-than", "days", type=click.IntRange(0, 36500), default=None,
              help="Số ngày giữ tệp đã tải lên (mặc định: IMPORT_RETENTION_DAYS).")
def prune_uploads_command(days):
    """Delete stored uploads older than the retention period (batches and reports stay)."""
    days = current_app.config["IMPORT_RETENTION_DAYS"] if days is None else days
    files, size = prune_uploads(days)
    click.echo(f"Đã xóa {files} tệp tải lên cũ hơn {days} ngày ({size / 1024 / 1024:.1f} MB); "
               "lịch sử và báo cáo các lượt nhập vẫn được giữ.")


COMMANDS = (import_command, template_command, export_command, prune_uploads_command)
