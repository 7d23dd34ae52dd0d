"""The report's numbers, tables and HTML, checked without a kernel.

The plans are built here (a CSV written on the fly), so every expected number
is worked out by hand from the rows and ``data/config/benefits.toml``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kstad_analysis import __version__, config, report, store
from kstad_analysis.formatting import kr, mnkr
from kstad_analysis.report import charts, tables
from kstad_analysis.report import html as report_html
from kstad_analysis.scenario import Scenario
from tests.plans import need_row, write_csv

INJECTION = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
SIGN_TEXT = "Digital signering av dokument med e-legitimation i stället för papper och porto."


def small_rows() -> list[dict[str, object]]:
    """Eight needs in three förvaltningar: a shared e-signering pair, a lagkrav,
    hostile titles, one need without investment, one too expensive to fund."""
    return [
        need_row("A-1", "Avdelning A", Titel="Digital signering av avtal", Beskrivning=SIGN_TEXT),
        need_row("B-1", "Avdelning B", Titel="Digital signering av beslut", Beskrivning=SIGN_TEXT),
        need_row("A-2", "Avdelning A", Titel=INJECTION, **{"Investering (kr)": 300_000}),
        need_row("B-2", "Avdelning B", Titel=SCRIPT, **{"Lagkrav (ja/nej)": "ja"}),
        need_row("C-1", "Avdelning C", Titel="Robot för fakturor", **{"Investering (kr)": None}),
        need_row("C-2", "Avdelning C", Titel="Chattbot för invånare",
                 **{"Ärenden per år": 20_000, "Medborgarnytta (1-5)": 5}),
        need_row("C-3", "Avdelning C", Titel="Nytt ekonomisystem", **{"Investering (kr)": 900_000}),
        need_row("A-3", "Avdelning A", Titel="Schemaläggning i skolan",
                 **{"Strategisk betydelse (1-5)": 5, "Risk (1-5)": 4}),
    ]


@pytest.fixture(scope="module")
def plans_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    write_csv(folder / "plan.csv", small_rows())
    return folder


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="module")
def content(plans_dir: Path, store_dir: Path) -> report.ReportContent:
    settings = report.resolve(budget=600_000, data_paths=[plans_dir], store_dir=store_dir,
                              samples=400, seed=7, built="2026-11-05T10:00:00+00:00")
    return report.compute(settings)


# --------------------------------------------------------------------------- resolving


def test_missing_scenario_is_a_swedish_error_and_creates_no_store(plans_dir, tmp_path):
    empty = tmp_path / "nowhere"
    with pytest.raises(report.ReportError, match="finns inte") as err:
        report.resolve(scenario_name="Finns ej", data_paths=[plans_dir], store_dir=empty)
    assert "Finns ej" in str(err.value)
    assert not (empty / store.DB_NAME).exists()


def test_missing_scenario_lists_the_saved_ones(plans_dir, tmp_path):
    store.Store(tmp_path).save_scenario(Scenario(name="Plan A", budget=1e6))
    with pytest.raises(report.ReportError, match="Plan A"):
        report.resolve(scenario_name="Plan B", data_paths=[plans_dir], store_dir=tmp_path)


def test_bad_data_lists_every_error(tmp_path):
    rows = [need_row("X-1", Titel=None), need_row("X-1", **{"Risk (1-5)": 9})]
    write_csv(tmp_path / "trasig.csv", rows)
    with pytest.raises(report.ReportError) as err:
        report.resolve(budget=1, data_paths=[tmp_path / "trasig.csv"], store_dir=tmp_path)
    message = str(err.value)
    assert message.startswith("Planerna innehåller fel")
    assert "trasig.csv" in message and len(message.splitlines()) >= 3


def test_missing_file_is_bad_data(tmp_path):
    with pytest.raises(report.ReportError, match="Planerna innehåller fel"):
        report.resolve(budget=1, data_paths=[tmp_path / "saknas.xlsx"], store_dir=tmp_path)


def test_scenario_and_weights_together_are_refused(plans_dir, tmp_path):
    with pytest.raises(report.ReportError, match="antingen"):
        report.resolve(scenario_name="X", weights={"nytta": 1}, data_paths=[plans_dir], store_dir=tmp_path)


def test_a_budget_is_required(plans_dir, tmp_path):
    with pytest.raises(report.ReportError, match="budget"):
        report.resolve(data_paths=[plans_dir], store_dir=tmp_path)


def test_unknown_criterion_in_weights(plans_dir, tmp_path):
    with pytest.raises(report.ReportError, match="Vikterna"):
        report.resolve(weights={"skonhet": 1}, budget=1, data_paths=[plans_dir], store_dir=tmp_path)


@pytest.mark.parametrize(("name", "value"), [("samples", 0), ("seed", -1), ("spread", 1.5),
                                             ("built", "igår"), ("built", "2026-11-05T10:00:00")])
def test_bad_analysis_settings(plans_dir, tmp_path, name, value):
    with pytest.raises(report.ReportError, match=name):
        report.resolve(budget=1, data_paths=[plans_dir], store_dir=tmp_path, **{name: value})


def test_saved_scenario_is_used_with_its_weights(plans_dir, tmp_path):
    saved = Scenario(name="Ekonomi", weights={"nytta": 3, "kostnad": 1}, budget=500_000,
                     method="topsis", author="Kim", note="Budgetförslag <b>2027</b>")
    store.Store(tmp_path).save_scenario(saved)
    settings = report.resolve(scenario_name=" Ekonomi ", data_paths=[plans_dir], store_dir=tmp_path,
                              samples=50)
    assert settings.scenario.weights == {"nytta": 3.0, "kostnad": 1.0}
    assert settings.scenario.method == "topsis" and settings.from_store
    params = settings.notebook_parameters("/tmp/x")
    assert params["scenario_name"] == " Ekonomi " and params["budget"] == -1.0
    content = report.compute(settings)
    assert content.weights_source == "scenario"
    assert content.weights["nytta"] == pytest.approx(0.75)
    assert content.rank_result.method == "topsis"
    head = report.header_html(content)
    assert "Budgetförslag &lt;b&gt;2027&lt;/b&gt;" in head and "<b>2027" not in head


def test_budget_given_at_build_time_replaces_the_scenarios(plans_dir, tmp_path):
    store.Store(tmp_path).save_scenario(Scenario(name="S", budget=100_000, preset="Ekonomi först"))
    settings = report.resolve(scenario_name="S", budget=700_000, data_paths=[plans_dir],
                              store_dir=tmp_path, samples=50)
    assert settings.scenario.budget == 700_000 and settings.saved_budget == 100_000
    content = report.compute(settings)
    assert content.weights_source == "preset"
    assert "ersätter scenariots 0,1\u00a0mnkr" in report.summary_html(content)


# --------------------------------------------------------------------------- numbers


def test_portfolio_respects_budget_and_explains_every_unfunded_need(content):
    frame = tables.portfolio_frame(content)
    numbers = tables.summary_numbers(content)
    assert numbers["funded_cost"] <= 600_000
    assert numbers["funded"] + numbers["unfunded"] == numbers["needs"] == 8
    assert set(frame.loc[frame["chosen"], "id"]) == set(content.funded_ids)
    unfunded = frame[~frame["chosen"]]
    assert (unfunded["reason"].str.len() > 0).all()
    # C-1 has no investment, C-3 alone costs more than the budget
    assert {"C-1", "C-3"} <= set(unfunded["id"])
    assert "B-2" in content.funded_ids  # lagkrav is forced in
    assert frame.set_index("id").loc["B-2", "reason"] == "lagkrav – måste finansieras"


def test_benefits_match_a_hand_calculation(content):
    """Each complete funded need: övrig nytta 5 000 kr (finansiell) and
    ärenden × 10 min / 60 × timkostnad (omfördelning), fully built: at the
    adoption ramp's last value (the portfolio summary's "full per year")."""
    cfg = config.load("benefits")["timkostnad"]
    ceiling = config.load("benefits")["nyttjandegrad"]["ramp"][-1]
    hourly = cfg["manadslon_standard"] / cfg["timmar_per_manad"] * cfg["paslag"]
    needs = content.needs.set_index("id")
    complete_funded = [i for i in content.funded_ids if pd.notna(needs.loc[i, "investment"])]
    expected_fin = 5_000 * len(complete_funded)
    expected_red = sum(needs.loc[i, "cases_per_year"] * 10 / 60 * hourly for i in complete_funded)
    numbers = tables.summary_numbers(content)
    assert numbers["benefit_financial_per_year"] == pytest.approx(expected_fin * ceiling)
    assert numbers["benefit_redistribution_per_year"] == pytest.approx(expected_red * ceiling)


def test_benefit_types_are_never_added_together(content):
    for table in (tables.benefits_total_table(content), tables.benefits_department_table(content)):
        assert "Finansiell nytta (kr)" in table.columns and "Omfördelningsnytta (kr)" in table.columns
        assert not any("total" in str(c).lower() for c in table.columns)
    per_dept = tables.benefits_department_table(content).groupby("År")["Finansiell nytta (kr)"].sum()
    total = tables.benefits_total_table(content).set_index("År")["Finansiell nytta (kr)"]
    assert per_dept.reindex(total.index, fill_value=0).to_numpy() == pytest.approx(total.to_numpy())


def test_reasons_are_counted_without_need_ids(content):
    table = tables.reasons_table(content)
    frame = tables.portfolio_frame(content)
    assert table["Behov"].sum() == (~frame["chosen"]).sum()
    assert not table["Motivering"].str.contains("C-1|C-3|A-2").any()


def test_priority_table_is_ranked_with_unranked_last(content):
    table = tables.priority_table(content)
    ranks = table["Rang"].astype(float)
    assert ranks.dropna().is_monotonic_increasing
    assert ranks.isna().sum() == len(content.excluded)
    if len(content.excluded):
        assert ranks.iloc[-len(content.excluded):].isna().all()


def test_weights_table_shows_the_weights_used(content):
    table = tables.weights_table(content)
    assert len(table) == len(content.criteria)
    shares = table["Vikt"].str.replace("\u00a0%", "", regex=False).astype(float)
    assert shares.sum() == pytest.approx(100, abs=len(table))  # rounded percentages


def test_smaa_shares_are_probabilities_summing_to_top_n(content):
    """Every weight sample puts exactly N needs in its top N."""
    p = content.robustness["p_top"]
    assert ((p >= 0) & (p <= 1)).all()
    assert p.sum() == pytest.approx(content.top_n)


def test_same_settings_give_the_same_numbers(plans_dir, store_dir, content):
    again = report.compute(report.resolve(budget=600_000, data_paths=[plans_dir], store_dir=store_dir,
                                          samples=400, seed=7, built="2030-01-01T00:00:00+00:00"))
    first, second = report.numbers(content), report.numbers(again)
    assert first.pop("built") != second.pop("built")
    assert first == second


def test_assumptions_come_from_the_config(content):
    cfg = config.load("benefits")
    table = tables.assumptions_table(content).set_index("Antagande")["Värde"]
    rate = cfg["kalkyl"]["diskonteringsranta"] * 100
    assert table["Diskonteringsränta (real)"] == f"{rate:g}\u00a0%".replace(".", ",")
    assert table["Kalkylperiod"].startswith(f"{cfg['kalkyl']['ar']} år")
    html = report.assumptions_html(content)
    assert f"{cfg['timkostnad']['timmar_per_manad']} h" in html


def test_colophon_names_scenario_fingerprint_version_and_date(content):
    table = tables.colophon_table(content).set_index("Uppgift")["Värde"]
    assert table["Scenario"] == content.scenario.name
    assert table["Datafingeravtryck"] == content.settings.plans.fingerprint
    assert table["kstad-version"] == __version__
    assert table["Byggd"] == "2026-11-05T10:00:00+00:00"


def test_fingerprint_mismatch_is_pointed_out(plans_dir, tmp_path):
    store.Store(tmp_path).save_scenario(Scenario(name="Gammal", budget=500_000,
                                                 data_fingerprint="0" * 64))
    content = report.compute(report.resolve(scenario_name="Gammal", data_paths=[plans_dir],
                                            store_dir=tmp_path, samples=50))
    assert "sparades mot andra planer" in report.summary_html(content)
    assert "0" * 64 in tables.colophon_table(content)["Värde"].tolist()


# --------------------------------------------------------------------------- HTML and files


def test_user_text_is_escaped_everywhere(content):
    html = "".join(report.sections(content))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror" not in html


def test_charts_are_inline_svg_without_urls(content):
    for chart in (charts.priority_chart(content), charts.benefits_chart(content),
                  charts.robustness_chart(content)):
        picture = charts.svg(chart)
        assert picture.startswith("<svg") and "<script" not in picture
        assert report.external_references(picture) == []


def test_benefits_chart_has_one_bar_per_year_and_type(content):
    spec = charts.benefits_chart(content)
    data = pd.DataFrame(spec["datasets"][next(iter(spec["datasets"]))])
    assert data.groupby("år").size().eq(3).all()
    assert set(data["slag"]) == {"IT-kostnad (kr)", "Finansiell nytta (kr)", "Omfördelningsnytta (kr)"}


def test_excel_is_neutralised_and_numbers_are_json(content, tmp_path):
    written = report.save_outputs(content, tmp_path)
    book = load_workbook(written["xlsx"])
    assert {"7 Rangordning", "7 Portfölj", "4 Gemensamma behov", "2 Effekthemtagning",
            "2 Ekonomi per behov", "2 Kommunen per år", "3 Uppföljning"} <= set(book.sheetnames)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert "'" + INJECTION in texts
    data = json.loads(written["numbers"].read_text(encoding="utf-8"))
    assert data["summary"]["funded"] == len(content.funded_ids)
    assert data["funded_ids"] == sorted(content.funded_ids)


def test_external_reference_finder():
    page = ('<img src="https://cdn.example/x.png"><a href="#top">x</a>'
            '<link href="//cdn.example/a.css"><svg xmlns="http://www.w3.org/2000/svg">'
            '<image xlink:href="data:image/png;base64,AAAA"/></svg>'
            "<style>@import 'http://e.example/b.css'; .a{background:url(http://e.example/c.png)}"
            ".b{background:url(data:image/png;base64,AA)}</style>")
    assert report.external_references(page) == [
        "//cdn.example/a.css", "http://e.example/b.css", "http://e.example/c.png",
        "https://cdn.example/x.png",
    ]


def test_page_shell_is_self_contained(content):
    page = report.wrap_page("".join(report.sections(content)), "Rapport <test>")
    assert report.external_references(page) == []
    assert "<title>Rapport &lt;test&gt;</title>" in page
    assert re.search(r"<html lang=\"sv\">", page)


#: Plan text that looks like markup or an attribute; it reaches the page escaped.
HOSTILE_TEXTS = ("<img src=x onerror=alert(1)>", "Lagring av data = 2 TB",
                 "data=2", "href=http://x", "<link href=https://cdn.example/a.css>")


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_escaped_text_is_not_a_reference(text):
    page = f"<p>{report.esc(text)}</p><td title=\"{report.esc(text)}\">{report.esc(text)}</td>"
    assert report.external_references(page) == []


def test_real_references_are_still_found():
    page = ('<p>data = 2</p><img src="http://x"><link rel="stylesheet" href="https://cdn.example/a.css">'
            '<div style="background:url(http://x/b.png)">href=http://y</div>'
            '<img srcset="a.png 1x, https://s.example/b.png 2x"><object data="http://o.example/o">'
            '</object><form action="https://f.example/post"></form><video poster=//p.example/p.jpg>'
            '<a href="javascript:alert(1)">x</a>')
    assert report.external_references(page) == [
        "//p.example/p.jpg", "a.png", "http://o.example/o", "http://x", "http://x/b.png",
        "https://cdn.example/a.css", "https://f.example/post", "https://s.example/b.png",
        "javascript:alert(1)",
    ]


def test_css_outside_style_is_text():
    assert report.external_references("<p>background:url(http://x) @import 'http://y';</p>") == []
    assert report.external_references("<style>@import \"http://y\";</style>") == ["http://y"]


def test_hostile_plan_text_gives_a_self_contained_page(tmp_path, store_dir):
    rows = small_rows()
    rows[0]["Titel"], rows[0]["Beskrivning"] = HOSTILE_TEXTS[0], " ".join(HOSTILE_TEXTS)
    rows[6]["Titel"] = HOSTILE_TEXTS[1]
    write_csv(tmp_path / "plan.csv", rows)
    settings = report.resolve(budget=600_000, data_paths=[tmp_path], store_dir=store_dir,
                              samples=50, seed=7, built="2026-11-05T10:00:00+00:00")
    page = report.wrap_page("".join(report.sections(report.compute(settings))), HOSTILE_TEXTS[0])
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert report.external_references(page) == []


def shared_rows() -> list[dict[str, object]]:
    """E-signering asked for by three förvaltningar (one bastjänst candidate) and two others."""
    return [
        need_row("A-1", "Avdelning A", Titel="Digital signering av avtal", Beskrivning=SIGN_TEXT,
                 **{"Investering (kr)": 400_000, "Driftkostnad per år (kr)": 40_000}),
        need_row("B-1", "Avdelning B", Titel="Digital signering av beslut", Beskrivning=SIGN_TEXT,
                 **{"Investering (kr)": 300_000, "Driftkostnad per år (kr)": 20_000}),
        need_row("C-1", "Avdelning C", Titel="Digital signering av intyg", Beskrivning=SIGN_TEXT,
                 **{"Investering (kr)": 100_000, "Driftkostnad per år (kr)": 20_000}),
        need_row("C-2", "Avdelning C", Titel="Chattbot för invånare", **{"Ärenden per år": 20_000}),
        need_row("A-2", "Avdelning A", Titel="Schemaläggning i skolan"),
    ]


@pytest.fixture(scope="module")
def shared_content(tmp_path_factory: pytest.TempPathFactory, store_dir: Path) -> report.ReportContent:
    folder = tmp_path_factory.mktemp("shared-plans")
    write_csv(folder / "plan.csv", shared_rows())
    settings = report.resolve(budget=800_000, data_paths=[folder], store_dir=store_dir,
                              samples=200, seed=7, built="2026-11-05T10:00:00+00:00")
    return report.compute(settings)


def test_bastjanst_members_carry_a_share_of_the_shared_cost(shared_content):
    c = shared_content
    chosen = c.portfolio.shared[c.portfolio.shared["chosen"]]
    assert list(chosen["candidate_id"]) == [c.candidates["candidate_id"].iloc[0]]
    # shared build: 400 000 + 2 × 75 000 = 550 000 kr, split 4:3:1 by the members' own investment
    assert float(chosen["cost"].iloc[0]) == 550_000
    charged = c.charged.set_index("id")
    assert charged.loc[["A-1", "B-1", "C-1"], "investment"].tolist() == pytest.approx(
        [275_000, 206_250, 68_750])
    running = float(chosen["running_cost"].iloc[0])
    assert charged.loc[["A-1", "B-1", "C-1"], "running_cost"].tolist() == pytest.approx(
        [running * 0.5, running * 0.25, running * 0.25])
    assert charged.loc[["C-2", "A-2"], "investment"].tolist() == [100_000, 100_000]


def test_report_investment_equals_the_portfolio_cost(shared_content):
    c = shared_content
    flows = c.flows
    assert flows.loc[flows["t"] == 0, "it_cost"].sum() == pytest.approx(c.portfolio.totals["cost"])
    assert tables.funded_table(c)["Investering (kr)"].sum() == pytest.approx(c.portfolio.totals["cost"])
    per_dep = c.by_department.groupby("department")["it_cost"].sum().sum()
    assert per_dep == pytest.approx(flows["it_cost"].sum())
    # NPV from the charged costs: independent sum over the members' own economics
    from kstad_analysis import benefits

    econ = benefits.need_economics(c.charged, c.params)
    expected = econ[econ["id"].isin(c.funded_ids)]["npv"].sum()
    separate = benefits.need_economics(c.needs, c.params)
    assert tables.summary_numbers(c)["npv"] == pytest.approx(expected)
    # sharing saves 800 000 − 550 000 kr investment, and running cost, on the same benefits
    gain = expected - separate[separate["id"].isin(c.funded_ids)]["npv"].sum()
    assert gain > 250_000 * 0.99


def test_sums_of_both_benefit_types_are_labelled(content):
    html = report.summary_html(content)
    n = tables.summary_numbers(content)
    assert f"{report.esc(mnkr(n['npv']))} inkl. omfördelningsnytta" in html
    assert f"med enbart finansiell nytta {report.esc(mnkr(n['npv_financial']))}" in html
    assert "varav" not in html
    assert "återbetald" in html and "räknat med omfördelningsnytta" in html
    assert "Ackumulerat netto inkl. omfördelning (kr)" in tables.benefits_total_table(content).columns


@pytest.mark.parametrize(("status", "text"), [
    ("optimal", "optimal lösning"), ("time_limit", "tidsgränsen nåddes"),
    ("infeasible", "inget tillåtet urval"), ("weird", "okänd (weird)"),
])
def test_solver_status_is_swedish(status, text):
    assert report_html.status_text(status).startswith(text)


def test_summary_shows_no_raw_status(content):
    assert "lösarstatus: optimal lösning" in report.summary_html(content)


def test_bastjanst_table_names_the_candidate_and_who_gains(shared_content):
    c = shared_content
    cand = c.candidates.iloc[0]
    table = tables.bastjanst_table(c)
    assert table["ID"].tolist() == [cand["candidate_id"]]
    assert table["Vinner"].iloc[0] == "; ".join(cand["gaining_departments"])
    assert set(table["Vinner"].iloc[0].split("; ")) == {"Avdelning A", "Avdelning B", "Avdelning C"}
    detail = tables.bastjanst_table(c, detail=True)["Vinner"].iloc[0]
    assert detail == "; ".join(f"{d}: {kr(v)}" for d, v in cand["saving_by_department"])
    # the funded list's reason names the same ID
    funded = tables.funded_table(c).set_index("ID")
    assert cand["candidate_id"] in funded.loc["A-1", "Motivering"]
    html = report.shared_html(c)
    prose = re.sub(r"<table.*?</table>", "", html, flags=re.S)
    assert report.esc(cand["label"]) in prose and cand["candidate_id"] not in prose  # ids only in tables
    assert f">{cand['candidate_id']}<" in html
    assert "i proportion till vad de hade kostat var för sig" in html


def test_funding_shares_are_the_core_index_and_no_weight_draw_is_solved(plans_dir, store_dir,
                                                                       monkeypatch):
    """Issue 13: the "beror på vikterna" figures come from the robust core, so the
    report solves the portfolio once plus once per budget level, never per weight
    draw. Independent path: the kernel's own core index over its items, with the
    recommendation counted as Analysis.core counts it."""
    from kstad_analysis.analysis import Analysis
    from kstad_analysis.report.content import BUDGET_LEVELS

    calls = []
    solve = Analysis.portfolio
    monkeypatch.setattr(Analysis, "portfolio",
                        lambda self, *a, **k: calls.append(k) or solve(self, *a, **k))
    settings = report.resolve(budget=600_000, data_paths=[plans_dir], store_dir=store_dir,
                              samples=50, seed=7, built="2026-11-05T10:00:00+00:00")
    c = report.compute(settings)
    assert len(calls) == 1 + len(BUDGET_LEVELS)
    found = c.core.core
    k = len(found.portfolios)
    problem = c.portfolio._problem
    alone = {str(problem.ids[i]): i for i in range(problem.n_needs)
             if not any(i in m for m in problem.members.values())}
    shares = c.funding.set_index("id")
    assert (shares["samples"] == k + 1).all()
    for need, i in alone.items():
        rec = float(need in c.funded_ids)
        assert shares.loc[need, "p_funded"] == pytest.approx((found.core_index[i] * k + rec) / (k + 1))
    label = {1.0: "kärna", 0.0: "utanför"}
    for need, p in shares["p_funded"].items():
        assert c.core.labels[need] == label.get(float(p), "gränsfall")
    numbers = report.numbers(c)["robustness"]
    assert numbers["funding_samples"] == k + 1
    assert numbers["p_funded"] == pytest.approx(shares["p_funded"].to_dict())
    depends = sorted(i for i, lab in c.core.labels.items() if lab == "gränsfall")
    assert numbers["funding_depends"] == depends == sorted(tables.funding_table(c)["ID"])
    html = report.robustness_html(c)
    assert "inte ett urval slumpade vikter" in html and "dragning" not in html


def test_funding_shares_without_weight_uncertainty_are_the_portfolio(plans_dir, store_dir):
    settings = report.resolve(budget=600_000, data_paths=[plans_dir], store_dir=store_dir,
                              samples=50, seed=7, spread=0.0, built="2026-11-05T10:00:00+00:00")
    c = report.compute(settings)
    shares = c.funding.set_index("id")["p_funded"]
    assert {i for i, v in shares.items() if v == 1.0} == set(c.funded_ids)
    assert set(shares.unique()) <= {0.0, 1.0} and tables.funding_table(c).empty

