from django.urls import path, re_path

from cspr.rapid_reviews.views import evidence, returns, review

app_name = "rapid_reviews"

RR = "<str:reference>/rapid-review/"
RETURN = f"{RR}returns/<int:invitation_id>/"

urlpatterns = [
    path(f"{RR}start/", review.StartView.as_view(), name="start"),
    path(RR, review.DetailView.as_view(), name="detail"),
    path(f"{RR}invite/", review.InviteView.as_view(), name="invite"),
    path(f"{RR}recommendation/", review.MeetingView.as_view(), name="meeting"),
    path(f"{RR}immediate-actions/add/", review.ImmediateActionView.as_view(), name="action-add"),
    path(f"{RR}send-to-partners/", review.SendToPartnersView.as_view(), name="send-to-partners"),
    path(f"{RR}decision/", review.DecideView.as_view(), name="decide"),
    path(f"{RR}lateness/", review.LatenessView.as_view(), name="lateness"),
    path(f"{RR}send-to-panel/", review.SendToPanelView.as_view(), name="send-to-panel"),
    path(f"{RR}evidence/cite/", evidence.CiteView.as_view(), name="cite"),
    path(
        f"{RR}evidence/<int:citation_id>/remove/",
        evidence.CitationRemoveView.as_view(),
        name="citation-remove",
    ),
    path(f"{RR}panel-response/", review.PanelResponseView.as_view(), name="panel-response"),
    re_path(
        r"^(?P<reference>[^/]+)/rapid-review/document\.(?P<fmt>docx|pdf)$",
        review.DocumentView.as_view(),
        name="document",
    ),
    path(RETURN, returns.ReturnView.as_view(), name="return"),
    path(f"{RETURN}key-contacts/add/", returns.KeyContactAddView.as_view(), name="contact-add"),
    path(
        f"{RETURN}key-contacts/<int:contact_id>/remove/",
        returns.KeyContactRemoveView.as_view(),
        name="contact-remove",
    ),
    path(f"{RETURN}send-back/", returns.SendBackView.as_view(), name="send-back"),
]
