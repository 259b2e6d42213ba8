from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DayField
from reintegra_coop.people.models import Workshop

from .models import Customer, Order, OrderKind, OrderStatus


class PlausibleDateFilter(django_filters.DateFilter):
    field_class = DayField


class OrderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrderStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrderKind.choices)
    workshop = django_filters.ModelChoiceFilter(
        label=_("Workshop"), queryset=Workshop.objects.all(), method="in_workshop"
    )
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=Customer.objects.all()
    )
    due_after = PlausibleDateFilter(
        label=_("Due from"),
        field_name="due_on",
        lookup_expr="gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    due_before = PlausibleDateFilter(
        label=_("Due until"),
        field_name="due_on",
        lookup_expr="lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Order
        fields: list[str] = []

    def search(self, queryset: QuerySet[Order], name: str, value: str) -> Any:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def in_workshop(self, queryset: QuerySet[Order], name: str, value: Workshop | None) -> Any:
        return queryset.for_workshop(value) if value else queryset  # type: ignore[attr-defined]
