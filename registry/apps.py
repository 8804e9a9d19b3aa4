from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registri WKSBM")

    def ready(self):
        from registry.roles import sync_role_groups

        # After every migrate, when the permissions of new models exist, the role groups get theirs.
        post_migrate.connect(sync_role_groups, dispatch_uid="registry.sync_role_groups")
