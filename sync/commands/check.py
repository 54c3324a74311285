"""`regsync check`: read the config and every source, say what would be read, change nothing.

With [publish], also whether the spreadsheet can be reached and written (by a write that
changes nothing)."""

from __future__ import annotations

from typing import Any

from sync.config import Config, FileSource, ImapSource
from sync.headers import map_headers
from sync.pull import pull_source


def check(config: Config, *, google_adapter: Any = None) -> str:
    lines = [f"config {config.path}: OK"]
    for source in config.sources:
        lines.append("")
        if isinstance(source, ImapSource):
            from sync.sources.mailbox import describe_mailbox
            from sync.store import peek_mailbox_memory

            security = "STARTTLS" if source.starttls else "TLS"
            lines.append(f"source '{source.name}' (imap): {source.user} on {source.host}:"
                         f"{source.port} ({security})")
            lines += describe_mailbox(source, peek_mailbox_memory(config.store_path, source.name))
            continue
        if isinstance(source, FileSource):
            lines.append(f"source '{source.name}' ({source.type}): {source.path}")
            table = pull_source(source)
            headers, rows, where = table.headers, len(table.rows), table.where
        else:
            from sync.sources.google_sheet import describe_google_sheet

            info = describe_google_sheet(source, adapter=google_adapter)
            lines.append(f"source '{source.name}' (google_sheet): key {source.key}")
            for key in ("account", "title", "tab", "time_zone", "locale"):
                if info.get(key):
                    lines.append(f"  {key.replace('_', ' ')}: {info[key]}")
            headers, rows = info["headers"], info["rows"]
            where = f"Google Sheet '{info['title']}', tab '{info['tab']}'"
        mapping = map_headers(headers, source.columns, where)
        lines.append(f"  answer rows: {rows}")
        lines.append("  columns found:")
        for field, header in mapping.items():
            lines.append(f"    {field:<13} <- {header!r}")
        extras = [h for h in headers if h not in mapping.values()]
        if extras:
            lines.append(f"  kept as other answers: {', '.join(repr(h) for h in extras)}")
    if config.publish is not None:
        lines.append("")
        lines.extend(_publish_target(config, google_adapter))
    lines.append("")
    lines.append(f"report: {config.report.dir} (language {config.report.language}); "
                 f"store: {config.store_path}")
    lines.append("nothing was changed")
    return "\n".join(lines)


def _publish_target(config: Config, google_adapter: Any) -> list[str]:
    """Reachable and writable, or a PublishError (exit 5) saying why not."""
    from sync.publish.google_sheet import describe_publish_target

    info = describe_publish_target(config.publish, adapter=google_adapter)
    return [f"publish to Google Sheet '{info['title']}': key {config.publish.key}",
            f"  account: {info['account']}",
            "  writable: yes",
            f"  regsync's tabs: {_some(info['ours']) or 'none yet (made on the first run)'}",
            f"  other tabs (never touched): {_some(info['others']) or 'none'}"]


def _some(titles: list[str], shown: int = 6) -> str:
    """A few titles, then how many more: one tab per institution makes a long list."""
    more = f" and {len(titles) - shown} more" if len(titles) > shown else ""
    return ", ".join(titles[:shown]) + more
