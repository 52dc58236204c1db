"""Enrolment rules: seats, the waitlist, approval, cancellation, attendance and completion.

Every write locks the edition row first (one lock per transaction), so that seats are counted
and taken by one transaction at a time: never an overbooked seat. See docs/enrolment.md.

The locking rule, kept by every module of this package:

- a service that changes seats, waitlist places or an edition's state starts with
  `lock_edition(edition.pk)` and takes no other row lock after it (`employees_enrol`, a
  company's find-or-add of employees, locks the organisation row *before* it, never after);
- the seats are counted and taken while that lock is held, by the helpers of `seating`;
- mails are sent with `transaction.on_commit`, never under the lock;
- every change to a seat or waitlist place writes an audit entry with before and after.

The modules, by section:

- `seating`: the lock, the seat counts, placing an enrolment, the audited move;
- `enrolments`: enrol (one, many, a company's employee), approve, reject, cancel;
- `waitlist`: promotion, closing gaps, changing the seats;
- `attendance`: attendance per session;
- `completion`: completing (with its preview) or cancelling an edition;
- `seat_pools`: company seat pools and caps.

Every public name is importable from `technohub.enrolment.services`.
"""

from technohub.enrolment.services.attendance import (
    attendance_is_open,
    attendance_rate,
    attendance_record,
)
from technohub.enrolment.services.completion import (
    CompletionPreview,
    ParticipantResult,
    completion_preview,
    edition_cancel,
    edition_complete,
    may_complete,
    may_complete_early,
)
from technohub.enrolment.services.enrolments import (
    NewEmployee,
    employees_enrol,
    enrol_many,
    enrolment_approve,
    enrolment_cancel,
    enrolment_create,
    enrolment_reject,
    may_cancel,
)
from technohub.enrolment.services.seat_pools import (
    edition_set_seat_rules,
    seat_pool_assign,
    seat_pool_claim,
    seat_pool_release,
    seat_pool_reserve,
    seat_pool_set_approval,
)
from technohub.enrolment.services.seating import (
    Status,
    company_cap,
    company_seats,
    lock_edition,
    release_due_pools,
    seats_taken,
)
from technohub.enrolment.services.waitlist import edition_set_capacity, promote_waitlist

__all__ = [
    "CompletionPreview",
    "NewEmployee",
    "ParticipantResult",
    "Status",
    "attendance_is_open",
    "attendance_rate",
    "attendance_record",
    "company_cap",
    "company_seats",
    "completion_preview",
    "edition_cancel",
    "edition_complete",
    "edition_set_capacity",
    "edition_set_seat_rules",
    "employees_enrol",
    "enrol_many",
    "enrolment_approve",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_reject",
    "lock_edition",
    "may_cancel",
    "may_complete",
    "may_complete_early",
    "promote_waitlist",
    "release_due_pools",
    "seat_pool_assign",
    "seat_pool_claim",
    "seat_pool_release",
    "seat_pool_reserve",
    "seat_pool_set_approval",
    "seats_taken",
]
