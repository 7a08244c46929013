"""Many items in, one JSON line each out, in input order: the runner behind ``readme-tag batch``, the prompt stream and the Dask helpers.

``inputs`` reads what to tag, ``work`` tags it (in this process or a pool,
one Tagger per process), ``resume`` keeps the output file and what it holds.
"""
