"""flask users …: accounts and API tokens."""
import click
from flask.cli import AppGroup

from app.cli.common import fail
from procedures.enums import ROLES
from procedures.errors import ServiceError
from procedures.services import accounts

users_cli = AppGroup("users", help="Tài khoản và mã truy cập API.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(list(ROLES)), required=True)
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bắt buộc với unit_editor).")
@click.option("--name", "full_name", default=None, help="Họ và tên.")
@click.password_option("--password", prompt="Mật khẩu", confirmation_prompt="Nhập lại mật khẩu")
def create_user_command(username, role, unit_code, full_name, password):
    """Create an account (the password is asked for when not given)."""
    try:
        user = accounts.create_user(username, password, role, unit_code, full_name)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã tạo tài khoản {user.username} ({role}).")


@users_cli.command("update")
@click.argument("username")
@click.option("--role", type=click.Choice(list(ROLES)), default=None, help="Vai trò mới.")
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị mới ('-': bỏ đơn vị).")
@click.option("--name", "full_name", default=None, help="Họ và tên mới.")
@click.option("--active/--inactive", default=None,
              help="Cho phép hoặc khóa đăng nhập (khóa cả mã truy cập API).")
def update_user_command(username, role, unit_code, full_name, active):
    """Change an account's role, unit, name or whether it may sign in."""
    try:
        user = accounts.get_user(username)
        current = accounts.describe(user)
        unit = current["unit_code"] if unit_code is None else (
            None if unit_code == "-" else unit_code)
        user = accounts.update_user(
            user.username, role or current["role"], unit,
            current["full_name"] if full_name is None else full_name,
            current["active"] if active is None else active)
    except ServiceError as exc:
        fail(exc)
    state = "được đăng nhập" if user.active else "đã khóa"
    click.echo(f"Đã lưu tài khoản {user.username} ({user.role}, {state}).")


@users_cli.command("set-password")
@click.argument("username")
@click.password_option("--password", prompt="Mật khẩu mới", confirmation_prompt="Nhập lại mật khẩu")
def set_password_command(username, password):
    """Set a new password for an account and unlock it."""
    try:
        user = accounts.set_password(username, password)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã đặt mật khẩu mới cho {user.username}; tài khoản được mở khóa.")


@users_cli.command("end-sessions")
@click.argument("username")
def end_sessions_command(username):
    """End every session of an account (its cookies stop working; API tokens are not touched)."""
    try:
        user = accounts.end_sessions(username)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã kết thúc mọi phiên đăng nhập của {user.username}.")


@users_cli.command("token")
@click.argument("username")
@click.option("--name", default=None, help="Ghi chú: dùng cho việc gì.")
@click.option("--days", default=90, show_default=True, type=click.IntRange(0, 3650),
              help="Số ngày hiệu lực (0: không hết hạn).")
def token_command(username, name, days):
    """Issue an API token; it is shown once, only its hash is stored."""
    try:
        token, clear = accounts.create_token(username, name, days)
    except ServiceError as exc:
        fail(exc)
    expiry = token.expires_at.date().isoformat() if token.expires_at else "không hết hạn"
    click.echo(f"Mã truy cập #{token.id} (hết hạn: {expiry}). Chỉ hiển thị một lần:")
    click.echo(clear)


@users_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id):
    """Revoke an API token by its number."""
    try:
        accounts.revoke_token(token_id)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"Đã thu hồi mã truy cập #{token_id}.")


@users_cli.command("list")
def list_command():
    """List accounts and their tokens (never the token values)."""
    for user in accounts.list_users():
        unit = user.unit.code if user.unit else "-"
        click.echo(f"{user.username:20} {user.role:12} {unit:10} {'' if user.active else 'khóa'}")
        for token in reversed(accounts.tokens_of(user)):
            state = "thu hồi" if token.revoked_at else "hiệu lực"
            click.echo(f"    #{token.id} {token.name or ''} {state}")
