"""The network of the DI Yogyakarta demo (`seed_demo`): mitra around the demo WKSBM with their contact people,
the WKSBM's ties (active and ended, most on an MoU or PKS, a few between two WKSBM), fund lines naming the mitra
they came from and aid lines referred to one, and the Forum Komunikasi WKSBM Kabupaten Sleman and one kecamatan's
forum (Semanu's, where the demo penyuluh works) with board, members and meetings with attendance.

The records are laid out by the scale seeder's planner (`registry.demo.scale_network.ScaleNetwork`: the same
kinds, names and rules) over the demo's WKSBM from a generator of their own, then written one at a time through
the services, with history by `by`: `registry.network.services` for mitra, contacts and ties, `row_update` for the
report lines, and `registry.network.forum_services` for the forums and their parts. It runs from `seed_demo` right
after the DIY demo is written (`registry.extensions.demo_seeders`), so, as the rest of `seed_demo`, it writes nothing
once the demo exists; for a given day the data are identical.
"""

import datetime
import random
from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from registry import extensions, wilayah_codes
from registry.demo.diy import DIY
from registry.demo.scale import ScaleWksbm, _slugs
from registry.demo.scale_network import (
    FORUM_COLUMNS,
    FORUM_MEMBER_COLUMNS,
    FORUM_PENGURUS_COLUMNS,
    MEETING_COLUMNS,
    MITRA_COLUMNS,
    TIE_COLUMNS,
    ScaleNetwork,
)
from registry.enums import WilayahLevel
from registry.models import (
    AidDistribution,
    ForumAttendance,
    ForumMeeting,
    ForumMember,
    ForumPengurus,
    FundCollection,
    JejaringKind,
    Wilayah,
    Wksbm,
)
from registry.network import forum_services
from registry.network.services import mitra_create, tie_create
from registry.scoping import code_prefix_q
from registry.services.wksbm import row_update
from registry.validators import clean_name

SEED = 2014  # the year the oldest demo forums were formed
SLEMAN = "34.04"  # its Forum Komunikasi WKSBM is in the sources (seed 003)
SEMANU = "34.03.08"  # the demo penyuluh's kapanewon
# Columns the database or `save` fills (explicit ids of the scale seeder, the derived working area, timestamps).
NOT_WRITTEN = {"id", "reach", "created_at", "updated_at"}


def register() -> None:
    """Makes `seed_demo` write the demo network after the DIY registry (before the apps built on it)."""
    extensions.demo_seeders.register(extensions.DemoSeeder(key="jejaring", order=50, seed=seed_demo_network))


