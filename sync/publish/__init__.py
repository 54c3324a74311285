"""Publishing the report's lists where the organizers already work: a Google spreadsheet.

tabs.py builds the tabs from the workbook's own tables (pure), plan.py works out what to
ask of Google (pure), google_sheet.py asks it. Only runs with a [publish] table import them.
"""
