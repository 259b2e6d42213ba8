from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "reintegra_coop.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import roles, sessions

        # Groups and their permissions follow the table in roles.py after every migrate.
        post_migrate.connect(roles.sync_groups_after_migrate, sender=self)
        user_logged_in.connect(sessions.start_idle_clock, dispatch_uid="idle_clock")
