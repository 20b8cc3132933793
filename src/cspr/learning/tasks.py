"""Background work for the library: reading the text of files, one task a file. Tasks take ids
and call a service, which re-reads the row (running one twice does nothing the second time)."""

from django.tasks import task

from cspr.learning.services import published, uploads


@task()
def read_uploaded_file(*, upload_id: int) -> str:
    record = uploads.upload_read(upload_id=upload_id)
    return record.status if record is not None else "skipped"


@task()
def read_published_report(*, item_id: int) -> bool:
    return published.published_text_read(item_id=item_id) is not None
