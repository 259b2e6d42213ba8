from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "reintegra_coop.housing"
    label = "housing"
    verbose_name = _("Housing")

    def ready(self) -> None:
        from reintegra_coop.people.onboarding import offer_onboarding_part
        from reintegra_coop.people.stages import offer_record_check

        from . import onboarding, record_checks

        offer_onboarding_part(onboarding.PART)
        offer_record_check(record_checks.rent_paid)
