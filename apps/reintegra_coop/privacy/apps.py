from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "reintegra_coop.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from reintegra_coop.core.disclosure import disclosed
        from reintegra_coop.people.facts import offer_trainee_links

        from .disclosures import log_disclosure
        from .links import data_protection_links

        disclosed.connect(log_disclosure, dispatch_uid="privacy.disclosure_log")
        offer_trainee_links(data_protection_links)
