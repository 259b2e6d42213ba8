"""Talking to a MariaDB server before Django is set up (creating a site's database)."""

from __future__ import annotations

from .database_url import DatabaseUrl
from .errors import BenchError


def ensure_database_exists(url: DatabaseUrl) -> bool:
    """Create the site's database if it is missing; return True if this call created it.

    Raises BenchError with one line if the server cannot be reached or refuses.
    """
    import MySQLdb  # imported here: SQLite-only installs can still run the bench

    try:
        connection = MySQLdb.connect(
            host=url.host,
            port=url.port or 3306,
            user=url.user,
            password=url.password,
            connect_timeout=5,
            charset="utf8mb4",
        )
    except MySQLdb.OperationalError as error:
        raise BenchError(
            f"Cannot reach MariaDB at {url.host}:{url.port} as {url.user!r}: {error.args[-1]}"
        ) from None
    try:
        cursor = connection.cursor()
        cursor.execute("SHOW DATABASES LIKE %s", (url.name,))
        if cursor.fetchone():
            return False
        quoted = url.name.replace("`", "``")
        cursor.execute(
            f"CREATE DATABASE `{quoted}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
        return True
    except MySQLdb.MySQLError as error:
        raise BenchError(
            f"MariaDB refused to create database {url.name!r}: {error.args[-1]}"
        ) from None
    finally:
        connection.close()


def drop_database(url: DatabaseUrl) -> None:
    """Drop a database this bench created moments ago (undoing a failed new-site)."""
    import MySQLdb

    connection = MySQLdb.connect(
        host=url.host, port=url.port or 3306, user=url.user, password=url.password
    )
    try:
        quoted = url.name.replace("`", "``")
        connection.cursor().execute(f"DROP DATABASE IF EXISTS `{quoted}`")
    finally:
        connection.close()
