"""Widget front-ends for the Voila apps; notebooks only call these.

Why here and not in notebooks: logic in a package is tested, linted and
shared; the notebooks stay thin wiring that a manager never sees. Importing
the package first makes the kernels' imports cheaper (see ``lazy_imports``),
and inside a kernel it guards callbacks so that no traceback is sent to the
page (``kernel_guard``).
"""

from kstad_analysis.ui.kernel_guard import install as _guard_kernel
from kstad_analysis.ui.lazy_imports import defer_iri_grammar

defer_iri_grammar()
_guard_kernel()
