"""Writes about the vocabulary of themes: add, change, and bring the seeded cues up to date.

Themes are one vocabulary for the whole deployment, so the audit events they write belong to
no partnership. Each function runs in one transaction and writes its audit event. A theme has
no version number: a second editor working from an older copy is refused by comparing the time
it was last saved (``updated_at``), in one conditional UPDATE.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from cspr.accounts.models import User
from cspr.audit.models import AuditEvent
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError, StaleEdit
from cspr.learning.models import Facet, Theme
from cspr.learning.suggestions import cue_pattern
from cspr.learning.vocabulary import SEED

THEME_FIELDS = ("facet", "name", "description", "cues", "is_active")
CUE_MAX_LENGTH = 100
STALE_MESSAGE = (
    "Someone else saved this theme after you opened it. Your changes have not been saved: "
    "check the theme as it is now and make your changes again."
)


def clean_cues(cues: str) -> str:
    """One cue a line, trimmed, without blank lines or repeats (ignoring case); refused if a cue
    is too long or has no letter or figure in it."""
    kept: list[str] = []
    seen: set[str] = set()
    for line in cues.splitlines():
        cue = " ".join(line.split())
        if not cue or cue.lower() in seen:
            continue
        if len(cue) > CUE_MAX_LENGTH:
            raise DomainError(
                f"Each word or phrase must be {CUE_MAX_LENGTH} characters or fewer: "
                f"shorten “{cue[:30]}…”.",
                field="cues",
            )
        if not any(char.isalnum() for char in cue) or cue_pattern(cue) is None:
            raise DomainError(
                f"“{cue}” has no letters or figures, so it cannot be found in a text.",
                field="cues",
            )
        seen.add(cue.lower())
        kept.append(cue)
    return "\n".join(kept)


def _clean(values: dict[str, Any], *, theme: Theme | None = None) -> dict[str, Any]:
    cleaned = dict(values)
    cleaned["name"] = " ".join(str(values["name"]).split())
    cleaned["description"] = str(values.get("description", "")).strip()
    cleaned["cues"] = clean_cues(str(values.get("cues", "")))
    if cleaned["facet"] not in Facet.values:
        raise DomainError("Choose the facet the theme belongs to.", field="facet")
    same_name = Theme.objects.annotate(lower_name=Lower("name")).filter(
        lower_name=cleaned["name"].lower()
    )
    if theme is not None:
        same_name = same_name.exclude(pk=theme.pk)
    if same_name.exists():
        raise DomainError("There is already a theme with that name.", field="name")
    return cleaned


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "theme"
    slug, number = base, 1
    while Theme.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def theme_create(*, by: User, **values: Any) -> Theme:
    """Add a theme to the vocabulary, at the end of its facet."""
    cleaned = _clean(values)
    last = Theme.objects.filter(facet=cleaned["facet"]).aggregate(last=Max("position"))["last"]
    theme = Theme.objects.create(
        slug=_unique_slug(cleaned["name"]), position=(last or 0) + 1, **cleaned
    )
    audit_record(by=by, verb="theme.created", obj=theme, data={"fields": sorted(cleaned)})
    return theme


@transaction.atomic
def theme_update(
    *, theme: Theme, by: User, expected_updated_at: dt.datetime, **values: Any
) -> Theme:
    """Change a theme's facet, name, description, cues or whether it is in use.

    Refused with :class:`StaleEdit` if the theme was saved since ``expected_updated_at``."""
    cleaned = _clean(values, theme=theme)
    changed = sorted(name for name, value in cleaned.items() if getattr(theme, name) != value)
    if cleaned["facet"] != theme.facet:
        last = Theme.objects.filter(facet=cleaned["facet"]).aggregate(last=Max("position"))
        cleaned["position"] = (last["last"] or 0) + 1
    # Strictly later than the copy the editor opened, even if the clock has not moved.
    saved_at = max(timezone.now(), expected_updated_at + dt.timedelta(microseconds=1))
    updated = Theme.objects.filter(pk=theme.pk, updated_at=expected_updated_at).update(
        **cleaned, updated_at=saved_at
    )
    if updated != 1:
        raise StaleEdit(STALE_MESSAGE)
    theme.refresh_from_db()
    audit_record(by=by, verb="theme.changed", obj=theme, data={"fields": changed})
    return theme


@dataclass
class CueSync:
    """What :func:`theme_cues_sync` did, by slug."""

    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_renamed: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _cues_edited_by_people(theme_ids: list[int]) -> set[int]:
    """Themes whose cues someone changed through the theme pages (from the audit trail)."""
    events = AuditEvent.objects.filter(
        verb="theme.changed",
        object_type=Theme._meta.label_lower,
        object_id__in=[str(pk) for pk in theme_ids],
    ).values_list("object_id", "data")
    return {int(object_id) for object_id, data in events if "cues" in data.get("fields", [])}


@transaction.atomic
def theme_cues_sync(*, by: User | None = None) -> CueSync:
    """Bring the cues of the seeded themes up to date with ``vocabulary.SEED``.

    A database made before the cues were last tuned keeps the old ones, since migration 0002
    ran then. This updates them, but only for themes still as seeded: a theme an administrator
    added, renamed, or whose cues someone changed on the theme pages is left alone."""
    report = CueSync()
    themes = {t.slug: t for t in Theme.objects.filter(slug__in=[s.slug for s in SEED])}
    edited = _cues_edited_by_people([t.pk for t in themes.values()])
    for seed in SEED:
        theme = themes.get(seed.slug)
        cues = "\n".join(seed.cues)
        if theme is None:
            report.missing.append(seed.slug)
        elif theme.name != seed.name:
            report.kept_renamed.append(seed.slug)
        elif theme.pk in edited:
            report.kept_edited.append(seed.slug)
        elif theme.cues == cues:
            report.unchanged.append(seed.slug)
        else:
            saved_at = max(timezone.now(), theme.updated_at + dt.timedelta(microseconds=1))
            Theme.objects.filter(pk=theme.pk).update(cues=cues, updated_at=saved_at)
            report.updated.append(seed.slug)
    if report.updated:
        audit_record(by=by, verb="themes.cues_synced", data={"themes": report.updated})
    return report
