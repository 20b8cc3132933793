"""Which rows belong to a partnership, found from the models themselves.

Every model of the project is put in one class:

* ``partnership``: the Partnership itself;
* ``partnership_data``: a model with a path of owning foreign keys to Partnership (Case ->
  partnership, RapidReview -> case -> partnership, ...); a row is the partnership's when any of
  its paths leads there. A key that lets its row outlive its target (``SET_NULL``) only refers
  (a Citation of another partnership's published learning) and makes no path;
* ``user``: the User model; the people exported are those any exported row refers to
  (members through their Membership rows, authors, the audit trail's actors);
* ``user_data``: a model with a path of owning foreign keys to User and none to Partnership
  (two-factor devices, for example); the rows of the exported people;
* ``reference``: shared by every partnership of a deployment and matched on import by a
  natural key (:data:`REFERENCE_DATA`);
* ``excluded``: listed in :data:`NOT_PARTNERSHIP_DATA`, with the reason.

A model in no class is *unclassified*; ``tests/backups/test_model_coverage.py`` fails on it,
so a new app's models are either picked up by the walk or looked at by a person.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

PARTNERSHIP = "partnerships.Partnership"

# Shared by every partnership of a deployment: exported whole, and on import matched by these
# fields; a row the target does not have is added.
REFERENCE_DATA: dict[str, tuple[str, ...]] = {
    "learning.Theme": ("slug",),
    "clock.ExtraBankHoliday": ("day",),
}

# Models that are not a partnership's data, with the reason. Labels of apps that are not
# installed are ignored, so an optional app can be listed before it arrives.
NOT_PARTNERSHIP_DATA: dict[str, str] = {
    "contenttypes.ContentType": "Django's list of models; every database builds its own.",
    "auth.Permission": "Django's model permissions; CSPR grants nothing through them.",
    "auth.Group": "Django's groups; CSPR's roles are memberships of a partnership.",
    "accounts.User_groups": "Django's groups; CSPR's roles are memberships of a partnership.",
    "accounts.User_user_permissions": "Django's model permissions; CSPR grants nothing "
    "through them.",
    "auth.Group_permissions": "Django's groups; CSPR's roles are memberships of a partnership.",
    "sessions.Session": "Signed-in sessions: a restore signs everyone out.",
    "axes.AccessAttempt": "The deployment's sign-in lock-outs, by user name and address.",
    "axes.AccessAttemptExpiration": "The deployment's sign-in lock-outs.",
    "axes.AccessFailureLog": "The deployment's log of failed sign-ins.",
    "axes.AccessLog": "The deployment's log of sign-ins.",
    "django_tasks_database.DBTaskResult": "The background task queue: work in progress that "
    "refers to rows by id, not a record.",
    "backups.Restore": "A restore's own record, in the database it restored into; a later "
    "restore records its own.",
    "backups.ChainGap": "A restore's own record of the audit trail's gaps; a later restore "
    "records its own.",
    "core.TaskReceipt": "A background task's proof that its one-off e-mail went, keyed by the "
    "task, not a record of the partnership; the e-mails themselves are not restored either.",
}

Kind = str  # one of the class names in the module docstring, or "unclassified"


@dataclass(frozen=True)
class ModelPlan:
    model: type[models.Model]
    kind: Kind
    paths: tuple[str, ...] = ()  # lookups to Partnership (partnership_data) or User (user_data)
    reason: str = ""

    @property
    def label(self) -> str:
        return str(self.model._meta.label)


def all_models() -> list[type[models.Model]]:
    """Every model with a table of its own, auto-created many-to-many tables included."""
    return [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    """The model's own foreign keys and one-to-one fields (a one-to-one is a foreign key)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is not None
    ]


def target_of(field: models.ForeignKey[models.Model, models.Model]) -> type[models.Model]:
    related = field.related_model
    assert isinstance(related, type)  # noqa: S101 (resolved once apps are ready)
    return related


# A key whose row may outlive its target (emptied or left dangling) only refers to it; every
# other key says what the row belongs to.
REFERRING = (models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING)


