"""Configuration read from the environment, with embedded defaults."""
import os


class Config:
    """Defaults: SQLite and the search index inside the instance folder."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    # The reform office publishes the league table of indicators to everyone (citizens too);
    # off by default: units' audits, commitments and runs stay the office's and the units'.
    PUBLISH_LEAGUE = os.environ.get("PUBLISH_LEAGUE", "0") == "1"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None → SQLite in instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR")  # None → instance/search_index
    # Search results kept per process (LRU, keyed by the index version); 0 turns the cache off.
    SEARCH_CACHE_SIZE = int(os.environ.get("SEARCH_CACHE_SIZE", "512"))
    # Public pages and API list bodies kept per process, keyed by the data version (the newest
    # revision): the anonymous procedure page, GET /api/v1/procedures; 0 turns it off.
    PAGE_CACHE_SIZE = int(os.environ.get("PAGE_CACHE_SIZE", "512"))
    # Form files (mẫu đơn, tờ khai) an editor uploads for a dossier item: the largest, in MB.
    FORM_MAX_MB = int(os.environ.get("FORM_MAX_MB", "10"))
    # Processes of `flask search rebuild`; warm-up of each worker's search caches (see search.md).
    SEARCH_BUILD_PROCS = int(os.environ.get("SEARCH_BUILD_PROCS", "1"))
    SEARCH_WARM = os.environ.get("SEARCH_WARM", "1") == "1"
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    JSON_SORT_KEYS = False
    # Import limits, checked before a file is expanded (see docs/import-format.md).
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
    IMPORT_MAX_UNCOMPRESSED_MB = int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_MB", "200"))
    IMPORT_MAX_ISSUES = int(os.environ.get("IMPORT_MAX_ISSUES", "10000"))
    IMPORT_MAX_SHARED_STRINGS_MB = int(os.environ.get("IMPORT_MAX_SHARED_STRINGS_MB", "50"))
    IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS", "10000000"))
    IMPORT_RETENTION_DAYS = int(os.environ.get("IMPORT_RETENTION_DAYS", "90"))  # prune-uploads
    # Background jobs (docs/deployment.md): JOBS_BACKEND sync | thread | rq; rq when
    # JOBS_REDIS_URL is set (workers: `flask jobs worker`), else a thread of the web process.
    JOBS_BACKEND = os.environ.get("JOBS_BACKEND")
    JOBS_REDIS_URL = os.environ.get("JOBS_REDIS_URL")  # e.g. redis://127.0.0.1:6379/1
    JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "registry")
    JOBS_TIMEOUT = int(os.environ.get("JOBS_TIMEOUT", "3600"))  # seconds a job may run (RQ)
    JOBS_STALE_SECONDS = int(os.environ.get("JOBS_STALE_SECONDS", "90"))  # no heartbeat → lost
    # Notification mail (docs/deployment.md): none is sent while MAIL_SERVER is empty.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "so-dang-ky-tthc@localhost")
    # Commitment targets not met are announced this many days before their due date.
    COMMITMENT_NOTICE_DAYS = int(os.environ.get("COMMITMENT_NOTICE_DAYS", "14"))
    # Cookies only over HTTPS in production (set SESSION_COOKIE_SECURE=1 behind TLS).
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # Failed sign-ins per client address (Flask-Limiter syntax), stored in memory or in Redis
    # (RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0); memory is used if Redis is down.
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per 15 minutes")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Behind a reverse proxy: how many proxies set X-Forwarded-For (0: none, the default).
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))
    # werkzeug's password hash method; tests set a cheap one ("pbkdf2:sha256:1000").
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt")
    # SQLite only: seconds a writer waits for another (a second import) before giving up.
    SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "30"))
    LOG_JSON = os.environ.get("LOG_JSON", "0") == "1"
    LOG_REQUESTS = os.environ.get("LOG_REQUESTS", "0") == "1"
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

    API_TITLE = "Một cửa registry API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    API_SPEC_OPTIONS = {
        "info": {
            "description": "Sổ đăng ký thủ tục hành chính một cửa: đọc thủ tục, đơn vị, lĩnh vực, "
            "quyết định công bố và văn bản căn cứ.",
        }
    }
