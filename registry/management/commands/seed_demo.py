"""`python manage.py seed_demo`: the demo account and a believable DI Yogyakarta registry to try locally.

Needs DIY's wilayah (`load_wilayah --provinsi 34`). Idempotent, since `make run` calls it every time: once DIY
holds any WKSBM nothing more is written, and the credentials are printed again. With the DIY registry, the apps
built on it write their demo records (`registry.extensions.demo_seeders`: the penyuluhan of `trainings`).
`--accounts` only prints the demo accounts (`make run` prints them last, right before serving).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from registry import dates, extensions
from registry.demo import diy
from registry.enums import Role
from registry.models import OfficeSettings, profile_of
from registry.services.base import save_validated
from registry.services.petugas import petugas_save

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin-demo-wksbm"
# One account per role, to try what each may do where (username, role, area).
DEMO_PETUGAS = [
    ("operator.gunungkidul", Role.KABUPATEN, "34.03"),
    ("penyuluh.semanu", Role.PENYULUH, "34.03.08"),
    ("pimpinan.diy", Role.PIMPINAN, "34"),
]
# What the printed documents show of each (the signature block): full name, NIP, jabatan. Invented people.
DEMO_PROFILES = {
    DEMO_USERNAME: ("Dra. Endang Wahyuningsih, M.Si.", "196805121994032004", "Kepala Bidang Pemberdayaan Sosial"),
    "operator.gunungkidul": ("Agus Prasetyo, S.Sos.", "198203152009011003", "Pengelola Data Pemberdayaan Sosial"),
    "penyuluh.semanu": ("Sri Rahayu, S.Tr.Sos.", "199107242019032011", "Penyuluh Sosial Ahli Pertama"),
    "pimpinan.diy": ("Drs. Bambang Sutopo, M.M.", "196603101990031005", "Kepala Dinas Sosial"),
}
# The kop surat of the demo office (invented telephone number).
DEMO_OFFICE = {
    "government": "Pemerintah Daerah Daerah Istimewa Yogyakarta",
    "instansi": "Dinas Sosial",
    "address": "Jl. Janti, Banguntapan, Bantul, Daerah Istimewa Yogyakarta",
    "phone": "+62274391234",
    "signing_place": "Yogyakarta",
}
DEMO_PETUGAS_PASSWORD = "petugas-demo-wksbm"


class Command(BaseCommand):
    help = _(
        "Membuat akun admin demo dan data demo DI Yogyakarta (±190 WKSBM dengan pengurus, KPS dan laporan "
        "kegiatan), hanya untuk pengembangan lokal. Membutuhkan wilayah DIY (load_wilayah --provinsi 34). "
        "Aman dijalankan berulang: bila DIY sudah berisi WKSBM, tidak ada yang ditambahkan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts", action="store_true", help=_("Hanya menampilkan akun demo; tidak ada yang ditulis.")
        )

    def handle(self, *args, **options):
        if options["accounts"]:
            self._print_accounts(created=None)
            return
        extra = []
        try:
            with transaction.atomic():
                admin, created = self._demo_admin()
                summary = None if diy.demo_present() else diy.seed_diy(by=admin)
                # The accounts before the apps' demo records: some are written as the demo penyuluh.
                for username, role, area in DEMO_PETUGAS:
                    if not get_user_model().objects.filter(username=username).exists():
                        petugas_save(
                            by=admin, username=username, role=role, area_codes=[area], password=DEMO_PETUGAS_PASSWORD
                        )
                if summary is not None:
                    today = dates.today()
                    extra = [seeder.seed(by=admin, today=today) for seeder in extensions.demo_seeders.values()]
                if summary is not None:
                    _fill_profiles_and_office(by=admin)
        except diy.MissingWilayah as exc:
            raise CommandError(
                _(
                    "Wilayah DI Yogyakarta belum dimuat, tidak ada yang dibuat. "
                    "Jalankan dulu: python manage.py load_wilayah --provinsi 34"
                )
            ) from exc
        if summary is None:
            message = _("Data demo sudah ada (DIY sudah berisi WKSBM); tidak ada yang ditambahkan.")
        else:
            message = _(
                "Data demo DI Yogyakarta dibuat: %(wksbm)s WKSBM, %(pengurus)s pengurus, "
                "%(kps)s KPS (%(memberships)s keanggotaan), %(reports)s laporan kegiatan."
            ) % {
                "wksbm": summary.wksbm,
                "pengurus": summary.pengurus,
                "kps": summary.kps,
                "memberships": summary.memberships,
                "reports": summary.reports,
            }
        self.stdout.write(message)
        for line in extra:
            self.stdout.write(line)
        self._print_accounts(created=created)

    def _print_accounts(self, *, created: bool | None) -> None:
        """The demo accounts, one a line; `created` says whether the admin was made now (None: not said)."""
        if created is None:
            account = _("Akun admin demo: %(username)s / %(password)s")
        elif created:
            account = _("Akun admin demo: %(username)s / %(password)s (baru dibuat)")
        else:
            account = _("Akun admin demo: %(username)s / %(password)s (sudah ada; kata sandinya tidak diubah)")
        self.stdout.write(account % {"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
        for username, role, area in DEMO_PETUGAS:
            self.stdout.write(
                _("Akun %(role)s (%(area)s): %(username)s / %(password)s")
                % {"role": role.label, "area": area, "username": username, "password": DEMO_PETUGAS_PASSWORD}
            )

    def _demo_admin(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user, created


def _fill_profiles_and_office(*, by) -> None:
    """The demo accounts' profiles and the office's kop surat, so that every printed document is complete."""
    users = get_user_model().objects.filter(username__in=DEMO_PROFILES)
    for user in users:
        profile = profile_of(user)
        profile.full_name, profile.nip, profile.jabatan = DEMO_PROFILES[user.username]
        save_validated(profile, by=by)
    office = OfficeSettings.current()
    for field, value in DEMO_OFFICE.items():
        setattr(office, field, value)
    save_validated(office, by=by)
