"""The KPS list a kabupaten office sends: one KPS a row, with the WKSBM of its area it belongs to.

The natural key is the wilayah plus the name with case and spaces ignored. `nama_wksbm` names a WKSBM of the
KPS's own desa or of its kecamatan; a different WKSBM than the current one ends the old membership today and
starts the new one; a blank `nama_wksbm` ends a current membership; without the column memberships are left
as they are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lokal.phone import normalize_phone

from registry import dates, wilayah_codes
from registry.enums import WilayahLevel
from registry.imports.common import (
    WILAYAH_COLUMNS,
    WILAYAH_REQUIRED,
    area_resolver,
    create_with_history,
    diff_profile,
    resolve_wilayah,
    shown,
    update_with_history,
    wilayah_instance,
)
from registry.imports.normalize import clean_text, match_reference, parse_int, parse_phone
from registry.imports.plan import Action, ListImport, RowErrors, first_of_each_key
from registry.models import ImportBatch, Kps, KpsKind, KpsMembership, Wksbm
from registry.validators import name_key

PROFILE_COLUMNS = {
    "jenis_kps": ("kind", None, None),
    "ketua_kps": ("leader", clean_text, clean_text),
    "jumlah_anggota": ("member_count", parse_int, None),
    "telepon": ("phone", parse_phone, lambda stored: normalize_phone(stored) or stored),
}
COLUMNS_BY_FIELD = {"name": "nama_kps", "wilayah": "kode_wilayah"} | {
    model_field: column for column, (model_field, _parse, _compare) in PROFILE_COLUMNS.items()
}


@dataclass
class KpsWrites:
    created: list[Kps] = field(default_factory=list)
    updated: list[Kps] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    joined: list[KpsMembership] = field(default_factory=list)
    left: list[KpsMembership] = field(default_factory=list)


class KpsListImport(ListImport):
    """Imports a KPS list for `user`, within their area."""

    kind = ImportBatch.Kind.KPS
    model = Kps
    columns = {
        **WILAYAH_COLUMNS,
        "nama_kps": {"nama", "nama kps", "nama lembaga", "nama kelompok"},
        "jenis_kps": {"jenis", "jenis kps", "jenis lembaga"},
        "nama_wksbm": {"wksbm", "anggota wksbm"},
        "ketua_kps": {"ketua", "nama ketua", "pimpinan"},
        "jumlah_anggota": {"anggota", "jml anggota", "jumlah"},
        "telepon": {"no telepon", "no hp", "hp", "telp", "no telp", "nomor telepon", "kontak"},
    }
    required = ["nama_kps", WILAYAH_REQUIRED]

    def plan_rows(self, rows: list[RowErrors]) -> KpsWrites:
        resolver, names = area_resolver(self.user)
        kinds = {name_key(kind.name): kind for kind in KpsKind.objects.all()}
        parsed = [self._parse(row, resolver, kinds) for row in rows]

        codes = {entry["code"] for entry in parsed if entry}
        existing = {(k.wilayah_id, name_key(k.name)): k for k in Kps.objects.filter(wilayah_id__in=codes)}
        forums = self._forums(codes)
        memberships = {
            m.kps_id: m
            for m in KpsMembership.objects.current().filter(kps__in=list(existing.values())).select_related("wksbm")
        }
        writes = KpsWrites()
        message = _("KPS yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column="nama_kps"):
            stored = existing.get(entry["key"])
            self._plan(row, entry, stored, names, writes)
            if "nama_wksbm" in row.header:
                self._plan_membership(row, entry, stored, forums, memberships, writes)
            if not row.row.errors and row.row.action != Action.NEW:
                row.row.action = Action.CHANGED if row.row.changes else Action.UNCHANGED
        return writes

    def write(self, writes: KpsWrites, batch: ImportBatch) -> None:
        create_with_history(Kps, writes.created, user=self.actor, batch=batch)
        update_with_history(Kps, writes.updated, writes.updated_fields, user=self.actor, batch=batch)
        update_with_history(KpsMembership, writes.left, {"left_on"}, user=self.actor, batch=batch)
        for membership in writes.joined:
            membership.kps_id = membership.kps.pk
        create_with_history(KpsMembership, writes.joined, user=self.actor, batch=batch)

    def _parse(self, row: RowErrors, resolver, kinds) -> dict | None:
        code = resolve_wilayah(row, resolver, self.user, levels=(WilayahLevel.KECAMATAN, WilayahLevel.DESA))
        name = row.cell("nama_kps", clean_text, required=True)
        profile = {
            "kind": row.cell("jenis_kps", lambda v: match_reference(v, kinds, what=_("Jenis KPS"))),
            "leader": row.cell("ketua_kps", clean_text),
            "member_count": row.cell("jumlah_anggota", parse_int),
            "phone": row.cell("telepon", parse_phone),
        }
        forum = row.cell("nama_wksbm", clean_text, default="")
        row.row.values = {"kode_wilayah": code or "", "nama_kps": name or ""}
        if row.row.errors:
            return None
        profile = {f: v for f, v in profile.items() if v is not None}
        return {"key": (code, name_key(name)), "code": code, "name": name, "profile": profile, "forum": forum}

    def _forums(self, codes: set[str]) -> dict[tuple[str, str], Wksbm]:
        """The WKSBM a KPS of `codes` may join (its own wilayah's or its kecamatan's), by (code, name key)."""
        places = codes | {wilayah_codes.parent_of(code) for code in codes if wilayah_codes.level_of(code) == 4}
        return {(w.wilayah_id, name_key(w.name)): w for w in Wksbm.objects.filter(wilayah_id__in=places)}

    def _plan(self, row: RowErrors, entry: dict, stored: Kps | None, names, writes: KpsWrites) -> None:
        plan = row.row
        if stored is None:
            if "kind" not in entry["profile"]:
                row.add(_("wajib diisi untuk KPS baru."), "jenis_kps")
                return
            kps = Kps(name=entry["name"], wilayah=wilayah_instance(entry["code"], names), **entry["profile"])
            plan.action = Action.NEW
            plan.changes = {COLUMNS_BY_FIELD[f]: ("", shown(v)) for f, v in entry["profile"].items()}
            entry["kps"] = kps
        else:
            kps = stored
            kps.wilayah = wilayah_instance(entry["code"], names)
            changed = diff_profile(kps, entry["profile"], PROFILE_COLUMNS, plan)
            writes.updated_fields |= changed.keys()
            entry["kps"] = kps
        row.validate(kps, COLUMNS_BY_FIELD, exclude=["wilayah", "kind"])
        if plan.errors:
            return
        if stored is None:
            writes.created.append(kps)
        elif plan.changes:
            writes.updated.append(kps)

    def _plan_membership(self, row: RowErrors, entry: dict, stored, forums, memberships, writes) -> None:
        """Plans the KPS's membership from `nama_wksbm`: join, move, leave or keep."""
        if row.row.errors:
            return
        current = memberships.get(stored.pk) if stored else None
        wanted = None
        if entry["forum"]:
            code = entry["code"]
            candidates = [code] + ([wilayah_codes.parent_of(code)] if wilayah_codes.level_of(code) == 4 else [])
            key = name_key(entry["forum"])
            wanted = next((forums[(c, key)] for c in candidates if (c, key) in forums), None)
            if wanted is None:
                row.add(
                    _('WKSBM "%(name)s" tidak ada di desa atau kecamatan KPS ini; impor daftar WKSBM lebih dulu.')
                    % {"name": entry["forum"]},
                    "nama_wksbm",
                )
                return
        if (current.wksbm_id if current else None) == (wanted.pk if wanted else None):
            return
        today = dates.today()
        row.row.changes["nama_wksbm"] = (current.wksbm.name if current else "", wanted.name if wanted else "")
        if current:
            current.left_on = today
            writes.left.append(current)
        if wanted:
            writes.joined.append(KpsMembership(kps=entry["kps"], wksbm=wanted, joined_on=today))
