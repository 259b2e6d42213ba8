from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "reintegra_coop.housing"
    label = "housing"
    verbose_name = _("Housing")

    def ready(self) -> None:
        from reintegra_coop.people.onboarding import offer_onboarding_part

        from . import onboarding

        offer_onboarding_part(onboarding.PART)
