"""Sites: one folder per cooperative under ``sites/``, each with a ``site_config.toml``.

A site folder holds the site's config (database, secret key, currency, time zone, language),
its SQLite file when it uses SQLite, uploaded files and logs. It is never committed.
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import available_timezones

import tomli_w

from reintegra_coop.privacy.retention import DEFAULT_YEARS, KINDS

from .database_url import DatabaseUrl, parse_database_url
from .errors import BenchError

CONFIG_FILE = "site_config.toml"
DEFAULT_SITE = "default"
DEFAULT_DATABASE_URL = "sqlite:///db.sqlite3"
CURRENCIES = ("PLN", "CZK", "EUR")
LANGUAGES = ("pl", "cs", "en")
# The country decides public holidays (working days for stipends).
COUNTRIES = ("PL", "CZ", "SK", "DE", "AT")
# The staff roles a site may ask for a second step at login; trainees log in with a PIN on a
# shared tablet and are never asked.
TWO_FACTOR_ROLES = ("manager", "instructor", "care_worker", "accountant")
SITE_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


def bench_root() -> Path:
    """The folder holding apps/, sites/ and config/ (the repository when installed editable)."""
    return Path(os.environ.get("REINTEGRA_BENCH", Path(__file__).resolve().parents[3]))


def sites_folder() -> Path:
    return Path(os.environ.get("REINTEGRA_SITES_DIR", bench_root() / "sites"))


def current_site_name() -> str:
    return os.environ.get("REINTEGRA_SITE", "").strip() or DEFAULT_SITE


@dataclass(frozen=True)
class EmailConfig:
    """The mail server notices are e-mailed through ([email]); no host: no e-mail."""

    host: str = ""
    port: int = 587
    user: str = ""
    password: str = ""
    use_tls: bool = True
    from_address: str = ""
    #: the address the site is reached at (https://coop.example.org), for links in e-mails
    site_url: str = ""


@dataclass(frozen=True)
class CacheConfig:
    """Where the cache and sessions live ([cache]). No redis_url: the cache is each process's
    own memory and sessions are in the database, which is right for one machine. With several
    nodes behind nginx the cache must be one for all of them: Redis."""

    redis_url: str = ""


@dataclass(frozen=True)
class BackupConfig:
    """[backup]: whether the worker backs the site up every night, and what it keeps. Off by
    default: a site may be backed up by the systemd timer instead (never by both)."""

    nightly: bool = False
    keep_daily: int = 7
    keep_monthly: int = 12
    #: encrypt the nightly archive with the key named by key_file (bench/encryption.py)
    encrypt: bool = False


@dataclass(frozen=True)
class SiteConfig:
    name: str
    folder: Path
    database: DatabaseUrl
    secret_key: str
    currency: str = "PLN"
    time_zone: str = "Europe/Warsaw"
    language: str = "pl"
    country: str = "PL"
    debug: bool = False
    allowed_hosts: tuple[str, ...] = field(default=("127.0.0.1", "localhost"))
    #: served over HTTPS by a reverse proxy: secure cookies, trust X-Forwarded-Proto
    behind_https_proxy: bool = False
    #: the seller on invoices and delivery notes: name, address, tax_id, bank_account
    cooperative: dict[str, str] = field(default_factory=dict)
    #: the day of the month a month's rent falls due
    rent_due_day: int = 10
    #: reverse proxies whose X-Forwarded-For header is believed (e.g. ["127.0.0.1"] for nginx)
    trusted_proxies: tuple[str, ...] = ()
    #: quiet minutes before a session ends
    idle_minutes_staff: int = 30
    idle_minutes_trainee: int = 10
    #: one-time login codes: hours valid, and whether care leads may print them too
    login_code_hours: int = 24
    care_leads_print_login_codes: bool = False
    #: staff roles that give a code from an authenticator app after the password (none: off)
    two_factor_roles: tuple[str, ...] = ()
    #: instructors may approve their own workshops' logs (managers always may)
    instructors_approve_logs: bool = False
    #: behind an https proxy: how long browsers insist on https (HSTS), and for what
    hsts_seconds: int = 31_536_000
    hsts_include_subdomains: bool = True
    hsts_preload: bool = True
    #: days the cooperative is closed besides public holidays: no shifts are planned on them
    closed_days: tuple[datetime.date, ...] = ()
    #: the mail server for notices to staff (optional)
    email: EmailConfig = field(default_factory=EmailConfig)
    #: a read replica of the database, read by the report pages (optional)
    reports_database: DatabaseUrl | None = None
    #: the cache and sessions shared by every node (optional)
    cache: CacheConfig = field(default_factory=CacheConfig)
    #: years each kind of record is kept ([retention]); kinds not named keep their default
    retention_years: dict[str, int] = field(default_factory=dict)
    #: the worker's nightly backup (off unless the site turns it on)
    backup: BackupConfig = field(default_factory=BackupConfig)

    @property
    def files_folder(self) -> Path:
        return self.folder / "files"

    @property
    def logs_folder(self) -> Path:
        return self.folder / "logs"


def validate_site_name(name: str) -> None:
    if not SITE_NAME_PATTERN.match(name):
        raise BenchError(
            f"Invalid site name {name!r}: use lower-case letters, digits, '-' and '_' "
            "(at most 63), starting with a letter or digit."
        )


def validate_settings(currency: str, time_zone: str, language: str, country: str) -> None:
    if currency not in CURRENCIES:
        raise BenchError(
            f"Unsupported currency {currency!r}: choose one of {', '.join(CURRENCIES)}."
        )
    if language not in LANGUAGES:
        raise BenchError(
            f"Unsupported language {language!r}: choose one of {', '.join(LANGUAGES)}."
        )
    if country not in COUNTRIES:
        raise BenchError(f"Unsupported country {country!r}: choose one of {', '.join(COUNTRIES)}.")
    if time_zone not in available_timezones():
        raise BenchError(f"Unknown time zone {time_zone!r}, e.g. Europe/Warsaw or Europe/Prague.")


def load_site(name: str | None = None) -> SiteConfig:
    """Read a site's config, or raise BenchError naming what is missing or wrong."""
    name = name or current_site_name()
    validate_site_name(name)
    folder = sites_folder() / name
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise BenchError(
            f"Site {name!r} does not exist (no {path}); create it with: reintegra new-site {name}"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BenchError(f"{path} is not valid TOML: {error}") from None
    site = data.get("site", {})
    security = data.get("security", {})
    try:
        database = parse_database_url(data["database"]["url"])
        secret_key = security["secret_key"]
    except KeyError as missing:
        raise BenchError(f"{path} is missing the setting {missing.args[0]!r}.") from None
    config = SiteConfig(
        name=name,
        folder=folder,
        database=database,
        secret_key=secret_key,
        currency=site.get("currency", "PLN"),
        time_zone=site.get("time_zone", "Europe/Warsaw"),
        language=site.get("language", "pl"),
        country=site.get("country", "PL"),
        debug=bool(security.get("debug", False)),
        allowed_hosts=tuple(security.get("allowed_hosts", ("127.0.0.1", "localhost"))),
        behind_https_proxy=bool(security.get("behind_https_proxy", False)),
        cooperative={key: str(value) for key, value in data.get("cooperative", {}).items()},
        rent_due_day=_day_of_month(site, "rent_due_day", path),
        trusted_proxies=tuple(str(entry) for entry in security.get("trusted_proxies", ())),
        idle_minutes_staff=_whole_number(security, "idle_minutes_staff", 30, path),
        idle_minutes_trainee=_whole_number(security, "idle_minutes_trainee", 10, path),
        login_code_hours=_whole_number(security, "login_code_hours", 24, path),
        care_leads_print_login_codes=_flag(security, "care_leads_print_login_codes", path),
        two_factor_roles=_two_factor_roles(security, path),
        instructors_approve_logs=_flag(site, "instructors_approve_logs", path),
        closed_days=_days(site, "closed_days", path),
        hsts_seconds=_seconds(security, "hsts_seconds", path),
        hsts_include_subdomains=_flag(security, "hsts_include_subdomains", path, default=True),
        hsts_preload=_flag(security, "hsts_preload", path, default=True),
        email=_email(data.get("email", {}), path),
        cache=_cache(data.get("cache", {}), path),
        reports_database=_reports_database(data["database"], database, path),
        retention_years=_retention_years(data.get("retention", {}), path),
        backup=_backup(data.get("backup", {}), path),
    )
    validate_settings(config.currency, config.time_zone, config.language, config.country)
    validate_proxies(config.trusted_proxies, path)
    return config


def _days(section: dict[str, object], key: str, path: Path) -> tuple[datetime.date, ...]:
    value = section.get(key, [])
    try:
        if not isinstance(value, list):
            raise TypeError
        return tuple(
            day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day))
            for day in value
        )
    except (TypeError, ValueError):
        raise BenchError(
            f'{path}: [site] {key} must be a list of days, e.g. ["2026-12-31", "2027-01-02"].'
        ) from None


