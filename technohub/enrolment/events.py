"""Domain events of enrolment that other apps react to.

Sent explicitly by the enrolment services, inside their transaction: a receiver that raises
rolls the whole operation back. Receivers live in the reacting app (connected in its
`AppConfig.ready`) and call that app's services; keep them thin.
"""

from django.dispatch import Signal

# Sent by `edition_complete` once every confirmed participant is marked completed or
# not completed. Keyword arguments: `edition` (the locked Edition), `actor` (User) and
# `issued_at` (the date results and certificates bear: the end of the last session, or the
# completion moment when a coordinator completed early; never in the future).
edition_completed = Signal()
