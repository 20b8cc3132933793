"""Scoping returns: the agency lead writes, saves and submits; the business unit reads and may
return one for changes; the partners read."""

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import FormView

from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit
from cspr.rapid_reviews.forms import KeyContactForm, ScopingReturnForm, SendBackForm
from cspr.rapid_reviews.models import Invitation, KeyContact, ScopingReturn
from cspr.rapid_reviews.selectors import scoping_return_due
from cspr.rapid_reviews.services import scoping
from cspr.rapid_reviews.views.base import ReviewMixin, ServiceFormMixin, review_url
from cspr.rapid_reviews.workflow import return_allowed


class ReturnMixin(ReviewMixin):
    audit_verb = "scoping_return.viewed"
    invitation: Invitation
    scoping_return: ScopingReturn

    def load(self) -> None:
        super().load()
        invitation = next(
            (i for i in self.review.invitations.all() if i.pk == self.kwargs["invitation_id"]),
            None,
        )
        if invitation is None:
            raise Http404
        self.invitation = invitation
        self.scoping_return = invitation.scoping_return

    def get_permission_object(self) -> Model:
        return self.scoping_return

    def audited_object(self) -> Model:
        return self.scoping_return

    def return_url(self) -> str:
        return review_url(self.case, "rapid_reviews:return", invitation_id=self.invitation.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation,
            scoping_return=self.scoping_return,
            return_url=self.return_url(),
        )
        return context


class ReturnView(EditConflictMixin, ReturnMixin, FormView):
    permission_required = "rapid_reviews.read_return"
    template_name = "rapid_reviews/return.html"
    form_class = ScopingReturnForm
    conflict_record = "scoping_return"

    def can_write(self) -> bool:
        return rules.has_perm("rapid_reviews.write_return", self.user, self.scoping_return) and (
            return_allowed(self.scoping_return.state, "save_draft")
        )

    def get_initial(self) -> dict[str, Any]:
        item = self.scoping_return
        initial = {name: getattr(item, name) for name in scoping.RETURN_FIELDS}
        return {**initial, "version": item.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.scoping_return
        context.update(
            title=f"Scoping return: {self.invitation.agency.name}",
            due=scoping_return_due(self.invitation),
            can_write=self.can_write(),
            can_send_back=rules.has_perm("rapid_reviews.send_back_return", self.user, item)
            and return_allowed(item.state, "send_back"),
            key_contacts=list(item.key_contacts.all()),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_write():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: ScopingReturnForm) -> HttpResponse:
        values = {name: form.cleaned_data[name] for name in scoping.RETURN_FIELDS}
        submitting = "submit" in self.request.POST
        service = scoping.scoping_return_submit if submitting else scoping.scoping_return_save
        try:
            service(
                scoping_return=self.scoping_return,
                by=self.user,
                values=values,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        if submitting:
            messages.success(self.request, "Scoping return sent. It is now locked.")
        else:
            messages.success(self.request, "Draft saved. You can come back to it.")
        return HttpResponseRedirect(self.return_url())


class KeyContactAddView(ServiceFormMixin, ReturnMixin, FormView):
    permission_required = "rapid_reviews.write_return"
    template_name = "core/form_page.html"
    form_class = KeyContactForm
    success_message = "Key contact added."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="Add a key contact", cancel_url=self.return_url(), **kwargs
        )

    def done_url(self) -> str:
        return self.return_url()

    def run(self, form: Any) -> None:
        scoping.key_contact_add(
            scoping_return=self.scoping_return, by=self.user, values=form.cleaned_data
        )


class KeyContactRemoveView(ReturnMixin, FormView):
    permission_required = "rapid_reviews.write_return"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        contact = KeyContact.objects.filter(
            scoping_return=self.scoping_return, pk=self.kwargs["contact_id"]
        ).first()
        if contact is None:
            raise Http404
        try:
            scoping.key_contact_remove(contact=contact, by=self.user)
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(self.return_url())


class SendBackView(ServiceFormMixin, ReturnMixin, FormView):
    permission_required = "rapid_reviews.send_back_return"
    template_name = "core/form_page.html"
    form_class = SendBackForm
    success_message = "Returned to the agency for changes. Its leads have been told."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Return {self.invitation.agency.name}'s scoping return for changes", **kwargs
        )

    def run(self, form: Any) -> None:
        scoping.scoping_return_send_back(
            scoping_return=self.scoping_return, by=self.user, reason=form.cleaned_data["reason"]
        )
