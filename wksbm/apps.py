"""The project package as an app, so that its security log receivers are connected at start-up."""

from django.apps import AppConfig


class WksbmConfig(AppConfig):
    name = "wksbm"
    verbose_name = "WKSBM"

    def ready(self):
        from wksbm import security_log

        security_log.connect()
