"""Pages of action plans (ACTIONS): the plan as a whole, its recommendations and actions, and
the partnership's list of actions."""

from cspr.actions.views.actions import (
    ActionAddView,
    ActionDetailView,
    ActionEditView,
    ActionRemoveView,
    ActionUpdateView,
    EvidenceDownloadView,
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
from cspr.actions.views.recommendations import (
    BringInView,
    RecommendationAddView,
    RecommendationDetailView,
    RecommendationEditView,
    RecommendationRemoveView,
)

__all__ = [
    "ActionAddView",
    "ActionDetailView",
    "ActionEditView",
    "ActionListView",
    "ActionRemoveView",
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
    "RecommendationRemoveView",
    "SignOffView",
]
