"""Ending something of a WKSBM on a day: a pengurus's term, a KPS's membership."""

from django.shortcuts import get_object_or_404

from registry.views.base import WksbmPageMixin, detail_url
from registry.views.field_form import FieldFormView


class EndView(WksbmPageMixin, FieldFormView):
    """Ends a row of a WKSBM of the user's area (`model`, its pk in the URL as `<context_name>_pk`; 404 for a row
    of another WKSBM or outside the area) on the day given (`form_class`, an `EndDateForm`).

    The row is shown as `context_name` and handed to `end_service` under that name with `by` and `on`.
    """

    template_name = "registry/end_form.html"
    model: type
    related: tuple[str, ...] = ()
    context_name: str
    anchor: str
    end_service: staticmethod

    def load(self) -> None:
        rows = self.model.objects.for_user(self.request.user).filter(wksbm=self.wksbm).select_related(*self.related)
        self.row = get_object_or_404(rows, pk=self.kwargs[f"{self.context_name}_pk"])

    def get_form_kwargs(self) -> dict:
        return {"row": self.row}

    def save(self, parts) -> str:
        self.end_service(by=self.request.user, on=parts["form"].cleaned_data["on"], **{self.context_name: self.row})
        return detail_url(self.wksbm, self.anchor)

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), self.context_name: self.row}