def seed_demo_network(*, by, today: datetime.date) -> str:
    """Writes the demo network over the DIY demo's WKSBM (see the module docstring); returns what it wrote."""
    wksbm = {w.pk: w for w in Wksbm.objects.filter(code_prefix_q("wilayah__code", [DIY])).order_by("pk")}
    facts = [
        ScaleWksbm(w.pk, w.wilayah_id, len(w.wilayah_id) < 13, w.formed_on, w.status, w.status_changed_on)
        for w in wksbm.values()
        if w.formed_on
    ]
    places = {
        code: (clean_name(name), wilayah_codes.local_term(code, kind))
        for code, name, kind in Wilayah.objects.within([DIY])
        .filter(level__gte=WilayahLevel.KECAMATAN)
        .values_list("code", "name", "kind")
    }
    network = ScaleNetwork(
        rng=random.Random(SEED),
        slugs=_slugs,
        scope=code_prefix_q("wilayah__code", [DIY]),
        today=today,
        now=timezone.now(),
        report_start=datetime.date(today.year - 3, 1, 1),
    )
    network.plan(facts, places)
    written = Counter()

    contacts = defaultdict(list)
    for mitra_id, name, position, phone in network.contact_rows():
        contacts[mitra_id].append({"name": name, "position": position, "phone": phone})
    mitra = {}
    for row in network.mitra_rows():
        fields = _fields(MITRA_COLUMNS, row)
        mitra[row[0]] = mitra_create(by=by, contacts=contacts[row[0]], **fields)
        written["contacts"] += len(contacts[row[0]])

    kinds = {kind.pk: kind for kind in JejaringKind.objects.all()}
    for row in network.tie_rows():
        fields = _fields(TIE_COLUMNS, row)
        tie_create(
            by=by,
            wksbm=wksbm[fields.pop("wksbm_id")],
            mitra=mitra.get(fields.pop("mitra_id")),
            partner_wksbm=wksbm.get(fields.pop("partner_wksbm_id")),
            kind=kinds[fields.pop("kind_id")],
            **fields,
        )
        written["ties"] += 1

    lines = FundCollection.objects.filter(report__wksbm__in=wksbm, source__slug__in=("csr", "lainnya"))
    for line in lines.select_related("report", "source").order_by("pk"):
        funder = network.funder(wksbm[line.report.wksbm_id].wilayah_id, line.source.slug)
        if funder:
            row_update(by=by, row=line, mitra=mitra[funder])
            written["funds"] += 1
    lines = AidDistribution.objects.filter(report__wksbm__in=wksbm, purpose__slug__in=("kesehatan", "disabilitas"))
    for line in lines.select_related("report", "purpose").order_by("pk"):
        referred_to, count = network.referral(
            wksbm[line.report.wksbm_id].wilayah_id, line.purpose.slug, line.beneficiaries
        )
        if referred_to:
            row_update(by=by, row=line, referred_to=mitra[referred_to], referred_count=count)
            written["referrals"] += 1

    network.plan_forums(places, only=(SLEMAN, _kecamatan_with_a_forum(facts)))
    forums = {}
    for row in network.forum_rows():
        forums[row[0]] = forum_services.forum_create(by=by, **_fields(FORUM_COLUMNS, row))
    for row in network.pengurus:
        fields = _fields(FORUM_PENGURUS_COLUMNS, row)
        forum_services.forum_part_save(by=by, part=ForumPengurus(forum=forums[fields.pop("forum_id")]), **fields)
    for row in network.members:
        fields = _fields(FORUM_MEMBER_COLUMNS, row)
        forum_services.forum_part_save(by=by, part=ForumMember(forum=forums[fields.pop("forum_id")]), **fields)
    meetings = {}
    for row in network.meetings:
        fields = _fields(MEETING_COLUMNS, row)
        meeting = ForumMeeting(forum=forums[fields.pop("forum_id")])
        meetings[row[0]] = forum_services.forum_part_save(by=by, part=meeting, **fields)
    for meeting_id, wksbm_id, persons in network.attendance:
        attendance = ForumAttendance(meeting=meetings[meeting_id])
        forum_services.forum_part_save(by=by, part=attendance, wksbm_id=wksbm_id, persons=persons)

    return _(
        "Jejaring demo: %(mitra)s mitra (%(contacts)s narahubung), %(ties)s jejaring, %(funds)s penghimpunan dana "
        "dari mitra, %(referrals)s rujukan, %(forums)s forum komunikasi WKSBM (%(members)s anggota, "
        "%(meetings)s pertemuan)."
    ) % {
        "mitra": len(mitra),
        "contacts": written["contacts"],
        "ties": written["ties"],
        "funds": written["funds"],
        "referrals": written["referrals"],
        "forums": len(forums),
        "members": len(network.members),
        "meetings": len(meetings),
    }


def _fields(columns, row) -> dict:
    """The values of a planned row by field attname, without the columns the database or `save` fills."""
    return {column: value for column, value in zip(columns, row, strict=True) if column not in NOT_WRITTEN}


def _kecamatan_with_a_forum(facts: list[ScaleWksbm]) -> str:
    """Semanu when it has at least two demo WKSBM, else the Gunungkidul kecamatan with the most."""
    counts = Counter(wilayah_codes.ancestor_code(f.wilayah, WilayahLevel.KECAMATAN) for f in facts)
    if counts[SEMANU] >= 2:
        return SEMANU
    gunungkidul = {code: n for code, n in counts.items() if wilayah_codes.lies_within(code, "34.03")}
    return max(sorted(gunungkidul), key=gunungkidul.get)
