"""Progress on stderr: lines end where the work ends, also when it stops early."""

from __future__ import annotations

from kstad_analysis import progress


def test_reporter_ends_its_line_when_done_or_finished_early(capsys) -> None:
    report = progress.reporter("Läser")
    report(0, 3)
    report(3, 3)
    assert capsys.readouterr().err == "\rLäser 0/3\rLäser 3/3\n"
    report(1, 3)
    report.finish()  # the work stopped at 1 of 3: the line still ends
    report.finish()  # and only once
    assert capsys.readouterr().err == "\rLäser 1/3\n"
    quiet = progress.reporter("Läser", enabled=False)
    quiet(1, 3)
    quiet.finish()
    assert capsys.readouterr().err == ""
