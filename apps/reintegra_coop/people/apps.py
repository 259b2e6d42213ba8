from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "reintegra_coop.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from reintegra_coop.core.integrity import register

        from . import integrity

        register(integrity.trainee_logins_with_rights)