def _two_factor_roles(section: dict[str, object], path: Path) -> tuple[str, ...]:
    value = section.get("two_factor_roles", [])
    if not isinstance(value, list) or any(role not in TWO_FACTOR_ROLES for role in value):
        raise BenchError(
            f"{path}: [security] two_factor_roles must be a list of staff roles from "
            f'{", ".join(TWO_FACTOR_ROLES)}, e.g. ["manager", "care_worker"] (trainees never).'
        )
    return tuple(dict.fromkeys(str(role) for role in value))


def _email(section: dict[str, object], path: Path) -> EmailConfig:
    port = section.get("port", 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise BenchError(f"{path}: [email] port must be a whole number from 1 to 65535.")
    use_tls = section.get("use_tls", True)
    if not isinstance(use_tls, bool):
        raise BenchError(f"{path}: [email] use_tls must be true or false.")
    text = {key: str(section.get(key, "")).strip() for key in ("host", "user", "password")}
    return EmailConfig(
        port=port,
        use_tls=use_tls,
        from_address=str(section.get("from_address", "")).strip(),
        site_url=str(section.get("site_url", "")).strip(),
        **text,
    )


def _reports_database(
    section: dict[str, object], primary: DatabaseUrl, path: Path
) -> DatabaseUrl | None:
    value = section.get("reports_url")
    if value is None:
        return None
    replica = parse_database_url(str(value))
    if replica.engine != "mariadb" or primary.engine != "mariadb":
        raise BenchError(
            f"{path}: [database] reports_url names a read replica of the MariaDB database; "
            "a site on SQLite has none."
        )
    return replica


def _cache(section: dict[str, object], path: Path) -> CacheConfig:
    value = section.get("redis_url", "")
    if not isinstance(value, str) or (value and not _is_redis_url(value)):
        raise BenchError(
            f"{path}: [cache] redis_url must be a Redis address such as "
            '"redis://127.0.0.1:6379/0" (rediss:// with TLS, unix:///run/redis.sock), or absent.'
        )
    return CacheConfig(redis_url=value)


def _is_redis_url(value: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme == "unix":
        return bool(parts.path)
    return parts.scheme in ("redis", "rediss") and bool(parts.hostname)


def _retention_years(section: dict[str, object], path: Path) -> dict[str, int]:
    for kind, value in section.items():
        if kind not in KINDS:
            raise BenchError(
                f"{path}: [retention] {kind} is not a kind of record: use {', '.join(KINDS)}."
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise BenchError(
                f"{path}: [retention] {kind} must be a whole number of years, 1 to 100."
            )
    years = {kind: int(value) for kind, value in section.items()}  # type: ignore[call-overload]
    merged = {**DEFAULT_YEARS, **years}
    for kind in ("pay_records", "rent_records"):
        if merged["personal_details"] < merged[kind]:
            raise BenchError(
                f"{path}: [retention] personal_details ({merged['personal_details']}) must be at "
                f"least {kind} ({merged[kind]}): the records must name whom they are about."
            )
    return years


def _backup(section: dict[str, object], path: Path) -> BackupConfig:
    flags = {}
    for key in ("nightly", "encrypt"):
        value = section.get(key, False)
        if not isinstance(value, bool):
            raise BenchError(f"{path}: [backup] {key} must be true or false.")
        flags[key] = value
    keep = {}
    for key, default, least in (("keep_daily", 7, 1), ("keep_monthly", 12, 0)):
        value = section.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= 1000:
            raise BenchError(f"{path}: [backup] {key} must be a whole number from {least} to 1000.")
        keep[key] = value
    if flags["encrypt"] and not str(section.get("key_file", "")).strip():
        raise BenchError(
            f'{path}: [backup] encrypt = true needs key_file = "backup.key" (then run '
            "reintegra --site NAME backup-key)."
        )
    return BackupConfig(
        nightly=flags["nightly"],
        encrypt=flags["encrypt"],
        keep_daily=keep["keep_daily"],
        keep_monthly=keep["keep_monthly"],
    )


def _seconds(section: dict[str, object], key: str, path: Path) -> int:
    value = section.get(key, 31_536_000)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BenchError(f"{path}: [security] {key} must be a whole number of seconds (0 or more).")
    return value


def _whole_number(section: dict[str, object], key: str, default: int, path: Path) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 24 * 60:
        raise BenchError(f"{path}: [security] {key} must be a whole number from 1 to 1440.")
    return value


def _day_of_month(section: dict[str, object], key: str, path: Path) -> int:
    value = section.get(key, 10)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 28:
        raise BenchError(f"{path}: [site] {key} must be a day of the month from 1 to 28.")
    return value


def _flag(section: dict[str, object], key: str, path: Path, default: bool = False) -> bool:
    value = section.get(key, default)
    if not isinstance(value, bool):
        raise BenchError(f"{path}: [security] {key} must be true or false.")
    return value


def validate_proxies(entries: tuple[str, ...], path: Path) -> None:
    import ipaddress

    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise BenchError(
                f"{path}: [security] trusted_proxies: {entry!r} is not an address or network."
            ) from None


# Made-up seller details with valid check digits, for a site made to try the demo on
# (`new-site --example-seller`, as `make run` does): invoices need a complete seller.
EXAMPLE_SELLERS = {
    "PL": {"tax_id": "123-456-32-18", "bank_account": "PL61 1090 1014 0000 0712 1981 2874"},
    "CZ": {"tax_id": "CZ25123891", "bank_account": "CZ65 0800 0000 1920 0014 5399"},
}


def render_site_config(
    name: str,
    database_url: str,
    currency: str,
    time_zone: str,
    language: str,
    country: str,
    secret_key: str,
    example_seller: bool = False,
) -> str:
    """The site's config with its explanations; the values are written by tomli-w, so a
    quote or a backslash (in a database password) is escaped as TOML wants."""
    example = EXAMPLE_SELLERS.get(country, {}) if example_seller else {}
    seller_note = (
        "# EXAMPLE values (made up, for trying it out): put your own before a real invoice.\n"
        if example
        else "# Invoices are refused until tax_id (NIP, DIČ) and bank_account (IBAN) are set.\n"
    )
    return f"""\
# Reintegra Coop site {name!r}. This file holds the site's secret key: keep it private.
[site]
currency = {toml_value(currency)}        # PLN, CZK or EUR
time_zone = {toml_value(time_zone)}
language = {toml_value(language)}            # default language: pl, cs or en
country = {toml_value(country)}              # decides public holidays
rent_due_day = 10             # a month's rent falls due on this day
instructors_approve_logs = false  # true: instructors approve their own workshops' logs too
closed_days = []              # e.g. ["2026-12-31"]: closed besides public holidays, no shifts

[cooperative]
# The seller printed on invoices and delivery notes.
{seller_note}name = "Spółdzielnia Socjalna Reintegra"
address = "ul. Ogrodowa 12, 00-001 Warszawa"
tax_id = {toml_value(example.get("tax_id", ""))}
bank_account = {toml_value(example.get("bank_account", ""))}

[database]
# sqlite:///db.sqlite3 (a file in this folder) or mariadb://user:password@host:port/name
url = {toml_value(database_url)}
# Optional, MariaDB only: a read replica of that database, read by the report pages (exports)
# reports_url = "mariadb://reader:password@replica-host:3306/reintegra"

[security]
secret_key = {toml_value(secret_key)}
debug = false
allowed_hosts = ["127.0.0.1", "localhost"]
behind_https_proxy = false   # true behind nginx with TLS: https only, secure cookies, HSTS
# hsts_seconds = 31536000     # how long browsers insist on https (behind the proxy only)
# hsts_include_subdomains = true
# hsts_preload = true         # only allows submitting the domain to browsers' preload list
# the proxies whose X-Forwarded-For names the client (wrong PINs are counted per address):
# ["127.0.0.1"] when nginx runs on this machine; [] when nothing stands in front
trusted_proxies = []
# a session ends after this many quiet minutes
idle_minutes_staff = 30
idle_minutes_trainee = 10
# one-time login codes for trainees: hours valid; care leads may print them too if true
login_code_hours = 24
care_leads_print_login_codes = false
# staff roles that type a code from an authenticator app after the password (none: off);
# trainees are never asked
# two_factor_roles = ["manager", "care_worker"]

[retention]
# Years each kind of record is kept before it is pseudonymised (apply-retention, nightly):
# pay, rent and work records after the end of their year, care notes and personal details after
# the end of the year the trainee left. Nothing is touched while the trainee is with us, nor
# while they are under a legal hold.
pay_records = 5
rent_records = 5
work_logs = 5
care_notes = 10               # the care organisation's rule
personal_details = 5          # at least pay_records and rent_records
# [backup]
# Optional. nightly = true: the worker (`reintegra --site NAME worker`) backs the site up every
# night at 02:30 into backups/ and keeps the newest of the last keep_daily days and keep_monthly
# months. Off by default, as when the systemd timer reintegra-backup@.timer backs it up instead.
# nightly = true
# keep_daily = 7
# keep_monthly = 12
# key_file = "backup.key"      # for encrypted archives (`reintegra --site NAME backup-key`)
# encrypt = true               # the nightly archive encrypted with that key

# [email]
# Optional: a mail server for e-mailing notices to staff (never to trainees). Without a host
# notices stay in the site's own list (Notifications in the top bar).
# host = "smtp.example.org"
# port = 587
# user = ""
# password = ""
# use_tls = true
# from_address = "reintegra@example.org"
# site_url = "https://reintegra.example.org"

# [cache]
# Optional: with more than one node (gunicorn on two machines behind nginx) the cache and the
# sessions must be shared: name a Redis server. Without it the cache is each process's own and
# sessions are kept in the database.
# redis_url = "redis://127.0.0.1:6379/0"
"""


def toml_value(value: object) -> str:
    """``value`` as a TOML value (tomli-w writes it; the template around it keeps comments)."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


# A new site's time zone when none is given: its country's.
COUNTRY_TIME_ZONES = {"PL": "Europe/Warsaw", "CZ": "Europe/Prague"}


def write_site_folder(
    name: str,
    database_url: str = DEFAULT_DATABASE_URL,
    currency: str = "PLN",
    time_zone: str | None = None,
    language: str = "pl",
    country: str = "PL",
    example_seller: bool = False,
) -> SiteConfig:
    """Create sites/<name>/ with its config; raise BenchError before writing anything if the
    input is wrong or the site exists."""
    time_zone = time_zone or COUNTRY_TIME_ZONES.get(country, "Europe/Warsaw")
    validate_site_name(name)
    parse_database_url(database_url)
    validate_settings(currency, time_zone, language, country)
    folder = sites_folder() / name
    if folder.exists():
        raise BenchError(f"Site {name!r} already exists in {folder}.")
    folder.mkdir(parents=True)
    (folder / "files").mkdir()
    (folder / "logs").mkdir()
    config_path = folder / CONFIG_FILE
    config_path.write_text(
        render_site_config(
            name,
            database_url,
            currency,
            time_zone,
            language,
            country,
            secret_key=secrets.token_urlsafe(50),
            example_seller=example_seller,
        ),
        encoding="utf-8",
    )
    config_path.chmod(0o600)
    return load_site(name)
