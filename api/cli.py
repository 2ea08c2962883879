"""`keyhold`: serve, migrate, back up and restore, set up a new install (`init`), load demo data, create org
units, users and API keys, recompute tiers, run the nightly jobs, fit the lifetime-value models on a summary
file, export the OpenAPI spec."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repositories.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from domain.loyalty.clv import CustomerSummary
    from domain.tiering.model import RecomputeStep

OPENAPI_FILE = PROJECT_ROOT / "openapi.yaml"


def _alembic_config(url: str):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def db_upgrade(settings: Settings, revision: str = "head") -> None:
    from alembic import command

    from repositories.db import resolve_database_url

    command.upgrade(_alembic_config(resolve_database_url(settings)), revision)


def db_downgrade(settings: Settings, revision: str) -> None:
    from alembic import command

    from repositories.db import resolve_database_url

    command.downgrade(_alembic_config(resolve_database_url(settings)), revision)


def openapi_yaml() -> str:
    import yaml

    from api.app import create_app

    # Building the spec needs no database: a placeholder URL keeps the engine from connecting.
    app = create_app(Settings(database_url="postgresql+asyncpg://openapi@127.0.0.1:1/openapi"))
    text: str = yaml.safe_dump(app.openapi(), sort_keys=False, allow_unicode=True, width=120)
    return text


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    import ipaddress

    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def dev_secret_refusal(settings: Settings, host: str, dev: bool) -> str | None:
    """Why `serve` must not start: with the published development secret anyone can forge a token, so it is
    only for a server no one else can reach (loopback) or one started with --dev on purpose."""
    if not settings.uses_dev_secret or dev or is_loopback(host):
        return None
    return (f"refusing to serve on {host or 'all interfaces'} with the development secret key: it is published, "
            "so anyone could sign tokens with it. Set KEYHOLD_SECRET_KEY to a long random value, e.g.\n"
            "  export KEYHOLD_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')\n"
            "(the same on every server process; changing it signs everyone out), or pass --dev for a development "
            "server that others may reach.")


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def log_config(request_log: bool) -> dict[str, Any]:
    """uvicorn's logging, plus Keyhold's own loggers (keyhold.requests: one key=value line per request with its
    request id, in place of uvicorn's access log; the embedded database's supervisor) on stdout. Given to
    uvicorn, so --reload and --workers processes log alike."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["keyhold"] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    config["handlers"]["keyhold"] = {"class": "logging.StreamHandler", "formatter": "keyhold",
                                     "stream": "ext://sys.stdout"}
    for name in ("keyhold", "repositories", "api"):
        config["loggers"][name] = {"handlers": ["keyhold"], "level": "INFO", "propagate": False}
    config["loggers"]["keyhold.requests"] = {"handlers": ["keyhold"], "level": "INFO" if request_log else "WARNING",
                                             "propagate": False}
    return config


def _serve(settings: Settings, host: str, port: int, reload: bool, workers: int = 1, access_log: bool = True,
           dev: bool = False) -> None:
    import logging.config
    import os
    import signal

    import uvicorn

    from api.app import create_app
    from api.scheduler import start_scheduler
    from repositories.db import resolve_database_url, supervise_embedded_postgres

    refusal = dev_secret_refusal(settings, host, dev)
    if refusal:
        sys.exit(f"error: {refusal}")
    # Now, not only when uvicorn starts: the embedded database's supervisor and the scheduler log before that.
    logging.config.dictConfig(log_config(access_log))
    if settings.uses_dev_secret:
        print("WARNING: using the development secret key (dev only); set KEYHOLD_SECRET_KEY in production.",
              flush=True)
    print(f"Keyhold on http://{host}:{port}", flush=True)
    # The database is resolved (the embedded one started) once, for the app and the nightly jobs.
    database_url = resolve_database_url(settings)
    # The embedded server is restarted when it dies, and stopped when serve stops (unless another process
    # still uses it).
    watchdog = supervise_embedded_postgres(settings)
    settings = settings.model_copy(update={"database_url": database_url})
    # uvicorn shuts down gracefully on SIGTERM and SIGINT, then raises the signal again with the handler that
    # was there before it: these turn it into an exception, so the `finally` below runs (by default the
    # process would end on the spot and leave the embedded PostgreSQL running).
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGINT, _exit_on_signal)
    try:
        start_scheduler(settings, database_url)
        if reload or workers > 1:
            # Reloading and worker processes build the app themselves: hand them the (started) database
            # through the environment.
            os.environ["DATABASE_URL"] = database_url
            uvicorn.run("api.app:create_app", factory=True, host=host, port=port, reload=reload, workers=workers,
                        access_log=False, log_config=log_config(access_log), proxy_headers=False,
                        reload_dirs=[str(PROJECT_ROOT / d) for d in ("api", "domain", "repositories")]
                        if reload else None)
            return
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=False,
                    log_config=log_config(access_log), proxy_headers=False)
    except SystemExit as exc:
        if exc.code not in (128 + signal.SIGTERM, 128 + signal.SIGINT):
            raise
    finally:
        if watchdog is not None:
            watchdog.stop()


