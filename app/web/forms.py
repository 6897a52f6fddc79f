"""Flask-WTF forms of the account pages."""
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField("Tên đăng nhập", validators=[
        DataRequired("Nhập tên đăng nhập."), Length(max=64)])
    password = PasswordField("Mật khẩu", validators=[
        DataRequired("Nhập mật khẩu."), Length(max=200)])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token (logout, run buttons)."""
