"""Reads for the learning library: the public's (only what is public) and the business unit's
(its own partnership's items and batches)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from cspr.learning.models import (
    ItemTheme,
    LearningItem,
    Theme,
    UploadBatch,
    UploadedFile,
    UploadStatus,
)
from cspr.learning.search import confirmed_themes
from cspr.partnerships.models import Partnership


def public_item(item_id: int) -> LearningItem | None:
    """A public item with its confirmed themes and, for a partnership's own review, its
    published report (a report taken down is withdrawn from the library with it)."""
    return (
        LearningItem.objects.public()
        .filter(pk=item_id)
        .select_related("partnership", "published_report")
        .prefetch_related(confirmed_themes())
        .first()
    )


@dataclass(frozen=True)
class FilterOptions:
    years: list[int]
    sources: list[str]
    themes: list[Theme]


def filter_options() -> FilterOptions:
    """What the public search page offers to filter by: only values some public item has."""
    public = LearningItem.objects.public()
    years = sorted(
        {year for year in public.values_list("year", flat=True).distinct() if year}, reverse=True
    )
    sources = sorted(set(public.values_list("source_name", flat=True).distinct()) - {""})
    themes = list(
        Theme.objects.filter(
            item_themes__confirmed_at__isnull=False, item_themes__item__is_public=True
        )
        .distinct()
        .order_by("facet", "position", "name")
    )
    return FilterOptions(years=years, sources=sources, themes=themes)


def partnership_items(partnership: Partnership) -> QuerySet[LearningItem]:
    """The partnership's items, drafts first, then newest."""
    return (
        LearningItem.objects.filter(partnership=partnership)
        .prefetch_related(confirmed_themes())
        .order_by("is_public", "-created_at", "-pk")
    )


def item_for(partnership: Partnership, item_id: int) -> LearningItem | None:
    """One of the partnership's items (another partnership's id finds nothing)."""
    return (
        LearningItem.objects.filter(partnership=partnership, pk=item_id)
        .select_related("partnership", "published_report", "uploaded_file")
        .prefetch_related(
            Prefetch(
                "item_themes",
                queryset=ItemTheme.objects.select_related("theme", "confirmed_by"),
                to_attr="all_themes",
            )
        )
        .first()
    )


def batch_list(partnership: Partnership) -> QuerySet[UploadBatch]:
    return (
        UploadBatch.objects.filter(partnership=partnership)
        .select_related("uploaded_by")
        .annotate(
            total=Count("files"),
            queued=Count("files", filter=Q(files__status=UploadStatus.QUEUED)),
            failed=Count("files", filter=Q(files__status=UploadStatus.FAILED)),
        )
    )


def batch_for(partnership: Partnership, batch_id: int) -> UploadBatch | None:
    return (
        UploadBatch.objects.filter(partnership=partnership, pk=batch_id)
        .select_related("uploaded_by", "partnership")
        .first()
    )


@dataclass(frozen=True)
class BatchProgress:
    files: list[UploadedFile]
    total: int
    done: int
    failed: int

    @property
    def queued(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def finished(self) -> bool:
        return self.done == self.total


def batch_progress(batch: UploadBatch) -> BatchProgress:
    files = list(batch.files.select_related("item").order_by("pk"))
    done = sum(1 for f in files if f.status != UploadStatus.QUEUED)
    failed = sum(1 for f in files if f.status == UploadStatus.FAILED)
    return BatchProgress(files=files, total=len(files), done=done, failed=failed)
