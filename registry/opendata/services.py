"""Writes of the open data's settings: validated, with history (`registry.services.base`)."""

from registry.models import OpenDataSetting
from registry.services.base import delete_recorded, save_validated


def open_data_setting_save(*, by, setting: OpenDataSetting) -> OpenDataSetting:
    """Saves a province's open data setting as given (new or changed); its history names `by`. The next publication
    (`publish_open_data`, the timer's next run) follows it: a change of its history counts as a change of data."""
    return save_validated(setting, by=by)


def open_data_setting_delete(*, by, setting: OpenDataSetting) -> None:
    """Deletes a province's setting: the province is then published at the default level, its directory off."""
    delete_recorded(setting, by=by)
