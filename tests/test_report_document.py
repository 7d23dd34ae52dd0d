"""The decision document on the bundled sample: page 1's figures, the
economics per förvaltning and nämnd, siffror.json's flows and the workbook.

Every figure is recomputed here from something independent of the code that
printed it: the flows in ``siffror.json`` (discounted by hand), the needs
frame, the config. No kernel or browser: ``report.compute`` runs the chain.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from kstad_analysis import config, report
from kstad_analysis.formatting import MINUS, mnkr
from kstad_analysis.report import document, economics, tables

FLOW_KEYS = {"year", "investment", "running_cost", "benefit_financial", "benefit_redistribution", "net"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> report.ReportContent:
    store = tmp_path_factory.mktemp("store")
    settings = report.resolve(budget=15_000_000, store_dir=store, samples=300,
                              built="2027-03-01T09:00:00+01:00")
    return report.compute(settings)


@pytest.fixture(scope="module")
def outputs(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    written = report.save_outputs(sample, out)
    return json.loads(written["numbers"].read_text(encoding="utf-8")), load_workbook(written["xlsx"])


@pytest.fixture(scope="module")
def page(sample) -> str:
    return "".join(report.sections(sample))


# --------------------------------------------------------------------------- siffror.json


def test_flows_hold_exactly_the_portfolio_keys_and_the_npv_is_them_discounted(outputs):
    numbers, _ = outputs
    flows = numbers["flows"]
    assert flows and all(set(row) == FLOW_KEYS for row in flows)
    s = numbers["summary"]
    rate, base = s["rate"], s["base_year"]
    assert base == config.load("benefits")["kalkyl"]["basar"]
    by_hand = sum(row["net"] / (1 + rate) ** (row["year"] - base) for row in flows)
    assert s["npv"] == pytest.approx(by_hand, rel=1e-12)
    fin = sum((row["benefit_financial"] - row["investment"] - row["running_cost"])
              / (1 + rate) ** (row["year"] - base) for row in flows)
    assert s["npv_financial"] == pytest.approx(fin, rel=1e-12)
    for row in flows:  # net is both benefits less both costs, never a mix
        assert row["net"] == pytest.approx(row["benefit_financial"] + row["benefit_redistribution"]
                                           - row["investment"] - row["running_cost"])


def test_page_one_totals_recompute_from_the_flows(outputs, page):
    numbers, _ = outputs
    flows, d = numbers["flows"], numbers["decision"]
    assert d["investment_total"] == pytest.approx(sum(r["investment"] for r in flows))
    assert d["investment_total"] == pytest.approx(numbers["summary"]["funded_cost"])
    assert d["running_per_year"] == pytest.approx(
        {str(r["year"]): r["running_cost"] for r in flows if r["running_cost"]})
    assert d["running_full_per_year"] == pytest.approx(max(r["running_cost"] for r in flows))
    cumulative = np.cumsum([r["net"] for r in flows])
    first_paid = next(i for i in range(len(flows)) if (cumulative[i:] >= 0).all())
    assert d["payback_year"] == flows[first_paid]["year"]
    # page 1 states them rounded to mnkr with one decimal
    first = page[page.index('id="beslut"'):page.index('id="ekonomi"')]
    for value in (d["investment_total"], d["running_full_per_year"], d["npv"],
                  d["benefit_financial_full_per_year"], d["benefit_redistribution_full_per_year"]):
        assert report.esc(mnkr(value)) in first, mnkr(value)
    assert f"{numbers['summary']['funded']} av {numbers['summary']['needs']}" in first


def test_locked_share_is_the_lagkrav_investment(sample, outputs):
    numbers, _ = outputs
    lock = numbers["decision"]["locked"]
    charged = sample.charged.set_index(sample.charged["id"].astype(str))
    legal = [i for i in sample.funded_ids if charged.loc[i, "legal"] is not pd.NA
             and bool(charged.loc[i, "legal"])]
    assert lock["legal_ids"] == sorted(legal)
    total = charged.loc[list(sample.funded_ids), "investment"].sum()
    assert lock["share"] == pytest.approx(charged.loc[legal, "investment"].sum() / total)


# --------------------------------------------------------------------------- economics


def test_costs_and_effects_per_department_add_up_to_the_portfolio_per_year(sample):
    flows = sample.portfolio_flows.set_index("year")
    costs = economics.cost_by_department(sample).groupby("year")[["investment", "running_cost"]].sum()
    effect = economics.effect_by_department(sample).groupby("year")[
        ["benefit_financial", "benefit_redistribution"]].sum()
    for key in ("investment", "running_cost"):
        assert costs[key].reindex(flows.index, fill_value=0).to_numpy() == pytest.approx(
            flows[key].to_numpy())
    for key in ("benefit_financial", "benefit_redistribution"):
        assert effect[key].reindex(flows.index, fill_value=0).to_numpy() == pytest.approx(
            flows[key].to_numpy())
    bearers = set(economics.cost_by_department(sample)["cost_bearer"])
    assert bearers <= {config.load("benefits")["ansvar"]["kostnadsbarare"],
                       *config.load("benefits")["ansvar"]["kostnadsbarare_per_kategori"].values()}


def test_freed_time_in_arsarbetare_uses_the_configured_hours(sample):
    cfg = config.load("benefits")
    hours = cfg["effekthemtagning"]["timmar_per_arsarbetare"]
    assert economics.hours_per_fte() == hours
    effect = economics.effect_by_department(sample)
    salaries = cfg["timkostnad"]["manadslon_per_forvaltning"]
    hourly = effect["department"].map(
        lambda d: salaries.get(d, cfg["timkostnad"]["manadslon_standard"])
        / cfg["timkostnad"]["timmar_per_manad"] * cfg["timkostnad"]["paslag"])
    assert (effect["hours"] * hourly).to_numpy() == pytest.approx(
        effect["benefit_redistribution"].to_numpy())
    assert effect["fte"].to_numpy() == pytest.approx(effect["hours"].to_numpy() / hours)
    # the hours equal ärenden × minutes / 60 × adoption, summed over the funded needs
    needs = sample.needs.set_index("id")
    flows = sample.flows[sample.flows["t"] >= 1]
    flows = flows[flows["id"].isin(sample.portfolio_flows.attrs["coverage"]["in_flows"])]
    cases, minutes = needs["cases_per_year"], needs["minutes_saved"]
    direct = sum(float(cases[r.id]) * float(minutes[r.id]) / 60 * r.adoption
                 for r in flows.itertuples() if pd.notna(cases[r.id]) and pd.notna(minutes[r.id]))
    assert effect["hours"].sum() == pytest.approx(direct)
    assert economics.hours_per_fte({"effekthemtagning": {"timmar_per_arsarbetare": 1600}}) == 1600


# --------------------------------------------------------------------------- the document


class _Text(HTMLParser):
    """Headings in order, and prose text outside tables (where ids may not stand)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.prose: list[str] = []
        self._table = 0
        self._heading = False

    def handle_starttag(self, tag, attrs):
        self._table += tag in ("table", "svg")  # a chart is an image named by its alt text
        self._heading = self._heading or tag in ("h1", "h2")

    def handle_endtag(self, tag):
        self._table -= tag in ("table", "svg")
        if tag in ("h1", "h2"):
            self._heading = False

    def handle_data(self, data):
        if self._heading:
            self.headings.append(data)
        elif not self._table:
            self.prose.append(data)


