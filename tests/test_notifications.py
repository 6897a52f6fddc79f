"""Notifications by e-mail against a real SMTP server (aiosmtpd, started here): a unit's editor
and the office person following it get one mail per new blocker and one when it is fixed, a
digest for whoever chose it; with no mail server nothing is sent and the log shows the text."""
import email
import email.policy
import socket

import pytest

from procedures.db import db as _db
from procedures.models.notifications import Notification
from tests.audit.builders import TODAY, UNIT, build_ready_ward, change_procedure
from tests.factories import procedure_data


class Mailbox:
    """What the SMTP server received: (recipients, parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def smtp(app):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_FROM")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                      MAIL_FROM="so-noi-vu@binhthuan.gov.vn")
    yield box
    controller.stop()
    app.config.update(saved)


@pytest.fixture
def people(app, db, make_user, login):
    """The ward's editor and an auditor following the ward, each with an address."""
    build_ready_ward()
    editor = app.test_client()
    make_user("unit_editor", "mui-ne", unit_code=UNIT)
    auditor = app.test_client()
    make_user("auditor", "kiem-soat")
    for client, username, address in ((editor, "mui-ne", "lan.nt@muine.binhthuan.gov.vn"),
                                      (auditor, "kiem-soat", "hung.lv@snv.binhthuan.gov.vn")):
        assert client.post("/login", data={"username": username,
                                           "password": "mat-khau-123"}).status_code == 302
        response = client.post("/account/notifications", data={"email": address})
        assert response.status_code == 302
    assert auditor.post(f"/audit/units/{UNIT}/follow", data={"on": "1"}).status_code == 302
    return editor, auditor


def audit(client):
    response = client.post("/audit/run", data={"as_of": TODAY.isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)


EDITOR, OFFICE = "lan.nt@muine.binhthuan.gov.vn", "hung.lv@snv.binhthuan.gov.vn"


def test_one_mail_per_new_blocker_and_one_when_fixed(smtp, people):
    editor, auditor = people
    audit(auditor)  # the ready ward: no blocker, nothing to tell
    assert smtp.messages == []
    change_procedure(subjects=None)
    audit(auditor)
    assert len(smtp.to(EDITOR)) == 1 and len(smtp.to(OFFICE)) == 1
    mail = smtp.to(EDITOR)[0]
    assert "1 lỗi chặn mới" in mail["Subject"] and "Phường Mũi Né" in mail["Subject"]
    assert mail["From"] == "so-noi-vu@binhthuan.gov.vn"
    assert "1.001193" in mail.get_content() and f"/audit/units/{UNIT}" in mail.get_content()
    audit(auditor)  # the same blocker again: not new, no mail
    assert len(smtp.messages) == 2
    change_procedure(subjects=procedure_data()["subjects"])
    audit(auditor)
    assert len(smtp.messages) == 4
    assert "1 lỗi chặn đã sửa" in smtp.to(EDITOR)[1]["Subject"]
    log = auditor.get("/notifications").get_data(as_text=True)
    assert log.count("Đã gửi") >= 4 and EDITOR in log and "mui-ne" in log


def test_digest_instead_of_single_mails(smtp, people):
    editor, auditor = people
    assert editor.post("/account/notifications",
                       data={"email": EDITOR, "digest": "1"}).status_code == 302
    change_procedure(subjects=None)
    audit(auditor)
    assert smtp.to(EDITOR) == [] and len(smtp.to(OFFICE)) == 1  # the editor waits for the day
    response = auditor.post("/notifications/send", data={"digest": "1"})
    assert response.status_code == 302
    digest = smtp.to(EDITOR)
    assert len(digest) == 1 and digest[0]["Subject"].startswith("Bản tin hằng ngày: 1 thông báo")
    assert "1 lỗi chặn mới" in digest[0].get_content()
    auditor.post("/notifications/send", data={"digest": "1"})
    assert len(smtp.to(EDITOR)) == 1  # sent once


def test_without_a_mail_server_nothing_is_sent_and_the_log_shows_the_text(app, people):
    app.config.pop("MAIL_SERVER", None)
    editor, auditor = people
    change_procedure(subjects=None)
    audit(auditor)
    statuses = {n.status for n in _db.session.scalars(_db.select(Notification))}
    assert statuses == {"not_sent"}
    log = auditor.get("/notifications").get_data(as_text=True)
    assert "Chưa cấu hình máy chủ thư" in log and "1 lỗi chặn mới" in log and "1.001193" in log


def test_the_log_and_the_sender_are_the_offices(app, people):
    editor, auditor = people
    assert editor.get("/notifications").status_code == 403
    assert editor.post("/notifications/send", data={}).status_code == 403
    assert editor.post(f"/audit/units/{UNIT}/follow", data={"on": "1"}).status_code == 403
    anonymous = app.test_client()
    for url in ("/notifications", "/account/notifications"):
        assert anonymous.get(url).status_code == 302  # the login form
    assert anonymous.post("/notifications/send").status_code in (302, 401)
    bad = editor.post("/account/notifications", data={"email": "khong-phai-dia-chi"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.get_data(as_text=True)


def test_commitment_targets_due_soon_or_overdue_are_told_once(smtp, people, runner):
    from datetime import timedelta

    from procedures import services

    editor, auditor = people
    soon, past = TODAY + timedelta(days=5), TODAY - timedelta(days=3)
    year = past.year
    services.commitments.create({
        "unit_code": UNIT, "year": year, "kind": "commitment", "head_name": "Nguyễn Văn Hùng",
        "head_position": "Chủ tịch UBND phường", "signed_on": f"{year}-01-15",
        "targets": [
            {"position": 1, "title": "100% thủ tục có quy trình nội bộ được phê duyệt",
             "indicator": "process", "threshold": 100, "due_on": soon.isoformat()},
            {"position": 2, "title": "Không còn lỗi chặn", "finding": "blocker",
             "max_findings": 0, "due_on": past.isoformat()}]})
    result = runner.invoke(args=["jobs", "notify", "--digest"])  # the daily round (cron)
    assert result.exit_code == 0, result.output
    subjects = [m["Subject"] for m in smtp.to(EDITOR)]
    assert any("sắp đến hạn" in s and f"{soon:%d/%m/%Y}" in s for s in subjects), subjects
    assert any("đã quá hạn" in s and f"{past:%d/%m/%Y}" in s for s in subjects), subjects
    assert len(smtp.to(OFFICE)) == 2  # the office follows the ward
    runner.invoke(args=["jobs", "notify", "--digest"])  # the next day: told once already
    assert len(smtp.to(EDITOR)) == 2
