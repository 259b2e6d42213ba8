"""The `reintegra` command: Django management with site selection, like Frappe's `bench`.

    reintegra new-site NAME [--db-url URL] [--currency PLN] [--time-zone Europe/Warsaw] ...
    reintegra [--site NAME] migrate | start [--port 8000] [--prod] | load-demo | create-user ...
    reintegra [--site NAME] backup [--to FOLDER] [--encrypt] [--keep-daily 7 --keep-monthly 12]
    reintegra [--site NAME] restore ARCHIVE
    reintegra [--site NAME] worker [--until-empty] [--nightly-now]
    reintegra [--site NAME] <any Django management command>
    reintegra --all-sites start [--prod] | migrate    (every site, picked by host name)

The site comes from --site, else REINTEGRA_SITE, else "default".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

from .database_url import parse_database_url
from .errors import BenchError
from .site_config import (
    COUNTRY_TIME_ZONES,
    CURRENCIES,
    DEFAULT_DATABASE_URL,
    LANGUAGES,
    load_site,
    sites_folder,
    validate_settings,
    validate_site_name,
    write_site_folder,
)

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]

USAGE = """\
usage: reintegra [--site NAME] COMMAND [ARGS...]

Commands of the bench:
  new-site NAME [--db-url URL]   create a site (SQLite in its folder by default) and migrate it
  start [--port N] [--prod]      serve the site on 127.0.0.1 (--prod: gunicorn, static files)
  start --all-sites [--prod]     serve every site, each request to the site of its host name
  sites                          list the sites of this bench (name, database, hosts)
  load-demo                      load the demo cooperative (safe to run again)
  create-user                    create a staff or trainee login
  backup [--to DIR] [--encrypt]  back up database, files and config into a dated archive
         [--keep-daily N --keep-monthly M]   ... and delete older archives beyond those
  restore ARCHIVE                restore an archive into this new, empty site
  worker [--until-empty]         run the site's background and nightly jobs
  migrate, shell, ...            every other Django management command, for the chosen site

The site comes from --site NAME, else $REINTEGRA_SITE, else "default".
With --all-sites instead, `start` serves every site from one set of processes, each request
going to the site whose allowed_hosts name its host; `migrate` migrates every site in turn.
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if "--all-sites" in args:  # `reintegra --all-sites start` or `reintegra start --all-sites`
            return all_sites([arg for arg in args if arg != "--all-sites"])
        site, command, rest = split_global_options(args)
        if site:
            os.environ["REINTEGRA_SITE"] = site
        if command is None or command in ("help", "-h", "--help"):
            print(USAGE, end="")
            return 0
        if command == "new-site":
            return new_site(rest)
        if command == "sites":
            return list_sites()
        load_site()  # fail early, in one line, if the site is missing or broken
        if command == "start":
            return start(rest)
        return run_django([command.replace("-", "_"), *rest])
    except BenchError as error:
        print(f"reintegra: error: {error}", file=sys.stderr)
        return 1


def all_sites(args: list[str]) -> int:
    """`reintegra --all-sites COMMAND`: start serves every site; migrate migrates each."""
    from .all_sites import ensure_bench_secret_key, load_all_sites, site_names

    if not args or args[0] in ("help", "-h", "--help"):
        print(USAGE, end="")
        return 0
    command, rest = args[0], args[1:]
    load_all_sites()  # fail early, in one line, if a site is broken or two claim one host
    if command == "migrate":
        for name in site_names():
            print(f"Migrating site {name!r}")
            # this very command again, once a site: each process serves one site
            done = subprocess.run(  # noqa: S603 - our own command, site names from the folder
                [*REINTEGRA, "--site", name, "migrate", *rest], check=False
            )
            if done.returncode:
                return done.returncode
        return 0
    ensure_bench_secret_key()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.sites"
    if command == "start":
        return start(rest, every_site=True)
    return run_django([command.replace("-", "_"), *rest])


