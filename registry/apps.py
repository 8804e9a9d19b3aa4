from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registri WKSBM")

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from registry import worklist
        from registry.demo import network as demo_network
        from registry.demo import pemutakhiran as demo_cycle
        from registry.demo import verification as demo_verification
        from registry.history_sources import record_page
        from registry.pemutakhiran import worklist as pemutakhiran_worklist
        from registry.roles import sync_role_groups
        from registry.verification import kinds as verification_kinds
        from registry.verification import worklist as verification_worklist

        # The demo's network (mitra, ties, forums), written by `seed_demo` after the DIY registry.
        demo_network.register()
        # The demo's update cycle (last year's pemutakhiran, over, and this year's, open), after the network.
        demo_cycle.register()
        # After every migrate, when the permissions of new models exist, the role groups get theirs.
        post_migrate.connect(sync_role_groups, dispatch_uid="registry.sync_role_groups")
        # Every change saved on a page names the page in its history.
        pre_create_historical_record.connect(record_page, dispatch_uid="registry.record_page")
        # The registry's own kinds of worklist entries ("Perlu tindakan").
        worklist.register()
        # The network's sections: "Jejaring" on the WKSBM's page (before other apps' sections), in the rekap and in
        # the Profil WKSBM, through the same extension points as other apps'.
        register_network_sections()
        # The update cycle: its worklist kind and the "Pemutakhiran data" section of the WKSBM's page.
        pemutakhiran_worklist.register()
        # The records whose field entries an operator verifies.
        verification_kinds.register_registry_kinds()
        # The verification queue's worklist kinds and the home page's "Verifikasi data".
        verification_worklist.register()
        # The demo's verification queue: the demo penyuluh's entries waiting, one returned.
        demo_verification.register()
        # Notifications: made when a change is sent, items are decided, a period is opened.
        from registry.notifications import receivers as notification_receivers

        notification_receivers.connect()
        # The records that carry documents and photos.
        from registry.attachments import pages as attachment_pages
        from registry.attachments import targets as attachment_targets

        attachment_targets.register_registry_models()
        attachment_pages.register_registry_pages()
        # The API's endpoints of the registry's records (/api/v1/); other apps add theirs the same way.
        from registry.api import endpoints as api_endpoints

        api_endpoints.register()


def register_network_sections() -> None:
    from registry import extensions
    from registry.network import profile as network_profile
    from registry.network import rekap as network_rekap
    from registry.views.jejaring import wksbm_jejaring

    extensions.wksbm_sections.register(
        extensions.WksbmSection(
            key="jejaring",
            title=_("Jejaring"),
            order=50,
            template="registry/network/wksbm_section.html",
            context=wksbm_jejaring,
        )
    )
    extensions.rekap_sections.register(network_rekap.SECTION)
    extensions.profile_sections.register(network_profile.SECTION)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the project's site, on which no save is made over a stale page (see
    `registry.admin_site`). Listed in INSTALLED_APPS in place of `django.contrib.admin`."""

    default = False  # not the registry app's own configuration
    default_site = "registry.admin_site.AdminSite"
