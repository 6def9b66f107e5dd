"""The published site: Datasette with the project's metadata, templates and plugins."""
import sys
from pathlib import Path

import yaml

from .resources import site_file

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
PLUGINS = HERE / "plugins"
STATIC = HERE / "static"
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 1000,
    "allow_download": True,
    "default_page_size": 50,
    # suggesting facets tries a query per column on every table page: over a second on a large database
    "suggest_facets": False,
}


def metadata():
    return yaml.safe_load(site_file("metadata.yml").read_text(encoding="utf-8"))


def datasette_args(db_path, port=8001, host="127.0.0.1", immutable=False, extra=()):
    """The `datasette serve` command line for a database."""
    args = [sys.executable, "-m", "datasette", "serve"]
    args += ["-i", str(db_path)] if immutable else [str(db_path)]
    args += ["--metadata", str(site_file("metadata.yml")), "--port", str(port), "--host", host]
    if TEMPLATES.is_dir():
        args += ["--template-dir", str(TEMPLATES)]
    if PLUGINS.is_dir():
        args += ["--plugins-dir", str(PLUGINS)]
    if STATIC.is_dir():
        args += ["--static", f"assets:{STATIC}"]
    for k, v in SETTINGS.items():
        args += ["--setting", k, str(v).lower() if isinstance(v, bool) else str(v)]
    return args + list(extra)


def make_datasette(db_path, immutable=False):
    """An in-process Datasette configured as `quotes serve` configures it (for tests and scripts)."""
    from datasette.app import Datasette

    kwargs = dict(metadata=metadata(), settings=SETTINGS)
    if TEMPLATES.is_dir():
        kwargs["template_dir"] = str(TEMPLATES)
    if PLUGINS.is_dir():
        kwargs["plugins_dir"] = str(PLUGINS)
    if STATIC.is_dir():
        kwargs["static_mounts"] = [("assets", str(STATIC))]
    if immutable:
        return Datasette(immutables=[str(db_path)], **kwargs)
    return Datasette([str(db_path)], **kwargs)
