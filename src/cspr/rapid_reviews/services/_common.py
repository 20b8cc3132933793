from cspr.rapid_reviews.models import RapidReview


def locked(rapid_review: RapidReview) -> RapidReview:
    """Re-read the review under a row lock, so two people acting at once are serialised and
    the workflow guard sees the latest state."""
    return (
        RapidReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=rapid_review.pk)
    )


def bump(rapid_review: RapidReview, *fields: str) -> None:
    rapid_review.version += 1
    rapid_review.save(update_fields=[*fields, "version", "updated_at"])