async def _with_uow(settings: Settings):  # type: ignore[no-untyped-def]
    from repositories.db import make_engine, make_session_factory, resolve_database_url
    from repositories.uow import sql_unit_of_work

    engine = make_engine(await asyncio.to_thread(resolve_database_url, settings), pool_size=2)
    return engine, sql_unit_of_work(make_session_factory(engine))


def read_password(args: argparse.Namespace, *, confirm: bool) -> str:
    """The new password from standard input (--password-stdin: its first line) or a prompt; never from the
    command line, where `ps` and the shell's history show it."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            sys.exit("error: --password-stdin: standard input held no password")
        return password
    if not sys.stdin.isatty():
        sys.exit("error: no terminal to ask for the password: pipe it in with --password-stdin")
    import getpass

    password = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Password (again): ") != password:
        sys.exit("error: the two passwords differ")
    return password


def _user_create(settings: Settings, args: argparse.Namespace) -> None:
    from api.security import Argon2PasswordHasher, SystemClock
    from domain.organisation import service as org
    from domain.organisation.model import Role

    # --password is kept for scripts written before --password-stdin; it shows in `ps`.
    password = args.password if args.password is not None else read_password(args, confirm=True)

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            unit_code = args.org_unit
            if unit_code is None:
                units = await org.list_org_units(uow)
                if not units:
                    raise SystemExit("error: no org units yet. On a new install run `keyhold init`: it creates the "
                                     "headquarters and the first administrator.")
                unit_code = units[0].code
            user = await org.create_user(uow, None, Argon2PasswordHasher(), username=args.username,
                                         password=password, role=Role(args.role), org_unit_code=unit_code,
                                         display_name=args.display_name, clock=SystemClock())
            print(f"created user {user.username} (id {user.id}, {user.role}, {user.org_unit.code})")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _init(settings: Settings, args: argparse.Namespace) -> None:
    from api.security import Argon2PasswordHasher, SystemClock
    from domain.organisation import service as org

    password = read_password(args, confirm=True)

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            unit, user = await org.set_up_company(
                uow, Argon2PasswordHasher(), unit_code=args.org_unit_code, unit_name=args.org_unit_name,
                username=args.username, password=password, display_name=args.display_name, clock=SystemClock())
            print(f"headquarters {unit.code} ({unit.name}); administrator {user.username} (id {user.id}) can sign "
                  "in now and add org units and users")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _org_unit_create(settings: Settings, args: argparse.Namespace) -> None:
    from api.security import SystemClock
    from domain.organisation import service as org
    from domain.organisation.model import OrgUnitKind

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            unit = await org.create_org_unit(uow, None, code=args.code, name=args.name, kind=OrgUnitKind(args.kind),
                                             parent_code=args.parent, clock=SystemClock())
            print(f"created org unit {unit.code} ({unit.name}, {unit.kind}, id {unit.id})")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _database_label(settings: Settings, url: str) -> str:
    from sqlalchemy.engine import make_url

    if settings.database_url:
        return make_url(url).render_as_string(hide_password=True)
    return f"database {settings.database_name} of the embedded PostgreSQL in {settings.data_dir}"


def _db_backup(settings: Settings, file: Path) -> None:
    from repositories.backup import backup, tool_version
    from repositories.db import postgres_tool, resolve_database_url

    pg_dump = postgres_tool("pg_dump", settings)
    url = resolve_database_url(settings)
    source = "the embedded distribution's" if not settings.database_url else f"{pg_dump} from PATH"
    print(f"backing up {_database_label(settings, url)} with {source} {tool_version(pg_dump)}", flush=True)
    size = backup(url, file, pg_dump=pg_dump)
    print(f"wrote {file} ({size:,} bytes, pg_dump custom format); restore it with `keyhold db restore {file}`")


def _db_restore(settings: Settings, file: Path, force: bool) -> None:
    from repositories.backup import clear, restore, tool_version, user_relations
    from repositories.db import postgres_tool, resolve_database_url

    pg_restore = postgres_tool("pg_restore", settings)
    url = resolve_database_url(settings)
    target = _database_label(settings, url)
    relations = asyncio.run(user_relations(url))
    if relations and not force:
        sys.exit(f"error: {target} is not empty ({len(relations)} tables, views and sequences, e.g. "
                 f"{', '.join(relations[:3])}). A backup is restored into an empty database: a fresh "
                 "KEYHOLD_DATA_DIR, or a new database on your server. To replace everything in this one with the "
                 "backup, stop every `keyhold serve` using it and run again with --force.")
    source = "the embedded distribution's" if not settings.database_url else f"{pg_restore} from PATH"
    print(f"restoring {file} into {target} with {source} {tool_version(pg_restore)}", flush=True)
    if relations:
        asyncio.run(clear(url))
        print(f"--force: dropped the {len(relations)} tables, views and sequences that were there", flush=True)
    restore(url, file, pg_restore=pg_restore)
    print("restored (in one transaction). If the backup comes from an older release, run `keyhold db upgrade`.")


def _apikey_create(settings: Settings, args: argparse.Namespace) -> None:
    from api.security import SystemClock, hash_api_key, new_api_key
    from domain.integrations.service import create_api_key

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
            api_key, key = await create_api_key(uow, None, name=args.name, scopes=scopes, new_key=new_api_key,
                                                hash_key=hash_api_key, clock=SystemClock())
            print(f"created API key {api_key.name} (id {api_key.id}, scopes {','.join(sorted(api_key.scopes))});"
                  " it is shown only now:")
            print(key)
        finally:
            await engine.dispose()

    asyncio.run(run())


def _facts_rebuild(settings: Settings) -> None:
    import time

    from api.security import SystemClock
    from domain.orders.service import rebuild_facts

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            print("rebuilding transaction facts from all orders (ingestion waits meanwhile)...", flush=True)
            started = time.monotonic()
            count = await rebuild_facts(uow, time_zone=settings.time_zone, clock=SystemClock())
            print(f"facts rebuilt for {count} customers in {time.monotonic() - started:.1f}s")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _idempotency_purge(settings: Settings) -> None:
    from api.security import SystemClock
    from domain.idempotency import purge_expired_keys

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            print(f"purged {await purge_expired_keys(uow, clock=SystemClock())} expired idempotency keys")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _print_step(step: RecomputeStep) -> None:
    print(f"{step.number}/{step.steps} {step.label} ... {step.seconds:.1f} s", flush=True)


def _tiers_recompute(settings: Settings) -> None:
    import time

    from api.security import SystemClock
    from domain.tiering import service as tiering
    from domain.tiering.model import TierRunTrigger

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            print("recomputing every customer's key-account level and ABC class...", flush=True)
            started = time.monotonic()
            run = await tiering.recompute(uow, None, trigger=TierRunTrigger.CLI, clock=SystemClock(),
                                          time_zone=settings.time_zone, progress=_print_step)
            print(f"run {run.id}: {run.customers:,} customers, {run.changed:,} changed level or ABC class "
                  f"(12 months to {run.as_of_month:%Y-%m}, settings version {run.settings.version}) in "
                  f"{time.monotonic() - started:.1f} s")
            levels = await tiering.level_summary(uow, None)
            abc = await tiering.abc_summary(uow, None)
            print("levels: " + ", ".join(f"{c.level} {c.customers:,} ({c.revenue_12m:,.0f} {settings.currency})"
                                         for c in levels.levels))
            print("ABC:    " + ", ".join(f"{c.abc_class} {c.customers:,} ({c.revenue_percent} % of revenue)"
                                         for c in abc.classes))
        finally:
            await engine.dispose()

    asyncio.run(run())


def _loyalty_recompute(settings: Settings, as_of: str | None) -> None:
    import time
    from datetime import date

    from api.security import SystemClock
    from domain.loyalty import service as loyalty
    from domain.loyalty.model import LoyaltyRunTrigger

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            print("recomputing every customer's RFM, health, stage, value class and lifetime value...", flush=True)
            started = time.monotonic()
            run = await loyalty.recompute(uow, None, trigger=LoyaltyRunTrigger.CLI, clock=SystemClock(),
                                          time_zone=settings.time_zone,
                                          as_of=date.fromisoformat(as_of) if as_of else None, progress=_print_step)
            fit = run.fit
            described = (f"BG/NBD r={fit.bg_nbd.r:.4f} alpha={fit.bg_nbd.alpha:.4f} a={fit.bg_nbd.a:.4f} "
                         f"b={fit.bg_nbd.b:.4f}; Gamma-Gamma p={fit.gamma_gamma.p:.4f} q={fit.gamma_gamma.q:.4f} "
                         f"gamma={fit.gamma_gamma.gamma:.4f} on {fit.customers:,} customers"
                         if fit else f"no lifetime-value fit: {run.fit_error}")
            print(f"run {run.id} as of {run.as_of}: {run.customers:,} customers in "
                  f"{time.monotonic() - started:.1f} s; {described}")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _jobs_nightly(settings: Settings) -> None:
    from api.scheduler import describe
    from api.security import SystemClock
    from domain.nightly import run_nightly_jobs

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            outcome = await run_nightly_jobs(uow, clock=SystemClock(), time_zone=settings.time_zone,
                                             progress=_print_step)
            print(describe(outcome))
        finally:
            await engine.dispose()

    asyncio.run(run())


def _jobs_sla_sweep(settings: Settings) -> None:
    from api.security import SystemClock
    from domain.sla.service import sweep

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            outcome = await sweep(uow, clock=SystemClock())
            print(f"SLA sweep: {outcome.warned} warnings, {outcome.breached} breaches, "
                  f"{outcome.escalated_to_hq} escalations to HQ recorded")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _calendar_import_holidays(settings: Settings, args: argparse.Namespace) -> None:
    from api.security import SystemClock
    from domain.sla.service import import_holidays

    async def run() -> None:
        engine, uow = await _with_uow(settings)
        try:
            days = await import_holidays(uow, None, args.calendar, args.country.upper(), args.years,
                                         clock=SystemClock())
            print(f"calendar {args.calendar}: {days} holidays and adjusted working days of {args.country} written")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _demo_data(settings: Settings, args: argparse.Namespace) -> None:
    from api.demo.data import load_demo_data

    asyncio.run(load_demo_data(settings, only_if_empty=args.if_empty))


def read_clv_summary(path: Path) -> CustomerSummary:
    """A CSV with the columns frequency, recency, T and monetary (others ignored; monetary empty or missing is 0)."""
    import csv

    from domain.loyalty.clv import CustomerSummary

    columns: dict[str, list[str]] = {"frequency": [], "recency": [], "T": [], "monetary": []}
    with path.open(newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        missing = [c for c in ("frequency", "recency", "T") if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            for name, values in columns.items():
                cell = (row.get(name) or "").strip()
                if name != "monetary" and not cell:
                    raise ValueError(f"{path}, line {line}: {name} is empty")
                values.append(cell or "0")
    try:
        numbers = {name: [float(v) for v in values] for name, values in columns.items()}
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    return CustomerSummary.of(numbers["frequency"], numbers["recency"], numbers["T"], numbers["monetary"])


def _clv_fit(args: argparse.Namespace) -> None:
    """Fits BG/NBD and Gamma-Gamma on a summary file; needs no database."""
    import json

    from domain.loyalty.clv import GammaGammaParams, fit_bg_nbd, fit_gamma_gamma

    try:
        summary = read_clv_summary(args.summary)
        bg = fit_bg_nbd(summary)
        spenders = int(summary.spenders.sum())
        # Without spend in the file (or too few repeat buyers) only the purchase model is fitted.
        gg: GammaGammaParams | None = fit_gamma_gamma(summary) if spenders >= 2 else None
    except (OSError, ValueError) as exc:
        sys.exit(f"error: {exc}")
    if args.json:
        print(json.dumps({"customers": len(summary),
                          "bg_nbd": {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b,
                                     "log_likelihood": bg.log_likelihood},
                          "gamma_gamma": {"p": gg.p, "q": gg.q, "gamma": gg.gamma} if gg else None}))
        return
    print(f"{len(summary):,} customers, {spenders:,} with repeat purchases and spend (the spend model's)")
    print(f"BG/NBD purchases:   r = {bg.r:.4f}, alpha = {bg.alpha:.4f}, a = {bg.a:.4f}, b = {bg.b:.4f}, "
          f"log-likelihood = {bg.log_likelihood:.2f}")
    if gg is None:
        print("Gamma-Gamma spend:  not fitted (needs monetary > 0 for at least two customers with repeat purchases)")
    else:
        print(f"Gamma-Gamma spend:  p = {gg.p:.4f}, q = {gg.q:.4f}, gamma = {gg.gamma:.4f}, "
              f"mean value of a purchase = {gg.mean_value:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="keyhold", description="Keyhold key-account CRM")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API and the built SPA")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--reload", action="store_true", help="restart on code changes (development)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (the API is stateless)")
    serve.add_argument("--no-access-log", dest="access_log", action="store_false", help="do not log each request")
    serve.add_argument("--dev", action="store_true", help="allow the development secret key on a non-loopback "
                                                          "address (development only)")

    db = sub.add_parser("db", help="database migrations, backups")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply migrations")
    up.add_argument("revision", nargs="?", default="head")
    down = db_sub.add_parser("downgrade", help="revert migrations")
    down.add_argument("revision")
    dump = db_sub.add_parser("backup", help="write the whole database to FILE (pg_dump custom format)")
    dump.add_argument("file", type=Path)
    load = db_sub.add_parser("restore", help="load a backup into the empty database")
    load.add_argument("file", type=Path)
    load.add_argument("--force", action="store_true", help="drop everything in the database first")

    init = sub.add_parser("init", help="first start of a new install: the headquarters and the first "
                                       "administrator (password from a prompt or --password-stdin)")
    init.add_argument("--username", default="admin")
    init.add_argument("--display-name", dest="display_name")
    init.add_argument("--org-unit-code", dest="org_unit_code", default="HQ", help="the headquarters' code (HQ)")
    init.add_argument("--org-unit-name", dest="org_unit_name", default="Headquarters",
                      help="the headquarters' name (Headquarters)")
    init.add_argument("--password-stdin", dest="password_stdin", action="store_true",
                      help="read the password from the first line of standard input")

    org_unit = sub.add_parser("org-unit", help="org units")
    org_unit_sub = org_unit.add_subparsers(dest="org_unit_command", required=True)
    unit_create = org_unit_sub.add_parser("create", help="create an org unit")
    unit_create.add_argument("--code", required=True)
    unit_create.add_argument("--name", required=True)
    unit_create.add_argument("--kind", required=True,
                             choices=["headquarters", "operations_centre", "department", "regional_store", "store"])
    unit_create.add_argument("--parent", help="the parent unit's code (every unit but the headquarters has one)")

    demo = sub.add_parser("demo-data", help="load the demo company")
    demo.add_argument("--if-empty", action="store_true", help="only when there are no customers yet")

    user = sub.add_parser("user", help="users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    create = user_sub.add_parser("create", help="create a user")
    create.add_argument("--username", required=True)
    secret = create.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", dest="password_stdin", action="store_true",
                        help="read the password from the first line of standard input (default: a prompt)")
    secret.add_argument("--password", help="the password on the command line (shows in `ps`; avoid)")
    create.add_argument("--role", required=True,
                        choices=["admin", "hq_key_account", "store_manager", "account_manager", "service_agent",
                                 "analyst"])
    create.add_argument("--org-unit", dest="org_unit")
    create.add_argument("--display-name", dest="display_name")

    apikey = sub.add_parser("apikey", help="API keys for machine clients")
    apikey_sub = apikey.add_subparsers(dest="apikey_command", required=True)
    key_create = apikey_sub.add_parser("create", help="create an API key (printed once, on the last line)")
    key_create.add_argument("--name", required=True)
    key_create.add_argument("--scopes", required=True, help="comma-separated, e.g. customers:write,orders:write")

    facts = sub.add_parser("facts", help="customers' transaction facts")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True)
    facts_sub.add_parser("rebuild", help="recompute every customer's facts from the orders (set-based)")

    idempotency = sub.add_parser("idempotency", help="idempotency keys of machine writes")
    idempotency_sub = idempotency.add_subparsers(dest="idempotency_command", required=True)
    idempotency_sub.add_parser("purge", help="delete expired keys (run daily, e.g. from cron)")

    tiers = sub.add_parser("tiers", help="key-account levels and ABC classes")
    tiers_sub = tiers.add_subparsers(dest="tiers_command", required=True)
    tiers_sub.add_parser("recompute", help="recompute every customer's level and ABC class now (set-based)")

    loyalty = sub.add_parser("loyalty", help="RFM, health, lifecycle stages, value classes, lifetime value")
    loyalty_sub = loyalty.add_subparsers(dest="loyalty_command", required=True)
    loyalty_recompute = loyalty_sub.add_parser("recompute", help="recompute every customer's loyalty figures and "
                                                                 "fit the lifetime-value models now (set-based)")
    loyalty_recompute.add_argument("--as-of", help="as of the end of this day (YYYY-MM-DD); default today")

    jobs = sub.add_parser("jobs", help="scheduled jobs")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    jobs_sub.add_parser("nightly", help="run the nightly jobs now: tiers and loyalty recompute, idempotency purge "
                                        "(`serve` runs "
                                        "them daily at KEYHOLD_NIGHTLY_AT)")
    jobs_sub.add_parser("sla-sweep", help="record due SLA warnings, breaches and escalations now (`serve` does it "
                                          "every KEYHOLD_SLA_SWEEP_SECONDS)")

    calendar = sub.add_parser("calendar", help="business calendars of the SLA timers")
    calendar_sub = calendar.add_subparsers(dest="calendar_command", required=True)
    holidays = calendar_sub.add_parser("import-holidays", help="import public holidays and adjusted working days "
                                                               "from the holidays package")
    holidays.add_argument("--calendar", type=int, default=1, help="calendar id (default 1, the standard one)")
    holidays.add_argument("--country", default="CN", help="ISO country code (default CN)")
    holidays.add_argument("--years", type=int, nargs="+", required=True, help="e.g. 2026 2027")

    clv = sub.add_parser("clv", help="customer lifetime value (BG/NBD + Gamma-Gamma)")
    clv_sub = clv.add_subparsers(dest="clv_command", required=True)
    clv_fit = clv_sub.add_parser("fit", help="fit the models on a summary CSV (frequency, recency, T, monetary); "
                                             "no database needed")
    clv_fit.add_argument("--summary", type=Path, required=True, help="CSV, one row per customer")
    clv_fit.add_argument("--json", action="store_true", help="print the parameters as JSON")

    spec = sub.add_parser("openapi", help="write or check openapi.yaml")
    spec.add_argument("--check", action="store_true", help="fail when openapi.yaml differs from the app")
    spec.add_argument("--output", type=Path, default=OPENAPI_FILE)

    args = parser.parse_args(argv)
    settings = Settings()
    from domain.errors import DomainError
    from repositories.backup import BackupError
    from repositories.embedded import EmbeddedPostgresError

    try:
        if args.command == "serve":
            _serve(settings, args.host, args.port, args.reload, args.workers, args.access_log, args.dev)
        elif args.command == "db":
            if args.db_command == "upgrade":
                db_upgrade(settings, args.revision)
            elif args.db_command == "downgrade":
                db_downgrade(settings, args.revision)
            elif args.db_command == "backup":
                _db_backup(settings, args.file)
            else:
                _db_restore(settings, args.file, args.force)
        elif args.command == "init":
            _init(settings, args)
        elif args.command == "org-unit":
            _org_unit_create(settings, args)
        elif args.command == "demo-data":
            _demo_data(settings, args)
        elif args.command == "user":
            _user_create(settings, args)
        elif args.command == "apikey":
            _apikey_create(settings, args)
        elif args.command == "facts":
            _facts_rebuild(settings)
        elif args.command == "idempotency":
            _idempotency_purge(settings)
        elif args.command == "tiers":
            _tiers_recompute(settings)
        elif args.command == "loyalty":
            _loyalty_recompute(settings, args.as_of)
        elif args.command == "jobs":
            if args.jobs_command == "sla-sweep":
                _jobs_sla_sweep(settings)
            else:
                _jobs_nightly(settings)
        elif args.command == "calendar":
            _calendar_import_holidays(settings, args)
        elif args.command == "clv":
            _clv_fit(args)
        elif args.command == "openapi":
            current = openapi_yaml()
            if args.check:
                if not args.output.exists() or args.output.read_text() != current:
                    sys.exit(f"{args.output} differs from the app: run `make openapi` and commit it.")
                print(f"{args.output} matches the app.")
            else:
                args.output.write_text(current)
                print(f"wrote {args.output}")
    except (BackupError, EmbeddedPostgresError) as exc:
        sys.exit(f"error: {exc}")
    except DomainError as exc:
        errors = getattr(exc, "errors", [])
        details = "; ".join(f"{e.field}: {e.message}" for e in errors)
        sys.exit(f"error: {exc.detail}{' (' + details + ')' if details else ''}")


if __name__ == "__main__":
    main()
