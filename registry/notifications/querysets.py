"""Reads of notifications. A notification is its owner's alone: `for_user` keeps the user's own rows, whatever
their role or area (a superuser too sees only their own)."""

from django.db import models


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The notifications of `user`; none for an anonymous or inactive user."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        """Unread notifications not yet sent in a digest."""
        return self.filter(read_at__isnull=True, emailed_at__isnull=True)
