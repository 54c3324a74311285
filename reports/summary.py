"""The Summary sheet (the figures, with a chart beside each table) and the By day sheet.

Every figure equals the rows of the sheet it stands for: participants, the Needs review
lines, the merges on the Duplicates sheet, the new participants on the New sheet.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd

from reports.labels import label
from reports.model import ReportData, row_ref
from reports.tables import ROLE_ORDER, Block, Chart, SheetSpec, sized
from reports.layout import line_heights

TOP_INSTITUTIONS = 10  # bars on the Summary chart
SUMMARY_WIDTHS = [46, 16, 2]  # figures' names, values, a gap; the charts start in column D
BAR_CM = 1.1  # room per bar: two lines of a long institution's name beside it
CHART_FRAME_CM = 2.5  # a bar chart's title and axis


def summary_sheet(data: ReportData, people: pd.DataFrame, review_lines: int) -> SheetSpec:
    """The figures, the roles and the institutions with most participants, each with its
    chart beside it, laid out so that no chart is cut by a page's end."""
    lang = data.language
    if data.new_ids is None:
        new = label("summary.first_report", lang)
    else:
        new = int(people["participant_id"].isin(data.new_ids).sum())
    no_institution = int((people["institution"] == "").sum())
    metrics = [
        [label("summary.built_at", lang), data.built_at.astimezone(ZoneInfo(data.timezone))
         .replace(tzinfo=None)],
        [label("summary.sources", lang), ", ".join(data.sources)],
        [label("summary.responses", lang), _rows(data.responses)],
        [label("summary.participants", lang), len(people)],
        [label("summary.institutions", lang), int(people["institution"].replace("", pd.NA).nunique())],
        *([[label("summary.no_institution", lang), no_institution]] if no_institution else []),
        [label("summary.new", lang), new],
        [label("summary.merged", lang), len(data.merges)],
        [label("summary.review", lang), review_lines],
        [label("summary.vanished", lang), data.vanished],
        *([label("summary.shrank", lang).format(source), f"{before:,} → {now:,}"]
          for source, before, now in data.shrunk_sources),
    ]
    roles = people["role"].value_counts()
    role_rows = [[label(f"role.{r}", lang), int(roles[r])] for r in (*ROLE_ORDER, "")
                 if roles.get(r, 0)]
    top = (people.loc[people["institution"] != "", "institution"].value_counts()
           .head(TOP_INSTITUTIONS))
    top_rows = [[name, int(n)] for name, n in top.items()]
    count_header = [label("col.count", lang)]
    blocks = [
        Block([], metrics, len(metrics), title=label("summary.title", lang)),
        Block([label("col.role_name", lang), *count_header], role_rows, len(role_rows),
              title=label("summary.roles", lang)),
        Block([label("col.institution", lang), *count_header], top_rows, len(top_rows),
              title=label("summary.top", lang),
              heights=line_heights([[n for n, _ in top_rows]], SUMMARY_WIDTHS, (0,))),
    ]
    days = people["registered_local"].dropna().dt.normalize().nunique()
    charts = [
        Chart("line", label("summary.per_day", lang), 0, column="D",
              data=(label("sheet.by_day", lang), days)),
        Chart("pie", label("summary.roles", lang), 1, column="D"),
        Chart("bar", label("summary.top", lang), 2, column="D",
              height_cm=max(7.5, CHART_FRAME_CM + BAR_CM * len(top_rows))),
    ]
    return SheetSpec(label("sheet.summary", lang), blocks, widths=SUMMARY_WIDTHS, charts=charts,
                     wrap=(0,), keep_on_page=True)


def _rows(responses: pd.DataFrame) -> int:
    """The answer rows behind the responses: a row listing a teacher's group is one."""
    if "ref" not in responses or not responses["ref"].str.contains("/", regex=False).any():
        return len(responses)
    return responses["ref"].map(row_ref).nunique()


def by_day_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
    """Participants new each day (by their first registration), and the total so far."""
    days = people["registered_local"].dropna().dt.normalize().value_counts().sort_index()
    rows = [[day.to_pydatetime().date(), int(n), int(total)]
            for (day, n), total in zip(days.items(), days.cumsum())]
    undated = int(people["registered_local"].isna().sum())
    if undated:  # the sheet adds up to every participant, as the Summary counts them
        rows.append([label("by_day.undated", lang), undated, len(people)])
    header = [label("col.date", lang), label("col.new_participants", lang),
              label("col.so_far", lang)]
    spec = SheetSpec(label("sheet.by_day", lang), [Block(header, rows, len(rows))],
                     as_table=bool(rows), orientation="portrait")
    return sized(spec)
