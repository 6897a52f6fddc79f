"""Sessions that end when they should: SameSite cookies, revocation on logout, password reset or
change and lock, an atomic lockout, and a login that never follows a bad ``next``."""
import threading

import pytest

from procedures.models import User
from procedures.services import accounts

PASSWORD = "mat-khau-123"


@pytest.fixture
def admin(make_user):
    return make_user("admin", "quan-tri")


def sign_in(app, user, password=PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def copy_of(app, client):
    """Another browser holding a copy of the client's session cookie."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def opens_admin_users(client) -> bool:
    return client.get("/admin/users").status_code == 200


def test_session_cookie_is_samesite_lax_and_httponly(app, db, admin):
    response = app.test_client().post("/login", data={"username": "quan-tri",
                                                      "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_a_copied_cookie_stops_working_after_logout(app, db, admin):
    browser = sign_in(app, admin)
    stolen = copy_of(app, browser)
    assert opens_admin_users(stolen)
    assert browser.post("/logout").status_code == 302
    assert not opens_admin_users(stolen)
    assert stolen.get("/admin/users").status_code == 302  # to the login form
    assert not opens_admin_users(browser)


def test_a_password_reset_ends_the_accounts_sessions(app, db, admin, make_user):
    other = make_user("admin", "pho-quan-tri")
    victim = sign_in(app, other)
    stolen = copy_of(app, victim)
    resetter = sign_in(app, admin)
    response = resetter.post("/admin/users/pho-quan-tri/password",
                             data={"password": "mat-khau-moi-456"})
    assert response.status_code == 302
    assert not opens_admin_users(victim) and not opens_admin_users(stolen)
    assert opens_admin_users(resetter)  # the admin who reset stays signed in


def test_an_admin_resetting_their_own_password_stays_signed_in_here_only(app, db, admin):
    here = sign_in(app, admin)
    elsewhere = sign_in(app, admin)
    here.post("/admin/users/quan-tri/password", data={"password": "mat-khau-moi-456"})
    assert opens_admin_users(here) and not opens_admin_users(elsewhere)


def test_changing_ones_password_ends_the_other_sessions(app, db, admin):
    here = sign_in(app, admin)
    elsewhere = sign_in(app, admin)
    response = here.post("/account/password", data={
        "current_password": PASSWORD, "password": "mat-khau-moi-456",
        "password_again": "mat-khau-moi-456"})
    assert response.status_code == 302
    assert opens_admin_users(here) and not opens_admin_users(elsewhere)


def test_deactivating_ends_the_sessions_a_new_role_applies_at_once(app, db, admin, make_user):
    make_user("admin", "pho-quan-tri")
    make_user("admin", "thu-ba")
    deactivated, demoted = (sign_in(app, accounts.get_user(n)) for n in ("pho-quan-tri", "thu-ba"))
    boss = sign_in(app, admin)
    boss.post("/admin/users/pho-quan-tri", data={"role": "admin"})  # active left unticked
    boss.post("/admin/users/thu-ba", data={"role": "auditor", "active": "on"})
    assert not opens_admin_users(deactivated)
    assert deactivated.get("/").status_code == 200  # reads on as nobody
    assert demoted.get("/admin/users").status_code == 403  # still signed in, as an auditor
    accounts.update_user("pho-quan-tri", "admin", active=True)
    assert not opens_admin_users(deactivated)  # re-activation does not revive the old cookie


def test_cli_ends_every_session_of_an_account(app, db, admin, runner):
    browser = sign_in(app, admin)
    result = runner.invoke(args=["users", "end-sessions", "quan-tri"])
    assert result.exit_code == 0 and "quan-tri" in result.output
    assert not opens_admin_users(browser)
    assert runner.invoke(args=["users", "end-sessions", "khong-co"]).exit_code != 0


def test_a_cookie_with_only_the_user_id_is_refused(app, db, admin):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(admin.id)  # a session made before versions (or forged)
        session["_fresh"] = True
    assert not opens_admin_users(client)
    with client.session_transaction() as session:
        session["_user_id"] = f"{admin.id}.{'9' * 5000}"
    assert client.get("/admin/users").status_code == 302


@pytest.mark.parametrize("target", [
    "%2F%0D%0ASet-Cookie:%20a=b", "/%0aLocation:%20http://evil.example", "/\\evil.example",
    "//evil.example", "http://evil.example/", "/%00", "[::1", "/" + "a" * 5000,
])
def test_login_never_follows_a_bad_next(app, db, admin, target):
    usual = app.test_client().post("/login", data={"username": "quan-tri", "password": PASSWORD})
    client = app.test_client()
    response = client.post(f"/login?next={target}",
                           data={"username": "quan-tri", "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    # the admin's usual page ("/%00" loses its NUL like every page parameter: "/")
    assert location in (usual.headers["Location"], "/"), location
    assert "evil" not in location and "\r" not in location and "\n" not in location
    assert "Set-Cookie: a" not in str(response.headers)


def test_login_follows_a_path_on_this_site(app, db, admin):
    response = app.test_client().post("/login?next=/admin/users%3Fpage%3D2",
                                      data={"username": "quan-tri", "password": PASSWORD})
    assert response.headers["Location"] == "/admin/users?page=2"


def attack(app, username, count, password="doan-sai-123"):
    """count wrong passwords sent at once from count addresses; returns the status codes."""
    barrier, statuses = threading.Barrier(count), []

    def one(i):
        client = app.test_client()
        barrier.wait()
        response = client.post("/login", data={"username": username, "password": password},
                               environ_base={"REMOTE_ADDR": f"198.51.100.{i + 1}"})
        statuses.append(response.status_code)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_wrong_passwords_sent_at_once_lock_the_account(app, db, admin):
    statuses = attack(app, "quan-tri", 24)
    assert len(statuses) == 24 and max(statuses) < 500, statuses
    # no more than MAX_FAILED_LOGINS were checked; the others were refused as locked
    assert statuses.count(401) <= accounts.MAX_FAILED_LOGINS
    assert statuses.count(429) >= 24 - accounts.MAX_FAILED_LOGINS
    db.session.expire_all()
    assert db.session.get(User, admin.id).locked_until is not None
    right = app.test_client().post("/login", data={"username": "quan-tri", "password": PASSWORD},
                                   environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert right.status_code == 429  # locked even for the right password, for a while
