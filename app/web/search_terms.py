"""The reform office's page for the citizen vocabulary of the search (admins)."""
from flask import flash, redirect, render_template, request, url_for

from app.web.blueprint import bp
from app.web.formdata import form_errors, text
from procedures import services
from procedures.errors import Conflict, ValidationFailed
from procedures.search.lexicon import explain_query, shipped_entries


def _form(form):
    return {"phrase": text(form, "phrase"), "officials": text(form, "officials") or "",
            "note": text(form, "note"), "active": bool(form.get("active"))}


@bp.route("/admin/search-terms")
def search_terms():
    """The office's entries, the shipped ones, and how a query is read with both."""
    services.search_terms.authorize_manage()
    trial = (request.args.get("try") or "").strip()[:256]
    return render_template("admin/search_terms.html", entries=services.search_terms.all(),
                           shipped=shipped_entries(), trial=trial,
                           explained=explain_query(trial) if trial else None)


@bp.route("/admin/search-terms/edit", methods=["GET", "POST"])
def edit_search_term():
    """Add an entry (no ?phrase=) or change one; the phrase itself is its key."""
    services.search_terms.authorize_manage()
    phrase = request.args.get("phrase")
    record = services.search_terms.get(phrase) if phrase else None
    if request.method == "GET":
        data = services.search_terms.serialize(record) if record else {"active": True}
        return _render(record, data, {})
    data = _form(request.form)
    try:
        if record is None:
            record = services.search_terms.create(data)
            flash(f"Đã thêm từ ngữ “{record.phrase}”.", "info")
        else:
            data["phrase"] = record.phrase
            services.search_terms.update((record.phrase,), data)
            flash(f"Đã lưu từ ngữ “{record.phrase}”.", "info")
    except ValidationFailed as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo ở từng ô bên dưới.", "error")
        return _render(record, data, form_errors(exc.errors), 422)
    except Conflict as exc:
        flash(exc.message, "error")
        return _render(record, data, form_errors(exc.errors), 409)
    return redirect(url_for("web.search_terms", **{"try": record.phrase}))


@bp.route("/admin/search-terms/delete", methods=["POST"])
def delete_search_term():
    """Remove an entry of the office (a shipped entry is switched off instead: "Đang dùng")."""
    services.search_terms.authorize_manage()
    phrase = request.form.get("phrase") or ""
    services.search_terms.delete(phrase)
    flash(f"Đã xóa từ ngữ “{phrase}”.", "info")
    return redirect(url_for("web.search_terms"))


def _render(record, data, errors, status=200):
    return render_template(
        "admin/search_term.html", record=record, data=data, errors=errors,
        revisions=services.history("search_term", record.phrase) if record else [],
    ), status
