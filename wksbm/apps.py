"""The project package as an app, so that its signal receivers (the security log, signing out) are connected at
start-up."""

from django.apps import AppConfig


class WksbmConfig(AppConfig):
    name = "wksbm"
    verbose_name = "WKSBM"

    def ready(self):
        from wksbm import device_data, security_log

        security_log.connect()
        device_data.connect()