def test_sections_stand_in_the_decision_document_order(page):
    parser = _Text()
    parser.feed(page)
    h2 = [h for h in parser.headings if re.match(r"\d\. ", h)]
    assert [h.split(" ", 1)[1].split(" –")[0] for h in h2] == [
        "Förslag till beslut", "Ekonomiska konsekvenser", "Pågående initiativ och nyttorealisering",
        "Bastjänster", "Robusthet", "Datakvalitet", "Bilagor"]


def test_page_one_groups_the_reasons_by_kind(sample):
    """Page 1 must fit on one page: one row per kind of reason, the counts and
    investment adding up to every unfunded need (recomputed from the frame)."""
    table = tables.reason_groups_table(sample)
    frame = tables.portfolio_frame(sample)
    unfunded = frame[~frame["chosen"]]
    assert table["Behov"].sum() == len(unfunded) == sample.portfolio.table["served"].eq(False).sum()
    assert table["Investering (kr)"].sum() == pytest.approx(unfunded["investment"].sum())
    assert len(table) <= 8 and table["Behov"].is_monotonic_decreasing
    kinds = set(table["Motivering"])
    assert "ryms inte i budget" in kinds
    assert not any(re.search(r"\d|…", k) for k in kinds), kinds  # no amounts, no ids

    def only_budget(reason: str) -> bool:  # every clause is "ryms inte i budget[: amounts]"
        clauses = [c.strip() for c in reason.split(";")]
        heads = {re.split(r":| \(", c)[0] for c in clauses
                 if not c.startswith(("med det blir", "omräkningen nådde"))}
        return heads == {"ryms inte i budget"}

    over = unfunded["reason"].astype(str).map(only_budget)
    assert int(table.set_index("Motivering").loc["ryms inte i budget", "Behov"]) == int(over.sum())


def test_page_one_names_at_most_the_largest_bastjanster(sample, monkeypatch):
    shared = document.chosen_bastjanster(sample)
    assert len(shared) >= 2
    monkeypatch.setattr(document, "BASTJANST_SHOWN", 1)
    html = document.decision_html(sample)
    best = shared.sort_values("saving", ascending=False).iloc[0]
    assert report.esc(best["label"]) in html
    assert all(report.esc(lab) not in html.split("Underlag")[0]
               for lab in shared["label"] if lab != best["label"])
    assert f"och {len(shared) - 1} till (avsnitt 4)" in html


