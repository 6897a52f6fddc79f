"""flask search …: rebuild, sync, check and query this node's index."""
import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from procedures.search import get_sync, run_search

search_cli = AppGroup("search", help="Chỉ mục tìm kiếm thủ tục (whoosh).")


@search_cli.command("rebuild")
@click.option("--procs", type=click.IntRange(1, 16), default=None,
              help="Số tiến trình lập chỉ mục (mặc định SEARCH_BUILD_PROCS, 1).")
def rebuild_command(procs):
    """Rebuild the index from the database (in one process unless told otherwise)."""
    procs = procs or current_app.config.get("SEARCH_BUILD_PROCS", 1)
    count = get_sync().rebuild(procs=procs)
    click.echo(f"Đã lập chỉ mục {count} thủ tục.")


@search_cli.command("sync")
def sync_command():
    """Apply the changes committed since this index last caught up."""
    applied, rebuilt = get_sync().sync()
    click.echo(f"Đã lập lại toàn bộ chỉ mục ({applied} thủ tục)." if rebuilt
               else f"Đã cập nhật {applied} thủ tục.")


@search_cli.command("check")
def check_command():
    """Compare the index with the database; exit 1 when they drift apart."""
    report = get_sync().check()
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    drift = report["missing"] or report["extra"] or report["stale"] or report["needs_rebuild"]
    if drift:
        click.echo("Chỉ mục lệch với cơ sở dữ liệu: chạy `flask search rebuild`.", err=True)
        sys.exit(1)
    click.echo("Chỉ mục khớp với cơ sở dữ liệu.")


@search_cli.command("query")
@click.argument("text")
@click.option("--limit", default=10, type=click.IntRange(1, 100))
def query_command(text, limit):
    """Search as a citizen would and print the ranked codes."""
    get_sync().sync()
    result = run_search(text, {}, per_page=limit, facets=False, highlights=False)
    for item in result.items:
        click.echo(f"{item.code}  {item.name}")
    if result.suggestion:
        click.echo(f"Có phải bạn muốn tìm: {result.suggestion}")
    if not result.items:
        click.echo("Không tìm thấy thủ tục phù hợp.")
