"""One module per signal kind, each defining ``KIND`` (found by ``signals.KINDS``)."""