def test_prose_names_no_need_or_group_id_and_no_placeholder(sample, page):
    parser = _Text()
    parser.feed(page)
    prose = " ".join(parser.prose)
    ids = set(sample.needs["id"].astype(str)) | set(sample.candidates["candidate_id"].astype(str))
    named = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", prose))
    assert named == []
    assert "Rapport utan sparat scenario" not in page
    assert "Budgetförslag 15,0\u00a0mnkr" in page  # the settings name the report


def test_amounts_use_a_true_minus_and_units_stand_once_per_table(sample, page):
    cells = re.findall(r'<td class="[^"]*kstad-num[^"]*">([^<]*)</td>', page)
    assert cells and not [c for c in cells if c.startswith("-")]
    assert any(c.startswith(MINUS) for c in cells)  # npv_financial per need is negative somewhere
    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        body = re.findall(r'<td class="[^"]*kstad-num[^"]*">([^<]*)</td>', table)
        assert not [c for c in body if re.search(r"(kr|tkr|mnkr)$", c)], "unit in a cell"
        units = re.findall(r"Belopp i (kr|tkr|mnkr)", table)
        assert len(units) <= 1


def test_robustness_is_one_classification_everywhere(sample, outputs, page):
    numbers, _ = outputs
    counts = tables.core_counts(sample)
    assert numbers["robustness"]["core_counts"] == counts
    classes = pd.Series(numbers["robustness"]["core"])
    assert (classes == "core").sum() == counts["core"]
    assert set(classes[classes == "core"].index) <= set(sample.funded_ids)
    assert report.esc(document.robustness_sentence(sample)) in page
    assert f"Kärna: {counts['core']} finansierade behov" in page
    assert "Av de finansierade behoven beror" not in page  # the old, contradicting sentence


def test_budget_levels_are_solved_again(sample):
    levels = {round(r["share"], 2): r for r in sample.budget_levels}
    assert set(levels) == {0.8, 0.9, 1.1, 1.2}
    for share, row in levels.items():
        assert row["cost"] <= 15_000_000 * share + 1e-6
        assert set(row["funded"]) == (set(sample.funded_ids) - set(row["removed"])) | set(row["added"])
    assert len(levels[1.2]["funded"]) >= len(levels[0.8]["funded"])


def test_charts_carry_swedish_text_alternatives(page):
    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) >= 3
    for tag in svgs:
        label = re.search(r'aria-label="([^"]+)"', tag)
        assert 'role="img"' in tag and label and label.group(1).startswith("Stapeldiagram")
    assert "aria-roledescription" not in page and 'role="graphics' not in page  # Vega's English


def test_tracking_section_is_the_uppfoljning_register(sample, page):
    frame = document.tracking_frame(sample)
    register = sample.settings.plans.register
    assert set(frame["id"]) == set(register["id"].astype(str))
    assert frame["planned"].sum() == pytest.approx(pd.to_numeric(register["planned"]).sum())
    section = page[page.index('id="uppfoljning"'):page.index('id="bastjanster"')]
    for title in frame["title"]:
        assert report.esc(title) in section


def test_bastjanster_are_named_by_concept(sample, page):
    section = page[page.index('id="bastjanster"'):page.index('id="robusthet"')]
    labels = set(sample.candidates["label"].astype(str))
    assert "Digital signering" in labels
    assert all(report.esc(label) in section for label in document.chosen_bastjanster(sample)["label"])
    keywords = [", ".join(k) for k in sample.shared.summary["keywords"] if len(k)]
    assert not [k for k in keywords if report.esc(k) in section]


# --------------------------------------------------------------------------- the workbook


def test_workbook_has_swedish_headers_number_formats_and_ja_nej(outputs):
    _, book = outputs
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        assert all(isinstance(h, str) for h in header), sheet.title
        assert not [h for h in header if re.search(r"contrib_|served_by|member_ids|_id$|^[a-z_]+$", h)]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
        assert all(c.font.bold for c in sheet[1]), sheet.title
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert not isinstance(cell.value, bool), f"{sheet.title}!{cell.coordinate}"
                assert cell.data_type != "f"
    econ = book["2 Ekonomi per behov"]
    header = [c.value for c in econ[1]]
    money = econ.cell(row=2, column=header.index("Investering (kr)") + 1)
    assert isinstance(money.value, int | float) and not isinstance(money.value, bool)
    assert money.number_format == "#,##0"  # a number with a number format, not text
    assert econ.cell(row=2, column=header.index("Startår") + 1).number_format == "0"
    assert {econ.cell(row=r, column=header.index("Finansieras") + 1).value
            for r in range(2, econ.max_row + 1)} == {"ja", "nej"}
    robust = book["5 Robusthet"]
    header = [c.value for c in robust[1]]
    share = header.index("Andel icke-dominerade portföljer") + 1
    assert robust.cell(row=2, column=share).number_format == "0%"
    years = book["2 Kommunen per år"]
    assert [c.value for c in years["A"][1:]] == [r for r in range(2023, 2023 + years.max_row - 1)]
