"""Run independent pieces of work on every core, with progress, and the same result as a serial run.

Two helpers every long step uses:

- :func:`progress` wraps an iterable in a tqdm bar in a notebook or terminal, and is silent in
  CI, in tests and when ``BRIEFKIT_PROGRESS=0``;
- :func:`map_jobs` applies a pure function to items on ``n_jobs`` worker processes and returns
  the results **in input order**, so output is byte-identical to ``n_jobs=1``.

``n_jobs=None`` means every core (``os.cpu_count()``), or ``$BRIEFKIT_N_JOBS`` when set. With a
Dask ``client=`` the items run on its cluster instead (``pip install "briefkit[dask]"``), and the
results still come back in input order.
"""

from __future__ import annotations

import os
import sys

__all__ = ["progress", "progress_enabled", "resolve_n_jobs", "map_jobs", "one_blas_thread", "cut_points", "cluster_parts"]


_BLAS_CONTROLLER: list = []  # one ThreadpoolController, made on first use (finding the libraries is slow)


def one_blas_thread():
    """Context in which BLAS (numpy's and scipy's OpenBLAS) runs on one thread, restored on exit.

    For many small matrix products (a logistic regression on a few hundred codes, Wordfish's
    Newton steps): each takes microseconds, and with more threads every call waits for the
    others; on a machine whose cores are busy with other jobs that wait dominates (the stance
    classifier's cross-validation on the seeds: 2.7 s on one thread, 40 s on two).

    Examples
    --------
    >>> import numpy as np
    >>> from briefkit.jobs import one_blas_thread
    >>> with one_blas_thread():
    ...     float(np.ones(3) @ np.ones(3))
    3.0
    """
    from threadpoolctl import ThreadpoolController

    if not _BLAS_CONTROLLER:
        _BLAS_CONTROLLER.append(ThreadpoolController())
    return _BLAS_CONTROLLER[0].limit(limits=1, user_api="blas")


def progress_enabled() -> bool:
    """Whether progress bars are shown (not in CI, not under pytest, not with ``BRIEFKIT_PROGRESS=0``).

    Examples
    --------
    >>> from briefkit.jobs import progress_enabled
    >>> progress_enabled()  # doctests run under pytest
    False
    """
    env = os.environ.get("BRIEFKIT_PROGRESS")
    if env is not None:
        return env not in ("0", "", "false", "no")
    return not (os.environ.get("CI") or "PYTEST_CURRENT_TEST" in os.environ or "pytest" in sys.modules)


def progress(iterable, *, desc: str, total: int | None = None):
    """``iterable`` with a progress bar when :func:`progress_enabled`, else unchanged.

    Examples
    --------
    >>> from briefkit.jobs import progress
    >>> list(progress(range(3), desc="demo"))
    [0, 1, 2]
    """
    if not progress_enabled():
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, total=total, leave=False)


def resolve_n_jobs(n_jobs: int | None) -> int:
    """The number of worker processes: ``n_jobs``, ``$BRIEFKIT_N_JOBS`` or every core.

    Negative values count back from the number of cores (``-1`` = all), as in scikit-learn.

    Examples
    --------
    >>> from briefkit.jobs import resolve_n_jobs
    >>> resolve_n_jobs(1)
    1
    """
    cores = os.cpu_count() or 1
    if n_jobs is None:
        env = os.environ.get("BRIEFKIT_N_JOBS")
        n_jobs = int(env) if env else cores
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(f"n_jobs must be a non-zero integer or None, got {n_jobs!r}")
    return max(1, cores + 1 + n_jobs if n_jobs < 0 else n_jobs)


def map_jobs(func, items, *, n_jobs: int | None = None, desc: str = "", min_items: int = 2, client=None):
    """``[func(x) for x in items]`` on ``n_jobs`` processes, or on a Dask cluster, results in input order.

    ``func`` must be a picklable top-level function without side effects; each item is sent to a
    worker and its result back (Python's own process pool; nothing from the corpus is unpickled
    outside that pool). With one job, or fewer than ``min_items`` items, it runs in this process.
    With a ``dask.distributed.Client`` the items are tasks on its cluster (``n_jobs`` is unused).

    Examples
    --------
    >>> from briefkit.jobs import map_jobs
    >>> map_jobs(abs, [-2, 1, -3], n_jobs=1)
    [2, 1, 3]
    """
    items = list(items)
    if client is not None:
        return client.gather(client.map(func, items, pure=False)) if items else []
    jobs = min(resolve_n_jobs(n_jobs), len(items))
    if jobs <= 1 or len(items) < min_items:
        return [func(x) for x in progress(items, desc=desc or "working", total=len(items))]
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    chunk = max(1, len(items) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        return list(progress(pool.map(func, items, chunksize=chunk), desc=desc or "working",
                             total=len(items)))


def cut_points(keys, *, parts: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of about ``parts`` consecutive pieces of ``range(len(keys))``, cut only where the key changes.

    Used to send whole documents (rows sorted by ``doc_id``) to the workers of a cluster.

    Examples
    --------
    >>> from briefkit.jobs import cut_points
    >>> cut_points(["a", "a", "b", "b", "b", "c"], parts=3)
    [(0, 2), (2, 5), (5, 6)]
    """
    keys = list(keys)
    n = len(keys)
    size = max(1, -(-n // max(1, parts)))
    out, start = [], 0
    while start < n:
        stop = min(n, start + size)
        while stop < n and keys[stop] == keys[stop - 1]:
            stop += 1
        out.append((start, stop))
        start = stop
    return out


def cluster_parts(client) -> int:
    """Pieces to cut work into for ``client``'s cluster: four per worker thread (at least four)."""
    workers = client.scheduler_info().get("workers", {})
    return max(4, 4 * sum(int(w.get("nthreads", 1)) for w in workers.values()))
