from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "reintegra_coop.work"
    label = "work"
    verbose_name = _("Work")

    def ready(self) -> None:
        from reintegra_coop.core.integrity import register
        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.home import Panel, offer_needs, offer_panel
        from reintegra_coop.people.stages import offer_record_check

        from . import integrity, needs, notices, panels, record_checks

        offer_record_check(record_checks.logged_work)
        offer_panel(
            Panel(frozenset({Role.INSTRUCTOR}), "work/_home_today.html", panels.todays_crew, 10)
        )
        register(integrity.overlapping_logs)
        offer_needs(frozenset({Role.MANAGER, Role.INSTRUCTOR}), needs.needs, order=10)
        register(integrity.day_codes_off_the_programme)
        notices.offer()
