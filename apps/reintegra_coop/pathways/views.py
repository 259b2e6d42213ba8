"""Partner organisations (with contacts and agreements) and referrals: managers and care
workers. A care worker refers only the trainees of their caseload (the trainee list is
scoped), and a referral to a partner needs the trainee's consent (referrals.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.scoping import scope

from . import referrals
from .form_errors import flash_errors, show_refusal
from .forms import AgreementForm, AnswerForm, ContactForm, OrganisationForm, ReferralForm
from .models import (
    PATHWAY_ROLES,
    Agreement,
    Contact,
    OpeningStatus,
    Organisation,
    OrganisationKind,
    Referral,
)
from .scoping import visible_placements


@require_role(*PATHWAY_ROLES)
def organisations(request: HttpRequest) -> HttpResponseBase:
    kind = request.GET.get("kind", "")
    rows = scope(Organisation.objects.all(), request.user).annotate(
        open_openings=Count("openings", filter=Q(openings__status=OpeningStatus.OPEN))
    )
    if kind in OrganisationKind.values:
        rows = rows.filter(kind=kind)
    context = {"rows": rows, "kinds": OrganisationKind.choices, "kind": kind}
    return render(request, "pathways/organisations.html", context)


@require_role(*PATHWAY_ROLES)
def organisation_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    found = scope(Organisation.objects.all(), request.user)
    organisation = get_object_or_404(found, pk=pk) if pk is not None else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("The partner is saved."))
        return redirect("pathways:organisation", saved.pk)
    return render(request, "pathways/form.html", {"form": form, "title": _("Partner organisation")})


@require_role(*PATHWAY_ROLES)
def organisation(request: HttpRequest, pk: int) -> HttpResponseBase:
    partner = get_object_or_404(scope(Organisation.objects.all(), request.user), pk=pk)
    context = {
        "partner": partner,
        "contacts": partner.contacts.all(),
        "agreements": partner.agreements.all(),
        "openings": partner.openings.all(),
        "referrals": scope(
            Referral.objects.filter(organisation=partner), request.user
        ).select_related("trainee"),
        "placements": visible_placements(request.user).filter(employer=partner),
        "contact_form": ContactForm(),
        "agreement_form": AgreementForm(),
    }
    return render(request, "pathways/organisation.html", context)


@require_POST
@require_role(*PATHWAY_ROLES)
def add_contact(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _add(request, pk, ContactForm, Contact, _("The contact is added."))


@require_POST
@require_role(*PATHWAY_ROLES)
def add_agreement(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _add(request, pk, AgreementForm, Agreement, _("The agreement is added."))


def _add(
    request: HttpRequest, pk: int, form_class: type, model: type, done: str
) -> HttpResponseBase:
    partner = get_object_or_404(scope(Organisation.objects.all(), request.user), pk=pk)
    form = form_class(request.POST, instance=model(organisation=partner))
    if form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, done)
    else:
        flash_errors(request, form)
    return redirect("pathways:organisation", partner.pk)


@require_role(*PATHWAY_ROLES)
def referral_list(request: HttpRequest) -> HttpResponseBase:
    rows = scope(Referral.objects.all(), request.user).select_related(
        "trainee", "organisation", "opening"
    )
    return render(request, "pathways/referrals.html", {"rows": rows})


@require_role(*PATHWAY_ROLES)
def new_referral(request: HttpRequest) -> HttpResponseBase:
    initial = {
        key: request.GET[key]
        for key in ("trainee", "opening", "organisation")
        if key in request.GET
    }
    form = ReferralForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referrals.refer(form.save(commit=False), request.user)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The referral is recorded."))
            return redirect("pathways:referrals")
    return render(request, "pathways/form.html", {"form": form, "title": _("Referral")})


@require_role(*PATHWAY_ROLES)
def answer_referral(request: HttpRequest, pk: int) -> HttpResponseBase:
    referral = get_object_or_404(scope(Referral.objects.all(), request.user), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral.record_answer(
                form.cleaned_data["answer"],
                form.cleaned_data["answered_on"],
                form.cleaned_data["answer_note"],
                request.user,
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect("pathways:referrals")
    title = _("Answer to the referral of %(trainee)s") % {"trainee": referral.trainee.full_name}
    return render(request, "pathways/form.html", {"form": form, "title": title})
