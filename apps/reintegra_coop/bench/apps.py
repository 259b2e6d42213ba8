from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    name = "reintegra_coop.bench"
    label = "bench"
    verbose_name = _("Bench")

    def ready(self) -> None:
        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.home import Panel, offer_panel

        from . import jobs_status

        offer_panel(
            Panel(frozenset({Role.MANAGER}), "core/_home_jobs.html", jobs_status.context, 90)
        )
