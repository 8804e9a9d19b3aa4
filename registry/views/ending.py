"""Ending something of a WKSBM on a day: a pengurus's term, a KPS's membership."""

from registry.views.base import detail_url
from registry.views.editing import WksbmRowMixin
from registry.views.field_form import FieldFormView


class EndView(WksbmRowMixin, FieldFormView):
    """Ends a row of a WKSBM of the user's area (`WksbmRowMixin`) on the day given (`form_class`, an
    `EndDateForm`), then leads to the row's item on the WKSBM's page, now among the past ones.

    The row is handed to `end_service` as `context_name` with `by`, `on` and the history's `reason`.
    """

    template_name = "registry/end_form.html"
    end_service: staticmethod

    def get_form_kwargs(self) -> dict:
        return {"row": self.row}

    def save(self, parts) -> str:
        self.end_service(
            by=self.request.user,
            on=parts["form"].cleaned_data["on"],
            **{self.context_name: self.row},
        )
        return detail_url(self.wksbm, self.item_anchor())
