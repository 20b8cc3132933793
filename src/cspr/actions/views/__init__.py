"""Pages of action plans (ACTIONS): the plan as a whole, its recommendations and actions, and
the partnership's list of actions."""

from cspr.actions.views.items import (
    ActionAddView,
    ActionDetailView,
    ActionEditView,
    ActionUpdateView,
    BringInView,
    EvidenceDownloadView,
    RecommendationAddView,
    RecommendationDetailView,
    RecommendationEditView,
)
from cspr.actions.views.lists import ActionListView
from cspr.actions.views.plan import (
    ImpactReviewView,
    PlanCloseView,
    PlanDetailView,
    PlanExportView,
    PlanReopenView,
    PlanStartView,
    SignOffView,
)

__all__ = [
    "ActionAddView",
    "ActionDetailView",
    "ActionEditView",
    "ActionListView",
    "ActionUpdateView",
    "BringInView",
    "EvidenceDownloadView",
    "ImpactReviewView",
    "PlanCloseView",
    "PlanDetailView",
    "PlanExportView",
    "PlanReopenView",
    "PlanStartView",
    "RecommendationAddView",
    "RecommendationDetailView",
    "RecommendationEditView",
    "SignOffView",
]
