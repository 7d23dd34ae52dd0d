"""Widget front-ends for the Voila apps; notebooks only call these.

Why here and not in notebooks: logic in a package is tested, linted and
shared; the notebooks stay thin wiring that a manager never sees.
"""