def list_sites() -> int:
    """One line a site: its name, database engine, language, country and host names; a site
    whose config cannot be read says why, and the others are still listed."""
    folders = sorted(
        folder for folder in sites_folder().glob("*") if (folder / "site_config.toml").is_file()
    )
    if not folders:
        print(f"No sites in {sites_folder()}: create one with `reintegra new-site NAME`.")
    for folder in folders:
        try:
            config = load_site(folder.name)
        except BenchError as error:
            print(f"{folder.name:<20} cannot be read: {error}")
            continue
        hosts = ", ".join(config.allowed_hosts)
        print(
            f"{config.name:<20} {config.database.engine:<8} {config.language:<3}"
            f"{config.country:<3} {hosts}"
        )
    return 0


def split_global_options(args: list[str]) -> tuple[str | None, str | None, list[str]]:
    site = None
    while args and args[0].startswith("--site"):
        option = args.pop(0)
        if "=" in option:
            site = option.split("=", 1)[1]
        elif args:
            site = args.pop(0)
        else:
            raise BenchError("--site needs a site name.")
    if site is not None:
        validate_site_name(site)
    command = args.pop(0) if args else None
    return site, command, args


def new_site(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="reintegra new-site")
    parser.add_argument("name")
    parser.add_argument("--db-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--currency", default="PLN", choices=CURRENCIES)
    parser.add_argument("--time-zone", default=None, help="default: the country's")
    parser.add_argument("--language", default="pl", choices=LANGUAGES)
    parser.add_argument("--country", default="PL")
    parser.add_argument(
        "--example-seller",
        action="store_true",
        help="made-up tax id and bank account, to try invoices (make run uses it)",
    )
    options = parser.parse_args(args)

    # Check everything before touching the disk or the database server.
    validate_site_name(options.name)
    database = parse_database_url(options.db_url)
    options.time_zone = options.time_zone or COUNTRY_TIME_ZONES.get(
        options.country, "Europe/Warsaw"
    )
    validate_settings(options.currency, options.time_zone, options.language, options.country)
    folder = sites_folder() / options.name
    if folder.exists():
        raise BenchError(f"Site {options.name!r} already exists in {folder}.")

    created_database = False
    if database.engine == "mariadb":
        from .mariadb import ensure_database_exists

        created_database = ensure_database_exists(database)
    try:
        write_site_folder(
            options.name,
            options.db_url,
            currency=options.currency,
            time_zone=options.time_zone,
            language=options.language,
            country=options.country,
            example_seller=options.example_seller,
        )
        os.environ["REINTEGRA_SITE"] = options.name
        run_django(["migrate", "--no-input", "--verbosity", "0"])
    except BaseException as error:
        shutil.rmtree(folder, ignore_errors=True)
        if created_database:
            from .mariadb import drop_database

            drop_database(database)
        if isinstance(error, BenchError):
            raise
        raise BenchError(f"Could not create site {options.name!r}: {error}") from None
    where = "SQLite" if database.engine == "sqlite" else f"MariaDB database {database.name!r}"
    print(f"Created site {options.name!r} in {folder} ({where}).")
    return 0


def start(args: list[str], every_site: bool = False) -> int:
    parser = argparse.ArgumentParser(prog="reintegra start")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--prod", action="store_true", help="gunicorn with static files")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--allow-sqlite",
        action="store_true",
        help="serve a small site from its SQLite file in production (MariaDB is the default)",
    )
    options = parser.parse_args(args)
    if not options.prod:
        return run_django(["runserver", f"{options.host}:{options.port}"])
    if every_site:
        from .all_sites import load_all_sites

        engines = {site.database.engine for site in load_all_sites()}
    else:
        engines = {load_site().database.engine}
    if "sqlite" in engines and not options.allow_sqlite:
        raise BenchError(
            "This site's database is SQLite; production runs on MariaDB (README, 'A site on "
            "MariaDB'). To serve a small site from SQLite anyway, add --allow-sqlite."
        )
    run_django(["collectstatic", "--no-input", "--verbosity", "0"])
    os.environ["REINTEGRA_LOG"] = "stderr"  # every worker logs to the journal, none to one file
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    os.execv(  # noqa: S606 - replaces this process with the server, as a process manager expects
        gunicorn,
        [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"{options.host}:{options.port}",
            "--workers",
            str(options.workers),
            "--access-logfile",
            "-",
        ],
    )
    return 0  # pragma: no cover - execv does not return


def run_django(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.site")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["reintegra", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
