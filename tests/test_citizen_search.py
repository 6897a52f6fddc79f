"""The citizen search defects of issue 14, through the engine as the app runs it and the search
page: noisy short everyday words, the new-house permit first, glued syllables and initials, the
ward filter shown and removable, snippets that keep the body's parts apart, results first."""
import re

from procedures.search.lexicon import current_lexicon
from search_index import search
from tests.test_relevance import demo_index  # noqa: F401, F811  (the fixture)


def run(index, q):
    return search(index, q, per_page=20, facets=False, highlights=True, lexicon=current_lexicon())


def test_citizen_queries_of_issue_14(demo_index):  # noqa: F811
    # "so do" (sổ đỏ) gave 20 procedures: "giấy chứng nhận" scattered over any body, and the last
    # syllable "do" completed to doanh, đồng, đối.
    result = run(demo_index, "so do")
    assert result.ids[0] == "1.012786" and result.total <= 2, result.ids
    assert "doanh" not in str(result.highlights)
    # the new-house permit first; naming the variant still finds the variant first
    assert run(demo_index, "giay phep xay dung").ids[0] == "1.013225"
    assert run(demo_index, "gia han giay phep xay dung").ids[0] == "1.013227"
    # glued syllables and initials are searched as what they mean, and say so
    for typed, meant, first in [("khaisinh", "khai sinh", "1.001193"),
                                ("dkks", "đăng ký khai sinh", "1.001193"),
                                ("dkkh", "đăng ký kết hôn", "1.000894")]:
        result = run(demo_index, typed)
        assert result.corrected and result.suggestion == meant, typed
        assert result.ids[0] == first, (typed, result.ids)
    # a spelling guess is offered, never imposed
    result = run(demo_index, "xyz")
    assert result.total == 0 and not result.corrected
    # codes without the dot or cut short
    assert run(demo_index, "1001193").ids[0] == "1.001193"
    assert run(demo_index, "1.00119").ids[0] == "1.001193"
    # snippets keep the fields apart: agency · subjects · description · each dossier item
    body = run(demo_index, "khai sinh").highlights["1.001193"]["body"]
    assert "cấp xã · Công dân Việt Nam · Đăng ký việc" in body, body


def test_search_page_of_a_citizen(client, demo_index):  # noqa: F811
    html = client.get("/?q=dkks").get_data(as_text=True)
    assert "Đang hiện kết quả cho “<strong>đăng ký khai sinh</strong>”" in html
    assert 'href="/procedures/1.001193"' in html
    # results come before the folded filters
    html = client.get("/?q=khai+sinh").get_data(as_text=True)
    assert html.index('class="results"') < html.index('class="facets"')
    assert re.search(r'<aside class="facets"[^>]*>\s*<details', html)
    # a search started from a ward page shows the ward and a way to remove it
    html = client.get("/?q=khai+sinh&unit=DEMO-22921").get_data(as_text=True)
    box = re.search(r'<p class="active-filter" id="unit-filter">(.*?)</p>', html, re.S)
    assert box and "Hàm Tiến" in box.group(1), html
    remove = re.search(r'href="([^"]+)" class="remove"', box.group(1)).group(1)
    assert "unit=" not in remove and "q=khai+sinh" in remove
    assert "unit-filter" not in client.get(remove.replace("&amp;", "&")).get_data(as_text=True)
