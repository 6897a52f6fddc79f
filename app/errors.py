"""Error handlers: JSON under /api/, Vietnamese pages elsewhere; never a stack trace."""
import json
import logging

from flask import flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, InternalServerError

from app.http import is_api_request
from procedures.errors import ServiceError
from procedures.schemas.base import flatten_errors, strip_control

log = logging.getLogger(__name__)
NESTING_TOO_DEEP = "Dữ liệu gửi lên lồng nhau quá sâu (quá nhiều cấp [ ] hoặc { })."

HTTP_CODES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Bạn cần đăng nhập hoặc cung cấp mã truy cập (token)."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy địa chỉ hoặc bản ghi được yêu cầu."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ tại địa chỉ này."),
    409: ("conflict", "Dữ liệu xung đột."),
    413: ("payload_too_large", "Tệp tải lên vượt quá dung lượng cho phép."),
    415: ("unsupported_media_type", "Định dạng dữ liệu gửi lên không được hỗ trợ."),
    422: ("validation_error", "Dữ liệu không hợp lệ."),
    429: ("too_many_requests", "Quá nhiều yêu cầu, vui lòng thử lại sau."),
    500: ("internal_error", "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."),
    503: ("unavailable", "Dịch vụ tạm thời không sẵn sàng. Vui lòng thử lại sau ít phút."),
}


def error_body(status, code=None, message=None, errors=None):
    default_code, default_message = HTTP_CODES.get(status, ("error", "Đã xảy ra lỗi."))
    return {
        "status": status, "code": code or default_code, "message": message or default_message,
        "errors": errors or [],
    }


def render_error(body):
    if is_api_request():
        return jsonify(body), body["status"]
    return render_template("error.html", error=body), body["status"]


def handle_service_error(exc: ServiceError):
    """The error's JSON for the API; on pages, nobody signed in is sent to the login form."""
    if exc.status == 401 and not is_api_request():
        flash("Vui lòng đăng nhập để tiếp tục.", "warning")
        return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
    return render_error(exc.to_dict())


def handle_http_exception(exc: HTTPException):
    status = exc.code or 500
    errors = []
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if isinstance(messages, dict):
        # webargs: {"query": {"page": [...]}} → fields named by location
        for location, fields in messages.items():
            for item in flatten_errors(fields):
                errors.append({"field": item["field"], "messages": item["messages"],
                               "location": location})
    message = exc.description if status == 429 and isinstance(exc.description, str) else None
    body = error_body(status, message=message, errors=errors)
    if status == 405 and is_api_request():
        response = jsonify(body)
        response.status_code = 405
        if getattr(exc, "valid_methods", None):
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response
    return render_error(body)


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    if isinstance(exc, RecursionError) and request.content_length:
        # A body nested thousands of levels deep ([[[[…]]]]): refused, not a crash.
        log.warning("request body nested too deep on %s %s", request.method, request.path)
        return render_error(error_body(400, code="nesting_too_deep", message=NESTING_TOO_DEEP))
    if isinstance(exc, (OperationalError, InterfaceError)):
        log.error("database unavailable on %s %s: %s", request.method, request.path, exc)
        return render_error(error_body(503, code="database_unavailable", message=(
            "Không truy cập được cơ sở dữ liệu (mất kết nối hoặc cơ sở dữ liệu chưa sẵn sàng). "
            "Vui lòng thử lại sau ít phút hoặc báo cho quản trị viên.")))
    log.exception("unhandled error on %s %s", request.method, request.path)
    return render_error(error_body(500))


def _cleaned(values):
    """The same MultiDict without control characters (NUL…) in its values, or None if clean."""
    if not any(value != strip_control(value) for value in values.values()):
        return None
    return ImmutableMultiDict([(key, strip_control(value))
                               for key, value in values.items(multi=True)])


def strip_control_characters():
    """Page parameters lose their control characters before any view runs, as input text does
    in the services (PostgreSQL refuses a NUL byte in a query parameter). The API's query
    arguments drop them in their schemas instead."""
    if is_api_request():
        return
    args = _cleaned(request.args)
    if args is not None:
        request.args = args
    if request.mimetype == "application/x-www-form-urlencoded":
        form = _cleaned(request.form)
        if form is not None:
            request.form = form


def refuse_control_characters_in_path():
    """A path with a control character (a NUL byte: /admin/users/a%00b) names nothing: 404
    before any view runs (PostgreSQL refuses NUL in a query parameter)."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in request.path):
        return render_error(error_body(404))
    return None


def refuse_unreadable_json():
    """A JSON body Python cannot read (nested thousands deep, a 100,000-digit number) is a 400
    before any view parses it; a plainly malformed body is left to the view's own message."""
    if not request.is_json or not request.content_length:
        return None
    try:
        json.loads(request.get_data(cache=True))
    except RecursionError:
        return render_error(error_body(400, code="nesting_too_deep", message=NESTING_TOO_DEEP))
    except json.JSONDecodeError:
        return None
    except ValueError:  # Python's limit of 4,300 digits for an integer, and the like
        return render_error(error_body(400, code="invalid_json", message=(
            "Nội dung JSON có giá trị không đọc được (ví dụ một số quá dài).")))
    return None


def init_app(app):
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_control_characters_in_path)
    app.before_request(refuse_unreadable_json)
    app.before_request(strip_control_characters)
    app.register_error_handler(ServiceError, handle_service_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
