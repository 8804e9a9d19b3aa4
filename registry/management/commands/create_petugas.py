"""`python manage.py create_petugas USERNAME --role ROLE --wilayah KODE [--wilayah KODE …]`.

For set-up scripts: the password comes from the WKSBM_PASSWORD environment variable, or is asked for.
Running it again for an existing user sets their role and areas to the ones given.
"""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.enums import Role
from registry.services.petugas import petugas_save


class Command(BaseCommand):
    help = _("Membuat atau memperbarui petugas dengan peran dan wilayah kerjanya.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument(
            "--wilayah", action="append", required=True, metavar="KODE", help=_("Kode wilayah kerja (bisa diulang).")
        )

    def handle(self, *args, username, role, wilayah, **options):
        password = os.environ.get("WKSBM_PASSWORD") or self._ask_password()
        try:
            user, created = petugas_save(
                by=None, username=username, role=Role(role), area_codes=wilayah, password=password
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        done = _("Petugas %(username)s dibuat: %(role)s, wilayah %(areas)s.")
        if not created:
            done = _("Petugas %(username)s diperbarui: %(role)s, wilayah %(areas)s.")
        self.stdout.write(done % {"username": user.username, "role": Role(role).label, "areas": ", ".join(wilayah)})

    def _ask_password(self) -> str | None:
        if not os.isatty(0):
            return None
        first = getpass.getpass(_("Kata sandi: "))
        if first != getpass.getpass(_("Ulangi kata sandi: ")):
            raise CommandError(_("Kedua kata sandi tidak sama."))
        return first
