"""gunicorn's settings for the WKSBM registry, read by deploy/wksbm.service and by bench/load_test.py alike, so
that the load test serves the application as production does (the bench only binds another port and keeps
idle connections open longer, in place of nginx).

Workers: a request of the registry spends its time in Python (template rendering: 10–100 ms of CPU a page;
PostgreSQL answers in a few milliseconds), so processes, not threads, share the cores, and a process more than
there are cores keeps them busy while one waits for PostgreSQL or the network: two per core plus one
(gunicorn's own advice), five on the two-core server. Two threads in each let a long download (a streamed CSV
export, a rekap) go on while the process answers another request. GUNICORN_WORKERS and GUNICORN_THREADS
override both (/etc/wksbm/wksbm.env).
"""

import multiprocessing
import os

# nginx alone reaches gunicorn, so its X-Real-IP cannot be forged (README, Production). With several application
# servers, GUNICORN_BIND names the server's address on the private network that only the proxy reaches.
bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
timeout = 120  # the slowest legitimate request: confirming a 50,000-row import
# A worker is replaced after this many requests (at a random point of the next 200, not all at once), so that
# memory a large import or export left behind is given back.
max_requests = 2000
max_requests_jitter = 200
# The workers' heartbeat files in memory: a busy disk never makes gunicorn think a worker hangs.
worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"
