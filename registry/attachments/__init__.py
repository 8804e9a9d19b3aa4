"""Documents and photos attached to records (`registry.models.Attachment`): which records can carry them and who may
see and add them (`targets`)."""
