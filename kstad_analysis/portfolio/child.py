"""One HiGHS solve in a child process: ``python -m kstad_analysis.portfolio.child``.

Why a module run by path and not ``multiprocessing``: a spawned
``multiprocessing`` child re-imports the caller's main script, which breaks
(or recurses) in scripts without an ``if __name__ == "__main__"`` guard, and
fork would copy HiGHS's thread pool in a state the child cannot use. This
reads the problem (a pickle from the parent, see
``milp._solve_highs_deadline``) on stdin and writes the answer on stdout.
"""

from __future__ import annotations

import pickle
import sys

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp


def main() -> int:
    from kstad_analysis.portfolio.milp import _quiet_stdout, highs_options

    payload = pickle.load(sys.stdin.buffer)  # noqa: S301 (written by our own parent)
    A = sparse.csr_matrix((payload["data"], payload["indices"], payload["indptr"]),
                          shape=payload["shape"])
    n = len(payload["values"])
    with _quiet_stdout():
        res = milp(-payload["values"], integrality=np.ones(n),
                   bounds=Bounds(payload["lb"], payload["ub"]),
                   constraints=[LinearConstraint(A, payload["lo"], payload["hi"])]
                   if A.shape[0] else None,
                   options=highs_options(payload["time_limit"], payload.get("node_limit")))
    answer = (None if res.x is None else np.round(res.x).astype(bool), int(res.status),
              None if res.mip_dual_bound is None else float(res.mip_dual_bound))
    sys.stdout.buffer.write(pickle.dumps(answer))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
