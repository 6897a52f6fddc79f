"""Odd input on every route: control characters in path segments, huge page numbers, bodies
nested thousands of levels deep. Never a 500 (SQLite and PostgreSQL)."""
import io
import re
import urllib.parse

import pytest

from tests.factories import make_catalogue, make_procedure

ARGUMENT = re.compile(r"<[^>]+>")
ODD_SEGMENTS = ["a\x00b", "\x00", "22918\r\nSet-Cookie: a=b", "a\x7fb", "1.001193\x00"]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def routes(app):
    """(method, path template) of every route with a path argument."""
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint.endswith("static"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield method, rule.rule


@pytest.fixture
def signed_in(client, db, make_user, login, token_for):
    make_catalogue()
    make_procedure()
    admin = make_user("admin", "quan-tri")
    login(admin)
    return client, token_for(admin)


def test_control_characters_in_any_path_segment_never_give_a_500(app, signed_in):
    client, token = signed_in
    tried = 0
    for method, template in routes(app):
        for segment in ODD_SEGMENTS:
            path = ARGUMENT.sub(urllib.parse.quote(segment, safe=""), template)
            headers = token if path.startswith("/api/") else {}
            kwargs = {"json": {}} if method in WRITES and path.startswith("/api/") else {}
            response = client.open(path, method=method, headers=headers, **kwargs)
            tried += 1
            assert response.status_code < 500, (method, path, response.status_code)
            if "\x00" in segment or "\x7f" in segment:
                assert response.status_code in (404, 405), (method, path, response.status_code)
    assert tried > 200


def test_a_nul_byte_in_a_user_name_is_a_clean_404(signed_in):
    client, _ = signed_in
    response = client.get("/admin/users/a%00b")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
    api = client.get("/api/v1/procedures/1.001193%00")
    assert api.status_code == 404 and api.get_json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/", "/units", "/imports/history", "/api/v1/search",
                                  "/api/v1/procedures", "/api/v1/units", "/api/v1/imports"])
@pytest.mark.parametrize("page", ["99999999999999999999999", "-1", "0", "1e9", "٣", "9" * 5000])
def test_huge_or_odd_page_numbers_answer_cleanly(signed_in, path, page):
    client, token = signed_in
    response = client.get(path, query_string={"page": page, "q": "khai sinh"}, headers=token)
    assert response.status_code in (200, 422), (path, page, response.status_code)


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("method, path", [("post", "/api/v1/procedures"),
                                          ("put", "/api/v1/procedures/1.001193"),
                                          ("post", "/api/v1/units"),
                                          ("post", "/api/v1/audits")])
def test_a_json_body_nested_100000_deep_is_refused(signed_in, method, path):
    client, token = signed_in
    response = getattr(client, method)(path, data=DEEP, content_type="application/json",
                                       headers=token)
    assert response.status_code in (400, 422), response.status_code
    body = response.get_json()
    assert body["code"] in ("nesting_too_deep", "invalid_json", "validation_error"), body


@pytest.mark.parametrize("body", ["1" * 100_000, '{"name": ' + "9" * 5000 + "}"])
def test_a_json_number_of_100000_digits_is_refused(signed_in, body):
    client, token = signed_in
    for path in ("/api/v1/procedures", "/api/v1/audits", "/api/v1/units"):
        response = client.post(path, data=body, content_type="application/json", headers=token)
        assert response.status_code == 400, (path, response.status_code)
        assert response.get_json()["code"] == "invalid_json"


def test_a_deep_json_upload_on_the_page_is_refused_with_a_message(signed_in):
    client, _ = signed_in
    content = ('{"units": ' + DEEP + "}").encode()
    response = client.post("/imports", data={"file": (io.BytesIO(content), "sau.json")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code in (200, 422)
    assert "lồng nhau quá sâu" in response.get_data(as_text=True)
    batch_page = client.get("/imports/history")
    assert batch_page.status_code == 200
