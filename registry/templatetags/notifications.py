"""The header's count of the signed-in user's unread notifications."""

from django import template

from registry.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many notifications the signed-in user has not read: one COUNT on the (user, read_at) index, made only
    where the header shows it; 0 for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()
