"""gunicorn's settings for bimtek, read from this folder by `gunicorn bimtek.wsgi`; flags on the command line win.

Workers: gunicorn's rule of thumb, two per core and one more, so a worker waiting for the database or a
slow client leaves the cores busy. WEB_CONCURRENCY (gunicorn's own variable) sets another number.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
# Long work (exports, bulk PDFs, mass e-mail) runs in the task workers, so a page that takes this long is a fault.
timeout = 30
# A worker is replaced after this many requests (with some spread, so they do not all restart together):
# what a long-lived process might accumulate is bounded.
max_requests = 2000
max_requests_jitter = 200
