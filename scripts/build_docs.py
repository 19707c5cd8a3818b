#!/usr/bin/env python3
"""Render the user documentation (docs/*.md) to HTML pages that ship inside the plugin.

The panel's and the settings page's "Hjälp" buttons open ``docs/gui.html`` of the installed plugin
(``adapters.resources.docs_path``), so help works without network and without the checkout.
Usage: build_docs.py OUT_DIR   (scripts/package.sh passes <stage>/serviceperspektiv/docs)
"""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The pages a planner reads; packaging.md and benchmarks.md are for developers.
PAGES = ("gui", "analysis", "placeanalysis", "data-sources", "detaljplan", "layouts", "catchments")
STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}"
         "img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em}"
         "code{background:#f3f3f3}nav a{margin-right:1em}")


def render(page: str, out: Path) -> list[str]:
    """Write out/<page>.html; return the images it uses (paths relative to docs/)."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    # Links between the pages point at the rendered .html; links to other files stay as they are.
    text = re.sub(r"\]\((?!https?:)([\w.-]+)\.md(#[\w-]*)?\)", lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", text)
    body = markdown.markdown(text, extensions=["tables", "fenced_code"])
    title = re.search(r"^#+\s*(.+)$", text, re.M)
    nav = " ".join(f'<a href="{p}.html">{p}</a>' for p in PAGES if (DOCS / f"{p}.md").is_file())
    page_html = (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>'
                 f'{html.escape(title.group(1) if title else page)} – Serviceperspektiv</title>'
                 f"<style>{STYLE}</style></head><body><nav>{nav}</nav>{body}</body></html>\n")
    (out / f"{page}.html").write_text(page_html, encoding="utf-8")
    return re.findall(r'<img[^>]+src="(?!https?:)([^"]+)"', body)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    images: set[str] = set()
    for page in PAGES:
        if (DOCS / f"{page}.md").is_file():
            images.update(render(page, out))
    for image in sorted(images):
        source = DOCS / image
        if source.is_file():
            (out / image).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out / image)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
