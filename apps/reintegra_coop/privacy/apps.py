from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "reintegra_coop.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from reintegra_coop.core.consents import offer_sharing_check
        from reintegra_coop.core.disclosure import disclosed, disclosed_together
        from reintegra_coop.core.notifications import offer_notice
        from reintegra_coop.people.facts import offer_trainee_links

        from .consents import STILL_DEDUCTING, sharing_consent_in_force, still_deducting_text
        from .disclosures import log_disclosure, log_disclosures_together
        from .links import data_protection_links

        disclosed.connect(log_disclosure, dispatch_uid="privacy.disclosure_log")
        disclosed_together.connect(log_disclosures_together, dispatch_uid="privacy.together")
        offer_trainee_links(data_protection_links)
        offer_notice(STILL_DEDUCTING, still_deducting_text)
        offer_sharing_check(sharing_consent_in_force)
