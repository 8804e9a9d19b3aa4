"""The one way a field page saves a form: what a page states, and the protocol every such page follows.

A page states only what differs: its template, how it loads what it is about (`prepare`, 404 for anything
outside the user's area before any 403), its forms (`get_parts`), how it writes (`save`, through a service,
returning the address of the result) and the message said on success. The protocol is here:

- `FieldFormView`: GET shows the forms; POST validates every part (so that all errors show at once), checks
  the conflict hook (`find_conflict`: someone else saved meanwhile, answered 409 with the form offered again),
  writes, puts a service's ValidationError next to its field (`message_fields`) and redirects with the message,
  said beside the item saved (`registry.views.saved`).
- `CreateOnceView`: a page that creates; sending its form twice creates once (`registry.views.once`): an
  earlier sending leads to its result, and the write runs inside `create_once`.
- Typed work is never lost (`registry.typed_work`): every form carries its owner marker, and a form that could
  not be accepted (session ended, CSRF token changed) is shown filled again by the next GET.

Each view module exposes its pages as functions (`login_required(View.as_view())`), so URLs name them as before.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from registry import typed_work
from registry.forms.base import add_service_error
from registry.forms.wilayah import NarrowForm, wilayah_step
from registry.views.once import create_once, earlier_result, retry_if_token_refused
from registry.views.saved import say_saved


class FieldFormView(View):
    """A field page that saves a form (`parts["form"]`, with any formsets beside it) through a service."""

    template_name: str
    form_class: type
    # Violation code of a model constraint → the form field its message belongs next to (`constraint_messages`).
    message_fields: dict[str, str] | None = None
    # What `find_conflict` found on this POST, shown beside the form offered again.
    conflict = None

    def prepare(self) -> None:
        """Loads what the page is about from `self.kwargs` and checks the user may use it; raises 404 or 403."""

    def get_form_kwargs(self) -> dict:
        """Keyword arguments of `form_class` beyond the data."""
        return {}

    def get_parts(self, data=None) -> dict:
        """The page's forms by context name, bound to `data` when given; the main one is `form`."""
        return {"form": self.form_class(data, **self.get_form_kwargs())}

    def get_context_data(self, **parts) -> dict:
        """The template's context: the forms and what `prepare` loaded."""
        return parts

    def save(self, parts: dict) -> str:
        """Writes the valid `parts` through a service; returns the address to go to. May raise ValidationError."""
        raise NotImplementedError

    def success_message(self, parts: dict) -> str:
        """What the user is told once `parts` are saved."""
        raise NotImplementedError

    def find_conflict(self, form):
        """What someone else saved since the valid `form` was opened and the user would overwrite, or None."""
        return None

    def form_after_conflict(self, conflict):
        """The form offered again after `conflict`: at the current version, with the merged values."""
        raise NotImplementedError

    def refused(self) -> None:
        """Undoes in memory what a refused `save` changed on the objects the page shows."""

    def render(self, parts: dict, *, status: int = 200):
        typed_work.mark_owner(parts["form"], self.request)
        return render(self.request, self.template_name, self.get_context_data(**parts), status=status)

    def opening_data(self):
        """The values a GET opens the forms with: those kept when the user's last sending could not be accepted
        (`typed_work.take`), else None (empty forms)."""
        return typed_work.take(self.request)

    def get(self, request, *args, **kwargs):
        self.prepare()
        return self.render(self.get_parts(self.opening_data()))

    def post(self, request, *args, **kwargs):
        self.prepare()
        parts = self.get_parts(request.POST)
        if done := self.send(parts):
            return done
        if self.conflict:
            parts["form"] = self.form_after_conflict(self.conflict)
            return self.render(parts, status=409)
        return self.render(parts)

    @staticmethod
    def all_valid(parts: dict) -> bool:
        """Validates every part (none skipped, so that every error shows); True when all are valid."""
        valid = [part.is_valid() for part in parts.values()]
        return all(valid)

    def send(self, parts: dict):
        """Saves valid `parts` unless they conflict; the redirect after saving, or None to show the page again."""
        form = parts["form"]
        if not self.all_valid(parts):
            return None
        self.conflict = self.find_conflict(form)
        if self.conflict:
            return None
        try:
            url = self.save(parts)
        except ValidationError as error:
            add_service_error(form, error, message_fields=self.message_fields)
            self.refused()
            return None
        say_saved(self.request, self.success_message(parts), url)
        return redirect(url)


class CreateOnceView(FieldFormView):
    """A field page that creates: its main form is a `registry.forms.base.OnceForm`, and sending it twice
    creates once."""

    def send(self, parts: dict):
        form = parts["form"]
        if done := earlier_result(self.request, form):
            return done
        if self.all_valid(parts):
            success = self.success_message(parts)
            done = create_once(
                self.request, form, lambda: self.save(parts), success=success, message_fields=self.message_fields
            )
            if done:
                return done
        retry_if_token_refused(form)
        return None


class WilayahStepMixin:
    """A creating page whose wilayah is asked in steps when the user's area is large (`wilayah_step`, GET
    `dalam`): while the step still narrows, the page shows `step_template` instead of the form, after a POST too.
    """

    step_template: str

    def choose_step(self):
        """Where the user stands in choosing the wilayah."""
        return wilayah_step(self.request.user, self.request.GET.get("dalam"))

    def prepare(self) -> None:
        super().prepare()
        self.step = self.choose_step()

    def get(self, request, *args, **kwargs):
        self.prepare()
        # A GET that still narrows shows the step, and builds no form.
        return self.render({} if self.step.narrow_level else self.get_parts(self.opening_data()))

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "step": self.step}

    def render(self, parts: dict, *, status: int = 200):
        if self.step.narrow_level:
            context = {"step": self.step, "form": NarrowForm(step=self.step)}
            return render(self.request, self.step_template, context)
        return super().render(parts, status=status)
