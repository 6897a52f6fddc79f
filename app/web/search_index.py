"""This node's search index: its size and a rebuild, run as a job on this node (admins)."""
from flask import flash, redirect, render_template, url_for

from app.web.blueprint import bp
from app.web.jobs import job_view, to_job_page
from jobs import submit
from procedures.errors import ServiceError
from procedures.search import get_sync
from procedures.services import jobs as store


@bp.route("/admin/search-index")
def search_index():
    """How many procedures this node's index holds; the last rebuild and its progress."""
    store.authorize_rebuild()
    last = store.latest("search_rebuild")
    return render_template("admin/search_index.html", documents=get_sync().index.doc_count(),
                           last=job_view(last) if last else None)


@bp.route("/admin/search-index/rebuild", methods=["POST"])
def search_index_rebuild():
    """Rebuild this node's index from the database in the background (one at a time)."""
    try:
        job = submit("search_rebuild", {"procs": 1})
    except ServiceError as exc:
        if exc.status in (401, 403):
            raise
        flash(exc.message, "error")
        return redirect(url_for("web.search_index"))
    return to_job_page(job)
