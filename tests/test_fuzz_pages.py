"""Pages with arbitrary path segments and query parameters: never a 500 (SQLite and PostgreSQL)."""
import os
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
