"""Background tasks run at least once and may run again (a retry after a failure, a duplicate
from a worker that died mid-task): each must do its work once.

* Work keyed by a record's state is idempotent by itself: reminders claim their row with a
  conditional UPDATE in the same transaction as the sending, text extraction re-reads the row
  and skips a file already read.
* One-off work about an event (the e-mail telling the business unit of a referral) goes
  through :func:`do_once` with a key naming the event: a receipt is written in the same
  transaction as the work, so a second run finds it and does nothing, and work that fails
  leaves no receipt, so a retry does it.

Failed tasks are retried by ``manage.py retry_failed_tasks`` (run it from cron every few
minutes beside the worker): the database backend has no retries of its own."""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from cspr.core.models import TaskReceipt


@transaction.atomic
def do_once(key: str, work: Callable[[], object]) -> bool:
    """Do ``work`` unless it was done for ``key``; ``True`` if it was done now. The receipt
    and the work commit together: if the work raises, there is no receipt and a retry does it.
    Two runs at once: the second waits for the first's receipt and then does nothing."""
    try:
        with transaction.atomic():
            TaskReceipt.objects.create(key=key[:200])
    except IntegrityError:
        return False
    work()
    return True
