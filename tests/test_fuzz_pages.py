"""Pages with arbitrary path segments and query parameters: never a 500 (SQLite and PostgreSQL)."""
import os
import re
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_catalogue, make_procedure

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 25))
PARAMS = ("q", "page", "level", "kind", "field", "unit", "subject", "online_level", "ready",
          "next", "per_page")
PATHS = ("/", "/procedures/{}", "/units", "/units/{}", "/audit", "/audit/units/{}",
         "/audit/league.csv", "/audit/units/{}/findings.csv", "/imports/history",
         "/admin/users/{}", "/imports")

text = st.text(st.characters(codec="utf-8"), max_size=40)


@pytest.fixture
def admin_client(client, db, make_user, login):
    make_catalogue()
    make_procedure()
    login(make_user("admin", "quan-tri"))
    return client


@pytest.mark.parametrize("template", PATHS)
def test_pages_answer_anything_without_a_500(admin_client, template):
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(segment=text, params=st.dictionaries(st.sampled_from(PARAMS), text, max_size=4))
    def run(segment, params):
        path = template.format(urllib.parse.quote(segment, safe="")) if "{}" in template \
            else template
        response = admin_client.get(path, query_string=params)
        assert response.status_code < 500, (path, params, response.status_code)

    run()


ARGUMENT = re.compile(r"<[^>]+>")


def test_every_route_answers_any_path_segment_without_a_500(app, admin_client, token_for,
                                                             make_user):
    """Every rule of the url_map with a path argument (pages and API, reads and writes), its
    segments drawn from any text (NUL, line breaks, RTL marks, 40 characters)."""
    token = token_for(make_user("admin", "fuzz-token"))
    rules = [(method, rule.rule) for rule in app.url_map.iter_rules() if rule.arguments
             and not rule.endpoint.endswith("static")
             for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})]
    assert len(rules) > 40

    @settings(max_examples=MAX_EXAMPLES * 4, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(route=st.sampled_from(rules), segment=text)
    def run(route, segment):
        method, template = route
        path = ARGUMENT.sub(urllib.parse.quote(segment, safe=""), template)
        api = path.startswith("/api/")
        response = admin_client.open(path, method=method, headers=token if api else {},
                                     json={} if api and method != "GET" else None)
        assert response.status_code < 500, (method, path, response.status_code)

    run()
