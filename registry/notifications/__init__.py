"""Notifications: what each user is told (returned records, their verification queue, periods of pemutakhiran),
made by receivers of the verification signals and of a period's opening, and by the daily command."""
