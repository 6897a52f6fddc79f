"""A citizen on a phone (390×844): the first result in the first screen, picking a ward and
printing its desk; and an axe-core scan of the public pages with no serious or critical
violation (issue 14)."""
import shutil

import pytest

from procedures.search import get_sync
from tests.test_procedure_page import place  # noqa: F401  (the data: two wards, one procedure)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def ready(app, place):  # noqa: F811
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    get_sync().rebuild()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="vi-VN", base_url=live_server, viewport=PHONE,
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


def test_a_citizen_on_a_phone_sees_the_first_result_in_the_first_screen(phone, ready):
    phone.goto("/")
    phone.fill("input[name=q]", "dang ky khai sinh")
    phone.click("button[type=submit]")
    first = phone.locator("ol.results li a.title").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert not phone.locator(".facets details").get_attribute("open")  # filters folded
    # nothing wider than the screen
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_citizen_picks_a_ward_and_prints_its_desk(phone, ready):
    phone.goto("/procedures/1.001193")
    assert phone.locator("#desk").count() == 0
    phone.select_option("#xa", "22921")
    phone.click("form.place button[type=submit]")
    phone.wait_for_url("**/procedures/1.001193?xa=22921")
    desk = phone.locator("#desk")
    assert "Hàm Tiến" in desk.inner_text() and "Mũi Né" not in desk.inner_text()
    assert desk.locator('a[href^="tel:"]').first.get_attribute("href") == "tel:02523847999"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the choice is kept: the bare address shows the same desk
    phone.goto("/procedures/1.001193")
    assert "Hàm Tiến" in phone.locator("#desk").inner_text()
    phone.emulate_media(media="print")
    assert phone.locator("#desk").is_visible()
    assert not phone.locator("form.place").is_visible()
    meta = phone.locator(".print-meta")
    assert meta.is_visible() and "In ngày" in meta.inner_text()
    assert "/procedures/1.001193?xa=22921" in meta.inner_text()
    assert not phone.locator("header.site nav").is_visible()


PAGES = ["/", "/?q=khai+sinh", "/?q=khai+sinh&unit=22921", "/procedures/1.001193",
         "/procedures/1.001193?xa=22921", "/units", "/units/22921", "/login", "/calendar"]


@pytest.mark.parametrize("size", [PHONE, {"width": 1280, "height": 900}],
                         ids=["phone", "desktop"])
def test_public_pages_have_no_serious_accessibility_violation(browser, live_server, ready, size):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(locale="vi-VN", base_url=live_server, viewport=size)
    page = context.new_page()
    found = {}
    try:
        for path in PAGES:
            page.goto(path)
            results = axe.run(page)
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
            if bad:
                found[path] = bad
    finally:
        context.close()
    assert found == {}, found


ADMIN_PAGES = ["/procedures/1.001193/edit", "/procedures/new", "/units/22921/edit",
               "/units/22921/officers/new", "/units/22921/assignments/new",
               "/units/22921/assignments/1.001193/edit", "/imports", "/imports/history",
               "/audit", "/audit/units/22921", "/admin/users", "/admin/users/new",
               "/admin/search-terms", "/account/password", "/jobs", "/notifications"]


def test_signed_in_pages_have_no_serious_accessibility_violation(browser, live_server, ready,
                                                                  make_user):
    """Every form and work page an admin reaches (the editor's and auditor's are among them)."""
    from axe_playwright_python.sync_playwright import Axe

    make_user("admin", "quan-tri")
    axe = Axe()
    context = browser.new_context(locale="vi-VN", base_url=live_server, viewport=PHONE)
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", "quan-tri")
    page.fill("#password", "mat-khau-123")
    page.click("main button[type=submit]")
    found, missing = {}, []
    try:
        for path in ADMIN_PAGES:
            response = page.goto(path)
            if response.status != 200 or "/login" in page.url:
                missing.append((path, response.status))
                continue
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in axe.run(page).response["violations"]
                   if v["impact"] in ("serious", "critical")]
            if bad:
                found[path] = bad
    finally:
        context.close()
    assert found == {}, found
    assert missing == [], missing
