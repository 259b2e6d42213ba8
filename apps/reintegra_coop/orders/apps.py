from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "reintegra_coop.orders"
    label = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.home import Panel, offer_needs, offer_panel
        from reintegra_coop.work import sources

        from . import needs, panels, seller, vat_rates
        from .models import ProductionTask

        post_migrate.connect(vat_rates.seed_after_migrate, sender=self)
        checks.register(seller.check_seller, "reintegra", deploy=True)
        sources.offer_tasks(ProductionTask.of_workshop)
        offer_needs(
            frozenset({Role.MANAGER, Role.ACCOUNTANT, Role.INSTRUCTOR}), needs.needs, order=20
        )
        offer_panel(
            Panel(frozenset({Role.ACCOUNTANT}), "orders/_home_invoices.html", panels.invoices, 20)
        )
