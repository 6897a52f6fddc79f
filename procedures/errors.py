"""Domain exceptions: one shape for every transport."""


class ServiceError(Exception):
    """Base error: an HTTP-ish status, an English code, a Vietnamese message, field errors."""

    status = 400
    code = "bad_request"

    def __init__(self, message, errors=None, code=None, status=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        if code:
            self.code = code
        if status:
            self.status = status

    def to_dict(self):
        return {
            "status": self.status, "code": self.code, "message": self.message,
            "errors": self.errors,
        }


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_error"

    def __init__(self, errors, message="Dữ liệu không hợp lệ."):
        super().__init__(message, errors)


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


class StaleVersion(Conflict):
    """The record was changed after the form or the workbook holding it was made."""

    code = "stale_version"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


def field_error(field, message):
    """A ValidationFailed about one field."""
    return ValidationFailed([{"field": field, "messages": [message]}])
