from django.urls import path

from cspr.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.PartnershipHomeView.as_view(), name="home"),
    path("agencies/", views.AgencyListView.as_view(), name="agencies"),
    path("agencies/add/", views.AgencyFormView.as_view(), name="agency-add"),
    path("agencies/<int:agency_id>/", views.AgencyFormView.as_view(), name="agency-edit"),
    path("people/", views.PeopleListView.as_view(), name="people"),
    path("people/add/", views.PersonAddView.as_view(), name="person-add"),
    path("people/<int:membership_id>/", views.MembershipEditView.as_view(), name="membership-edit"),
    path(
        "people/<int:membership_id>/end/", views.MembershipEndView.as_view(), name="membership-end"
    ),
    path(
        "people/<int:membership_id>/two-factor-reset/",
        views.TwoFactorResetView.as_view(),
        name="two-factor-reset",
    ),
]
