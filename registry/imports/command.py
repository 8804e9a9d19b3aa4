"""The one base of the list import commands (`import_wksbm`, `import_kps`, `import_daftar_hadir`): same pipeline,
same options, same exit codes, same output. A command states its list's importer, and any argument its importer
needs (the attendance list's event) and who may import it."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.imports.errors import ImportRefused
from registry.imports.plan import Action, ListImport
from registry.roles import may_import_lists


class SystemImporter:
    """The importing "user" when no --user is given: a command run by the server's administrator, who may
    import anywhere; history then names no user."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


class ListImportCommand(BaseCommand):
    """Imports one list file. Exit 0 when imported (or importable, with --dry-run) and print the counts;
    exit 1 when refused, printing every reason and writing nothing.

    Subclasses set `list_import_class`; one whose importer needs more than the user adds its arguments (before
    calling `add_arguments`) and overrides `importer`; `may_import` says who may import the list.
    """

    list_import_class: type[ListImport]
    requires_migrations_checks = True

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=_("Berkas .xlsx atau .csv."))
        parser.add_argument("--dry-run", action="store_true", help=_("Periksa saja, jangan simpan."))
        parser.add_argument("--user", help=_("Impor atas nama pengguna ini (dibatasi wilayah kerjanya)."))

    def importer(self, user, **options) -> ListImport:
        """The importer of the list for `user`; `options` are the command's other arguments."""
        return self.list_import_class(user=user)

    def may_import(self, user) -> bool:
        """Whether `user` may import the list (`registry.roles.may_import_lists` on its model)."""
        return may_import_lists(user, self.list_import_class.model)

    def handle(self, *args, path: Path, dry_run: bool, user: str | None, **options):
        importer = self.importer(self._user(user), **options)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibuka: %(problem)s.") % {"path": path, "problem": exc.strerror}
            ) from exc
        try:
            plan, batch = importer.run(data, path.name, dry_run=dry_run)
        except ImportRefused as refused:
            self._refuse(refused.messages)
        if plan.refused:
            self._refuse(plan.errors)
        counts = _("baru %(new)s, berubah %(changed)s, tetap %(unchanged)s") % {
            "new": plan.count(Action.NEW),
            "changed": plan.count(Action.CHANGED),
            "unchanged": plan.count(Action.UNCHANGED),
        }
        if batch is None:
            self.stdout.write(
                _("Pemeriksaan berhasil, tidak ada yang disimpan (--dry-run): %(counts)s.") % {"counts": counts}
            )
        else:
            self.stdout.write(_("Impor #%(batch)s berhasil: %(counts)s.") % {"batch": batch.pk, "counts": counts})

    def _user(self, username: str | None):
        if not username:
            return SystemImporter()
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(_("Pengguna %(username)s tidak ada atau tidak aktif.") % {"username": username}) from exc
        if not self.may_import(user):
            raise CommandError(
                _("Pengguna %(username)s tidak berwenang mengimpor daftar ini.") % {"username": username}
            )
        return user

    def _refuse(self, messages: list[str]):
        for message in messages:
            self.stderr.write(message)
        raise CommandError(
            _("Berkas ditolak (%(count)s masalah); tidak ada yang disimpan.") % {"count": len(messages)}, returncode=1
        )
