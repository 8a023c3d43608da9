"""Frozen copies of what old revisions compute (ARCHITECTURE §1, contract 5).

A revision runs years after it was written, against whatever the services have
become by then. So a revision that computes something (working minutes, the
daily roll-up) carries its own copy of that computation here, over Core tables
named in the copy, and never imports `commandcenter.services`. A module here is
never edited once a released revision uses it: a later revision that needs a
different computation adds `…_v2.py` beside it.
"""