def owning_keys(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    """The foreign keys that say what a row belongs to: a Citation belongs to its Rapid Review
    (CASCADE), and only refers to the library item it cites (SET_NULL)."""
    return [f for f in foreign_keys(model) if f.remote_field.on_delete not in REFERRING]


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def paths_to(model: type[models.Model], target: str, *, max_depth: int = 8) -> tuple[str, ...]:
    """Every chain of owning foreign keys from ``model`` to the model labelled ``target``, as
    lookups ("invitation__rapid_review__case__partnership"), shortest first. A chain visits no
    model twice and does not pass through an excluded model."""
    found: list[list[str]] = []

    def walk(current: type[models.Model], path: list[str], seen: set[type[models.Model]]) -> None:
        if len(path) >= max_depth:
            return
        for field in owning_keys(current):
            nxt = target_of(field)
            if nxt._meta.label == target:
                found.append([*path, field.name])
            elif nxt not in seen and nxt._meta.label not in NOT_PARTNERSHIP_DATA:
                walk(nxt, [*path, field.name], seen | {nxt})

    walk(model, [], {model})
    found.sort(key=lambda p: (len(p), p))
    return tuple("__".join(path) for path in found)


@cache
def plans() -> tuple[ModelPlan, ...]:
    """Every model and its class, in the order of ``all_models``."""
    user_label = str(apps.get_model(settings.AUTH_USER_MODEL)._meta.label)
    result = []
    for model in all_models():
        label = str(model._meta.label)
        if label in NOT_PARTNERSHIP_DATA:
            result.append(ModelPlan(model, "excluded", reason=NOT_PARTNERSHIP_DATA[label]))
        elif label in REFERENCE_DATA:
            result.append(ModelPlan(model, "reference"))
        elif label == PARTNERSHIP:
            result.append(ModelPlan(model, "partnership"))
        elif label == user_label:
            result.append(ModelPlan(model, "user"))
        elif not model._meta.managed:
            result.append(ModelPlan(model, "unclassified", reason="not managed by Django"))
        elif partnership_paths := paths_to(model, PARTNERSHIP):
            result.append(ModelPlan(model, "partnership_data", partnership_paths))
        elif user_paths := paths_to(model, user_label):
            result.append(ModelPlan(model, "user_data", user_paths))
        else:
            result.append(ModelPlan(model, "unclassified"))
    return tuple(result)


def unclassified() -> list[ModelPlan]:
    return [plan for plan in plans() if plan.kind == "unclassified"]


def exported_plans() -> list[ModelPlan]:
    """The models whose rows an archive holds, parents before children."""
    wanted = [p for p in plans() if p.kind not in {"excluded", "unclassified"}]
    return insertion_order(wanted)


def insertion_order(wanted: Iterable[ModelPlan]) -> list[ModelPlan]:
    """Parents before the rows that refer to them (Kahn's algorithm; a cycle, which only a
    nullable key can close, is broken where it is met)."""
    by_model = {plan.model: plan for plan in wanted}
    needs = {
        model: {target_of(f) for f in foreign_keys(model) if target_of(f) in by_model} - {model}
        for model in by_model
    }
    ordered: list[ModelPlan] = []
    while needs:
        ready = sorted((m for m, n in needs.items() if not n), key=lambda m: m._meta.label)
        if not ready:  # a cycle: take the model with the fewest unmet parents
            ready = [min(needs, key=lambda m: (len(needs[m]), m._meta.label))]
        for model in ready:
            ordered.append(by_model[model])
            del needs[model]
        for remaining in needs.values():
            remaining.difference_update(ready)
    return ordered


def rows_reaching(plan: ModelPlan, pks: Iterable[int]) -> models.QuerySet[models.Model]:
    """The rows of ``plan``'s model that reach one of the rows ``pks`` (of the model its paths
    end at) along any of its paths."""
    manager = plan.model._base_manager
    wanted = list(pks)
    if not plan.paths or not wanted:
        return manager.none()
    condition = reduce(or_, (Q(**{f"{path}__in": wanted}) for path in plan.paths))
    return manager.filter(condition)
