#!/usr/bin/env python3
"""Turn a corpus from shared/bench/gen_corpus.py into a gongjiang site.

Usage:
    convert_corpus.py CORPUS_DIR SITE_DIR

gen_corpus.py writes pages whose front matter has `tags` and figures without `id` or
`qualifier`. This maps them to gongjiang's content model: `tags` move to `extra.tags`, figures get
ids `f1..` and `qualifier: exact`, content/_index.md gains `site:` settings, and a minimal
templates/ set and static/css/site.css are added. Bodies are copied byte for byte.
Stdlib only; output is a pure function of the input.
"""

import json
import os
import sys

SITE = """site:
  title: "Benchmark corpus"
  description: "gen_corpus.py pages converted for gongjiang"
  base_url: "https://example.org/"
  language: zh-CN
"""

TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ site.language }}">
<head><meta charset="utf-8"><title>{{ page.title }} - {{ site.title }}</title>
<link rel="stylesheet" href="{{ asset_url(path="css/site.css") }}">
<link rel="canonical" href="{{ page.permalink }}"></head>
<body>
<nav>{% for item in menu %}<a href="{{ item.url }}">{{ item.title }}</a> {% endfor %}</nav>
<main>{% block main %}{% endblock main %}</main>
</body></html>
""",
    "index.html": """{% extends "base.html" %}
{% block main %}<h1>{{ site.title }}</h1>{{ page.content | safe }}
<ul>{% for c in children %}<li><a href="{{ c.url }}">{{ c.title }}</a></li>{% endfor %}</ul>
{% endblock main %}
""",
    "section.html": """{% extends "base.html" %}
{% block main %}<h1>{{ page.title }}</h1>{{ page.content | safe }}
<ul>{% for c in children %}<li><a href="{{ c.url }}">{{ c.title }}</a> {{ c.date }}</li>{% endfor %}</ul>
{% endblock main %}
""",
    "page.html": """{% extends "base.html" %}
{% block main %}<h1>{{ page.title }}</h1>
<div class="cards">{% for f in page.figures %}<div class="card"><b>{{ f.display }}</b>{{ f.unit }} {{ f.label }}</div>{% endfor %}</div>
<ol class="toc">{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a></li>{% endfor %}</ol>
{{ page.content | safe }}
{% if prev %}<a rel="prev" href="{{ prev.url }}">{{ prev.title }}</a>{% endif %}
{% if next %}<a rel="next" href="{{ next.url }}">{{ next.title }}</a>{% endif %}
{% endblock main %}
""",
    "404.html": """{% extends "base.html" %}
{% block main %}<h1>Not found</h1><a href="{{ url(path="") }}">Home</a>{% endblock main %}
""",
}

CSS = "body { font-family: sans-serif; max-width: 48rem; margin: 0 auto; }\n"


def split(text):
    """(front matter lines, body) of a `---` delimited page."""
    assert text.startswith("---\n"), "no front matter"
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5:]


def convert_front(lines, is_home):
    out, tags, figure = [], [], 0
    section = None
    for line in lines:
        if line in ("tags:", "figures:"):
            section = line[:-1]
            if section == "figures":
                out.append(line)
            continue
        if section == "tags" and line.startswith("  - "):
            tags.append(json.loads(line[4:]))
            continue
        if section == "figures" and line.startswith("  - label: "):
            figure += 1
            out.append("  - id: f%d" % figure)
            out.append("    qualifier: exact")
            out.append("    label: " + line[len("  - label: "):])
            continue
        if section == "figures" and line.startswith("    "):
            out.append(line)
            continue
        section = None
        out.append(line)
    if tags:
        out.append("extra:")
        out.append("  tags: " + json.dumps(tags, ensure_ascii=False))
    text = "\n".join(out) + "\n"
    return text + SITE if is_home else text


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    src, dest = argv[1], argv[2]
    content = os.path.join(dest, "content")
    for folder, _, files in os.walk(src):
        rel = os.path.relpath(folder, src)
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                lines, body = split(f.read())
            is_home = rel == "." and name == "_index.md"
            target = os.path.normpath(os.path.join(content, rel, name))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as f:
                f.write("---\n" + convert_front(lines, is_home) + "---\n" + body)
    for name, text in TEMPLATES.items():
        path = os.path.join(dest, "templates", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(os.path.join(dest, "static", "css"), exist_ok=True)
    with open(os.path.join(dest, "static", "css", "site.css"), "w", encoding="utf-8") as f:
        f.write(CSS)


if __name__ == "__main__":
    main(sys.argv)
