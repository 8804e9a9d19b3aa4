"""Open data for everyone (issue 22): figures per wilayah (`figures`), their metadata (`metadata`), and the stored
releases the public pages serve (`release`)."""

# The attribute a view sets on a response that is public whoever asks (the open data's pages and files):
# `wksbm.cache_control` then leaves its `Cache-Control: public` as it is.
PUBLIC_RESPONSE = "open_data_public"
