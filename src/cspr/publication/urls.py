"""The publication pages of one review, under
``p/<partnership_slug>/cases/<reference>/review/publication/``."""

from django.urls import path

from cspr.publication import views

app_name = "publication"

urlpatterns = [
    path("", views.PublicationView.as_view(), name="detail"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("copies/<slug:recipient>/", views.CopyView.as_view(), name="copy"),
    path("delays/add/", views.DelayAddView.as_view(), name="delay-add"),
    path("delays/<int:delay_id>/", views.DelayChangeView.as_view(), name="delay-change"),
    path("delays/<int:delay_id>/end/", views.DelayEndView.as_view(), name="delay-end"),
    path("publish/", views.PublishView.as_view(), name="publish"),
    path("do-not-publish/", views.NotPublishView.as_view(), name="not-publish"),
    path("take-down/", views.TakeDownView.as_view(), name="take-down"),
    path("deposit/sent/", views.DepositSentView.as_view(), name="deposit-sent"),
]
