"""flask audit …: run the completeness audit, export the integration package."""
import json
import sys

import click
from flask.cli import AppGroup

from app.cli.common import fail
from app.cli.jobs import JobProgress
from importers.fixbook import build_fix_workbook
from jobs import submit
from procedures.audit import exports, results
from procedures.audit.integration import build_package
from procedures.errors import ServiceError
from procedures.services.uow import Actor, acting_as

audit_cli = AppGroup("audit", help="Kiểm soát mức độ đầy đủ dữ liệu thủ tục hành chính.")
PROGRESS_FROM = 50  # units: show a progress bar on stderr from this many


@audit_cli.command("run")
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị; bỏ trống để kiểm soát tất cả.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]),
              default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Ghi ra tệp thay vì màn hình (bắt buộc với xlsx).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Kiểm soát dữ liệu tính đến ngày này (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--below", is_flag=True,
              help="Với --unit: kèm các đơn vị trực thuộc (ví dụ một tỉnh và các xã, phường).")
@click.option("--background", is_flag=True,
              help="Đưa vào hàng đợi (JOBS_BACKEND) và in số việc, không chờ kết quả.")
def run_command(unit_code, fmt, output, as_of, below, background):
    """Audit one unit or all as of a date; exit 1 when an audited unit is not ready.

    It runs as a job in the foreground: a second run of the same scope (another command, the
    page, the API, a worker) is refused while one runs."""
    as_of = as_of.date() if as_of else None
    if fmt == "xlsx" and not output:
        raise click.UsageError("Định dạng xlsx cần --output PATH.")
    params = {"unit_code": unit_code, "below": bool(below and unit_code),
              "as_of": as_of.isoformat() if as_of else None}
    bar = JobProgress("Kiểm soát đơn vị", PROGRESS_FROM)
    try:
        with acting_as(Actor("cli", trusted=True)):
            if background:
                job = submit("audit", params, unit_code=unit_code)
                click.echo(f"Việc số {job.id}: {job.state} (xem: flask jobs show {job.id}).")
                return
            job = submit("audit", params, wait=True, unit_code=unit_code, listener=bar)
            run = results.get_run(job.result["run_id"])
    except ServiceError as exc:
        bar.close()
        fail(exc)
    bar.close()
    body = _render(run, None if below else unit_code, fmt)
    if output:
        with open(output, "wb") as handle:
            handle.write(body if isinstance(body, bytes) else body.encode("utf-8"))
        click.echo(f"Đã ghi {output}", err=True)
    else:
        click.echo(body.decode("utf-8-sig") if isinstance(body, bytes) else body, nl=False)
    click.echo(f"Lần kiểm soát {run.id} (tính đến ngày {run.as_of:%d/%m/%Y}): "
               f"{run.ready_count}/{run.units_count} đơn vị đủ điều kiện tích hợp.", err=True)
    click.echo(f"Lịch ngày làm việc: {run.calendar}", err=True)
    if (run.summary or {}).get("targets_evaluated"):
        click.echo(f"Đã đánh giá {run.summary['targets_evaluated']} chỉ tiêu cam kết, nhiệm vụ "
                   f"năm {run.as_of.year} (xem /commitments).", err=True)
    sys.exit(0 if run.ready_count == run.units_count else 1)


def _render(run, unit_code, fmt):
    """The run as text, JSON, CSV or XLSX: a unit's findings, or every unit's result."""
    if fmt == "json":
        return json.dumps(results.run_document(run, unit_code), ensure_ascii=False,
                          indent=2) + "\n"
    if unit_code:
        unit, result = results.require_latest_result(unit_code)
        rows = exports.finding_rows(results.findings_of(result), unit.name)
        columns, title = exports.FINDING_COLUMNS, "Kết quả kiểm soát"
    else:
        rows = exports.league_rows(results.league())
        columns, title = exports.LEAGUE_COLUMNS, "Bảng xếp hạng"
    if fmt == "csv":
        return exports.to_csv(columns, rows)
    if fmt == "xlsx":
        return exports.to_xlsx(columns, rows, title)
    return _table(columns, rows)


def _table(columns, rows) -> str:
    keys = [k for k, _ in columns if k in ("code", "name", "ready", "score", "blockers",
                                              "warnings", "severity", "rule_id", "message")]
    lines = ["\t".join(label for k, label in columns if k in keys)]
    lines += ["\t".join("" if row.get(k) is None else str(row.get(k)) for k in keys)
              for row in rows]
    return "\n".join(lines) + "\n"


@audit_cli.command("integration-export")
@click.option("--unit", "unit_code", required=True, help="Mã đơn vị.")
@click.option("--output", type=click.Path(dir_okay=False), required=True)
def integration_export_command(unit_code, output):
    """Write the integration package of a ready unit; exit 1 with its blockers otherwise."""
    try:
        package = build_package(unit_code)
    except ServiceError as exc:
        fail(exc)
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(package, handle, ensure_ascii=False, indent=2)
    click.echo(f"Đã ghi {len(package['procedures'])} thủ tục của {package['unit']['name']} "
               f"vào {output}", err=True)


@audit_cli.command("fix-workbook")
@click.option("--unit", "unit_code", required=True, help="Mã đơn vị.")
@click.option("--output", type=click.Path(dir_okay=False), required=True)
def fix_workbook_command(unit_code, output):
    """Write the unit's import workbook with the cells to fix highlighted."""
    try:
        body = build_fix_workbook(unit_code)
    except ServiceError as exc:
        fail(exc)
    with open(output, "wb") as handle:
        handle.write(body)
    click.echo(f"Đã ghi {output}", err=True)


@audit_cli.command("catalogue")
@click.argument("province_code")
@click.option("--level", type=click.Choice(["province", "district", "commune"]), default=None,
              help="Một cấp; bỏ trống = mọi cấp.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Tính đến ngày này (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def catalogue_command(province_code, level, as_of, fmt):
    """The catalogue's findings of a province: lines no unit of their level implements (exit 1
    when there is one)."""
    from procedures.schemas.province_catalogue import CatalogueOut
    from procedures.services import province_catalogue

    try:
        report = province_catalogue.catalogue_report(
            province_catalogue.get_province(province_code), level,
            as_of.date() if as_of else None)
    except ServiceError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(CatalogueOut().dump(report), ensure_ascii=False, indent=2))
    else:
        for finding in report["findings"]:
            click.echo(f"{finding['level']}\t{finding['procedure_code']}\t{finding['message']}")
    click.echo(f"{report['province'].name}: {len(report['lines'])} dòng danh mục, "
               f"{len(report['findings'])} thủ tục chưa có đơn vị cùng cấp thực hiện "
               f"(tính đến ngày {report['as_of']:%d/%m/%Y}).", err=True)
    sys.exit(1 if report["findings"] else 0)
