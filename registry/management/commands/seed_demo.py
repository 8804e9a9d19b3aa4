"""`python manage.py seed_demo`: the demo account for trying the registry locally.

Idempotent: a second run changes nothing and prints the same credentials.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin-demo-wksbm"


class Command(BaseCommand):
    help = "Membuat akun admin demo (hanya untuk pengembangan lokal)."

    def handle(self, *args, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        self.stdout.write(
            f"Akun admin demo: {DEMO_USERNAME} / {DEMO_PASSWORD}"
            + (" (baru dibuat)" if created else " (sudah ada; kata sandinya tidak diubah)")
        )
