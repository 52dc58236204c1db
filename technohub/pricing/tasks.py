"""Background work of the pricing area: thin tasks that take ids and call a service.

With no worker configured (django-tasks' ImmediateBackend) a task runs inline when the
transaction that enqueued it commits; with a queue backend in `TASKS` a worker sends the
statements while the costs page shows "being sent".
"""

from django_tasks import task

from technohub.pricing.services.delivery import statement_deliveries_send


@task()
def send_statement(statement_id: int, delivery_ids: list[int]) -> None:
    statement_deliveries_send(statement_id=statement_id, delivery_ids=delivery_ids)
