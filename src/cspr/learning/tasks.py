"""Background work for the library: reading the text of files, one task a file. Tasks take ids
and call a service, which re-reads the row (running one twice does nothing the second time)."""

from django.tasks import task

from cspr.learning import services


@task()
def read_uploaded_file(*, upload_id: int) -> str:
    record = services.upload_read(upload_id=upload_id)
    return record.status if record is not None else "skipped"


@task()
def read_published_report(*, item_id: int) -> bool:
    return services.published_text_read(item_id=item_id) is not None
