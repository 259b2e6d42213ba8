from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "reintegra_coop.work"
    label = "work"
    verbose_name = _("Work")

    def ready(self) -> None:
        from reintegra_coop.core.integrity import register

        from . import integrity

        register(integrity.overlapping_logs)
        register(integrity.day_codes_off_the_programme)
