"""Background jobs: what each kind of job runs, and how it reaches a worker.

`submit()` records the job (procedures.services.jobs: the row is the truth for its state) and
hands it to the configured backend: `sync` (in the caller, as before), `thread` (a thread of this
process: the embedded default, nothing to install) or `rq` (RQ on Redis: `flask jobs worker`).
"""
from jobs.runner import perform, submit

__all__ = ["perform", "submit"]
