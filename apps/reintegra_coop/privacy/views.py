"""A trainee's data-protection page (consents, legal holds, the subject-access export) and the
disclosure log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.models import Trainee
from reintegra_coop.people.scoping import visible_trainees

from .consents import record_withdrawal, rent_deduction_coverage
from .disclosures import disclosures_of, document_name
from .forms import ConsentForm, ExportForm, LegalHoldForm, WithdrawalForm
from .models import Consent, LegalHold
from .permissions import exports_care_data, may_export
from .subject_access import export_filename, export_zip

STAFF = (Role.MANAGER, Role.CARE_WORKER)


def _trainee(request: HttpRequest, pk: int) -> Trainee:
    return get_object_or_404(visible_trainees(request.user), pk=pk)


@require_role(*STAFF)
def trainee_page(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = _trainee(request, pk)
    consents = list(Consent.objects.filter(trainee=trainee).select_related("created_by"))
    is_manager = role_of(request.user) == Role.MANAGER
    context = {
        "trainee": trainee,
        "consents": consents,
        "consent_form": ConsentForm(),
        "today": timezone.localdate().isoformat(),
        "coverage": rent_deduction_coverage(trainee, consents),
        "may_export": may_export(request.user),
        "with_care": exports_care_data(request.user, trainee),
        "export_form": ExportForm(),
        "holds": LegalHold.objects.filter(trainee=trainee) if is_manager else None,
        "hold_form": LegalHoldForm() if is_manager else None,
    }
    return render(request, "privacy/trainee_privacy.html", context)


@require_POST
@require_role(*STAFF)
def record_consent(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = _trainee(request, pk)
    form = ConsentForm(request.POST, instance=Consent(trainee=trainee))
    if form.is_valid():
        consent = form.save(commit=False)
        consent.stamp(request.user)
        consent.save()
        messages.success(request, _("The consent is recorded."))
    else:
        messages.error(request, _("The consent was not recorded: %(why)s") % {"why": _why(form)})
    return redirect("privacy:trainee", trainee.pk)


@require_POST
@require_role(*STAFF)
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponseBase:
    consent = get_object_or_404(scope(Consent.objects.all(), request.user), pk=pk)
    form = WithdrawalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_why(form))
        record_withdrawal(consent, form.cleaned_data["withdrawn_on"], request.user)
        messages.success(request, _("The consent is withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("privacy:trainee", consent.trainee_id)


@require_POST
@require_role(*STAFF)
def export(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The subject-access export: managers, and care leads (with the care records)."""
    if not may_export(request.user):
        raise PermissionDenied
    trainee = _trainee(request, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say for whom the export is, or what for."))
        return redirect("privacy:trainee", trainee.pk)
    archive = export_zip(trainee, request.user, form.cleaned_data["recipient"])
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(trainee)}"'
    return response


@require_POST
@require_role(Role.MANAGER)
def place_legal_hold(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = _trainee(request, pk)
    form = LegalHoldForm(request.POST, instance=LegalHold(trainee=trainee))
    if form.is_valid():
        hold = form.save(commit=False)
        hold.stamp(request.user)
        hold.save()
        messages.success(request, _("The legal hold is in place: nothing is pseudonymised."))
    else:
        messages.error(request, _("Give the reason for the legal hold."))
    return redirect("privacy:trainee", trainee.pk)


@require_POST
@require_role(Role.MANAGER)
def lift_legal_hold(request: HttpRequest, pk: int) -> HttpResponseBase:
    hold = get_object_or_404(LegalHold.objects.filter(lifted_at__isnull=True), pk=pk)
    hold.lift(request.user)
    messages.success(request, _("The legal hold is lifted."))
    return redirect("privacy:trainee", hold.trainee_id)


@require_role(Role.MANAGER)
def disclosure_log(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("trainee", "")
    trainee_id = int(chosen) if chosen.isdigit() else None
    rows = list(disclosures_of(trainee_id)[:500])
    for row in rows:
        row.disclosed_at = timezone.localtime(row.disclosed_at)
    trainees = Trainee.objects.by_name().only("pk", "first_name", "last_name")
    return render(
        request,
        "privacy/disclosure_log.html",
        {"rows": rows, "trainees": trainees, "chosen": trainee_id, "document_name": document_name},
    )


def _why(form: ConsentForm | WithdrawalForm) -> str:
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(error) for error in errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)
