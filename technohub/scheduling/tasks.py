"""Background work of the agenda builder: thin tasks that take ids and call a service.

With no worker configured (django-tasks' default ImmediateBackend) the task runs inline when
the request that enqueued it commits, so the demo needs nothing extra; with a queue backend in
`TASKS` it runs in a worker while the proposal page polls its progress.
"""

from django_tasks import task

from technohub.scheduling.services import proposal_run


@task()
def run_proposal(proposal_id: int) -> None:
    proposal_run(proposal_id=proposal_id)
