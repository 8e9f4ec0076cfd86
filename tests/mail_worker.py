"""The password reset mail is sent by a worker: `reset_mail_worker` records the tasks a request queues (their
arguments through JSON, as the broker carries them) and `run()` does what the worker does with them."""

import json


class ResetMailWorker:
    def __init__(self):
        self.queued = []

    def run(self):
        from sharedservice.tasks import send_password_reset

        sent = [send_password_reset(*args) for args in self.queued]
        self.queued = []
        return sent


def recording_worker(monkeypatch):
    from sharedservice.tasks import send_password_reset

    worker = ResetMailWorker()
    monkeypatch.setattr(
        send_password_reset, "delay", lambda *args: worker.queued.append(json.loads(json.dumps(args)))
    )
    return worker
