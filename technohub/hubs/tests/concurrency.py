"""Run callables from many threads released together: the harness of the concurrency tests.

Each thread opens its own database connection before the start (so the race begins at the
barrier, not at connect time), then takes the next task from a shared queue until none is
left, each task in its own transaction (the services are atomic). Closed at the end.
"""

import queue
import threading
from collections.abc import Callable, Iterable


def run_at_once(
    tasks: Iterable[Callable[[], object]],
    *,
    workers: int,
    expected: tuple[type[BaseException], ...] = (),
    timeout: float = 90,
) -> list[BaseException]:
    """Run every task from `workers` threads; return the exceptions raised.

    An exception of an `expected` type is collected and the thread goes on with the next task;
    any other stops that thread (and is collected too, for the test to report).
    """
    from django.db import connection

    todo: queue.Queue = queue.Queue()
    for task in tasks:
        todo.put(task)
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            connection.ensure_connection()  # connect first: the race starts at the barrier
            barrier.wait(timeout=30)
            while True:
                try:
                    task = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    task()
                except expected as exc:
                    errors.append(exc)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    return errors
