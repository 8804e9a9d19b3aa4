"""Uji petik pages: the samples of the user's area, drawing one, one sample as a visit list (page, A4 printout,
download).

Every page reads through `for_user`: a sample outside the user's area answers 404, and a sample's pages show only
its WKSBM within the user's area (a penyuluh sees their kecamatan's part of a kabupaten's sample). Drawing needs
`trainings.add_ujipetik` (operators and the admin provinsi). A sample page costs the same queries whatever its size.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.documents import printed_document
from registry.enums import WilayahLevel
from registry.exports.files import FORMATS, Table, download
from registry.models.access import display_name
from registry.places import ancestor_at, place_name
from registry.views.base import require
from registry.views.field_form import CreateOnceView
from trainings.forms.sampling import DEFAULT_SIZE, UjiPetikForm
from trainings.models import Kunjungan, UjiPetik, UjiPetikItem
from trainings.models.visit import UJI_PETIK
from trainings.sampling import kabupaten_of, uji_petik_draw

PAGE_SIZE = 20
EXPORT_COLUMNS = ["no", "kode_kabupaten", "kabupaten_kota", "nama_wksbm", "kode_wilayah", "tempat", "status"]


@dataclass
class KabupatenSample:
    """The WKSBM drawn in one kabupaten/kota (those of the user's area), and how many were drawn from."""

    code: str
    name: str
    population: int
    items: list = field(default_factory=list)


def _sample(request, pk: int) -> UjiPetik:
    samples = UjiPetik.objects.for_user(request.user).select_related("wilayah", "drawn_by")
    return get_object_or_404(samples, pk=pk)


def sample_groups(sample: UjiPetik, user) -> list[KabupatenSample]:
    """The sample's WKSBM in the user's area, grouped by kabupaten/kota in code order, each in the order drawn,
    each with `visited_on`: the date of its latest uji petik visit since the draw, or None. One query."""
    spot_checks = Kunjungan.objects.filter(
        wksbm=OuterRef("wksbm"), kind__slug=UJI_PETIK, date__gte=sample.drawn_at.date()
    ).order_by("-date")
    items = (
        UjiPetikItem.objects.for_user(user)
        .filter(uji_petik=sample)
        .annotate(visited_on=Subquery(spot_checks.values("date")[:1]))
        .select_related("wksbm__wilayah__parent__parent")
        .order_by("position")
    )
    groups: dict[str, KabupatenSample] = {}
    for item in items:
        code = kabupaten_of(item.wksbm.wilayah_id)
        if code not in groups:
            kabupaten = ancestor_at(item.wksbm.wilayah, WilayahLevel.KABUPATEN)
            name = kabupaten.display_name if kabupaten else code
            groups[code] = KabupatenSample(code, name, sample.populations.get(code, 0))
        groups[code].items.append(item)
    return [groups[code] for code in sorted(groups)]


def redraw_url(sample: UjiPetik) -> str:
    """The draw form filled with this sample's area, size and seed: the same seed over the same population draws
    the same sample."""
    query = urlencode({"wilayah": sample.wilayah_id, "jumlah": sample.size, "benih": sample.seed})
    return f"{reverse('trainings:uji_petik_create')}?{query}"


@login_required
def uji_petik_list(request):
    """The samples of the user's area, newest first, `PAGE_SIZE` a page."""
    require(request.user, "trainings.view_ujipetik")
    samples = UjiPetik.objects.for_user(request.user).select_related("wilayah", "drawn_by")
    page = Paginator(samples.order_by("-drawn_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "trainings/uji_petik_list.html", {"page": page})


class UjiPetikCreateView(CreateOnceView):
    """Draws a sample in a kabupaten/kota or provinsi of the user's area (`trainings.sampling.uji_petik_draw`);
    sending the form twice draws once. GET `wilayah`, `jumlah`, `benih` fill the form (to repeat a draw)."""

    template_name = "trainings/uji_petik_form.html"

    def prepare(self) -> None:
        require(self.request.user, "trainings.add_ujipetik")

    def get_parts(self, data=None) -> dict:
        form = UjiPetikForm(data, user=self.request.user)
        if data is None:
            query = self.request.GET
            form.initial.update(
                {
                    "wilayah": query.get("wilayah", ""),
                    "size": query.get("jumlah", DEFAULT_SIZE),
                    "seed": query.get("benih", ""),
                }
            )
        return {"form": form}

    def save(self, parts) -> str:
        self.sample = uji_petik_draw(by=self.request.user, **parts["form"].service_fields())
        return reverse("trainings:uji_petik_detail", args=[self.sample.pk])

    def success_message(self, parts) -> str:
        return gettext("Sampel uji petik sudah ditarik.")


uji_petik_create = login_required(UjiPetikCreateView.as_view())


def _sample_context(request, pk: int) -> dict:
    sample = _sample(request, pk)
    groups = sample_groups(sample, request.user)
    return {
        "sample": sample,
        "groups": groups,
        "shown": sum(len(group.items) for group in groups),
        "drawn_by": display_name(sample.drawn_by),
        "redraw_url": redraw_url(sample),
        "visit_kind": UJI_PETIK,
    }


@login_required
def uji_petik_detail(request, pk: int):
    """One sample as a visit list: by kabupaten/kota, each WKSBM linking to its page (where visits are
    recorded), with the seed to repeat the draw."""
    return render(request, "trainings/uji_petik_detail.html", _sample_context(request, pk))


@login_required
def uji_petik_print(request, pk: int):
    """The visit list of a sample on A4, under the kop surat, with a signature block and a column to tick."""
    context = _sample_context(request, pk)
    context.update(printed_document(request, context["sample"].wilayah))
    return render(request, "trainings/uji_petik_print.html", context)


def export_rows(groups: list[KabupatenSample]):
    for group in groups:
        for number, item in enumerate(group.items, start=1):
            wksbm = item.wksbm
            yield {
                "no": number,
                "kode_kabupaten": group.code,
                "kabupaten_kota": group.name,
                "nama_wksbm": wksbm.name,
                "kode_wilayah": wksbm.wilayah_id,
                "tempat": place_name(wksbm.wilayah),
                "status": wksbm.get_status_display(),
            }


@login_required
def uji_petik_export(request, pk: int):
    """The visit list of a sample as a workbook or a CSV (`?format=xlsx|csv`)."""
    extension = request.GET.get("format", "xlsx")
    if extension not in FORMATS:
        raise Http404
    context = _sample_context(request, pk)
    sample = context["sample"]
    title = str(_("Uji petik"))
    stem = f"uji-petik-{sample.wilayah_id}-{sample.seed}-{dates.today():%Y-%m-%d}"
    return download([Table(title, EXPORT_COLUMNS, export_rows(context["groups"]))], stem=stem, extension=extension)
