"""Domain-free model pieces."""

from typing import Any

from django.db import models

from cspr.core.errors import StaleEdit


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record people edit: ``version`` goes up on every save made through
    :func:`save_versioned`, so a second editor working from an older version is refused."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


def save_versioned(
    instance: VersionedModel, *, expected_version: int, fields: list[str]
) -> VersionedModel:
    """Save ``fields`` only if nobody saved the row since ``expected_version`` was read.

    One conditional UPDATE, so two concurrent saves cannot both succeed.
    """
    model = type(instance)
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=expected_version + 1, updated_at=models.functions.Now()
    )
    if updated != 1:
        raise StaleEdit(
            "Someone else saved this record after you opened it. "
            "Your changes have not been saved: check the latest version below and try again."
        )
    instance.version = expected_version + 1
    return instance


class TaskReceipt(models.Model):
    """A background task's proof that it did its one-off work (an e-mail about an event), so
    that running it again (a retry, a duplicate) does nothing: ``core.tasks.do_once``."""

    key = models.CharField(max_length=200, unique=True)
    done_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
