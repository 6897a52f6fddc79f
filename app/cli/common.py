"""What every command group shares: service errors as JSON, a progress bar on stderr."""
import json
import sys

import click

from procedures.errors import ServiceError


def fail(exc: ServiceError):
    """Print a service error as JSON on stderr and exit 1."""
    click.echo(json.dumps(exc.to_dict(), ensure_ascii=False, indent=2), err=True)
    sys.exit(1)


class Progress:
    """A progress bar on stderr, shown only when there are at least `threshold` steps."""

    def __init__(self, label, threshold):
        self.label, self.threshold = label, threshold
        self.bar = None

    def __call__(self, total):
        """Start the bar for `total` steps; returns its update callback (None when too few)."""
        if total < self.threshold:
            return None
        self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
        self.bar.__enter__()
        return self.bar.update

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
