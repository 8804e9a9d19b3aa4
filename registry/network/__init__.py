"""The network of the WKSBM (jejaring): partner organisations (mitra), ties, and the Forum Komunikasi WKSBM.

The models are in `registry.models.network` and `registry.models.forum`; who sees what is `querysets`; what is
active on a day is `rules`.
"""
