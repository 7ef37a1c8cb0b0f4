"""gunicorn's configuration for the registry: ``gunicorn -c python:registry.gunicorn_config
registry.wsgi``. Every value can be overridden from the environment (GUNICORN_CMD_ARGS, or
the variables below); logs go to standard output as one JSON object a line, like Django's."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's own rule, two workers a core and one more: while one waits (an fsync, the
# database's commit, clamd, an upload arriving), another uses the core. benchmarks/lodging.py
# measured lodgments over a gigabit link on two cores against a bare upload's throughput: with
# 10 users 0.84 with two workers and 0.97 with four; with 50 users 0.88 with four and 0.96
# with five (docs/benchmarks.md).
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
# Sync workers. gthread (4 threads a worker) was measured against them by
# benchmarks/lodging.py (docs/benchmarks.md): bare uploads as fast, lodgments about 40% slower,
# since a lodgment is mostly Python on the CPU (parsing, checking, the ORM) and its threads
# contend for one interpreter lock; its I/O waits (fsync, PostgreSQL) are short. Override with
# GUNICORN_WORKER_CLASS / GUNICORN_THREADS (each thread then holds a database connection).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Uploads are buffered by the reverse proxy (docs/deployment.md); a slow client never holds a
# worker, so a request that takes this long is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# Recycle workers now and then so that no leak grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "client": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": "%(s)s", "bytes": "%(B)s", "ms": "%(M)s"}'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
        },
    },
    "root": {"handlers": ["error"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
