"""``readme-tag batch``: many READMEs in, one JSON line each out, in input order.

``inputs`` reads what to tag, ``work`` tags it (in this process or a pool,
one Tagger per process), ``resume`` keeps the output file and what it holds.
"""
