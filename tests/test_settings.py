import subprocess
import sys


def run_check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_check(
        {
            "DIPLOMACY_SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
            "DIPLOMACY_DATA_DIR": str(tmp_path),
            "DIPLOMACY_ALLOWED_HOSTS": "diplomacy.example.org",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_says_how_to_fix_it(tmp_path):
    result = run_check({"DIPLOMACY_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DIPLOMACY_SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_names_the_variable(tmp_path):
    result = run_check({"DIPLOMACY_DEBUG": "maybe", "DIPLOMACY_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DIPLOMACY_DEBUG must be one of" in result.stderr


def test_the_postgres_search_backend_without_postgres_names_the_fix(tmp_path):
    result = run_check(
        {
            "SEARCH_BACKEND": "postgres",
            "DIPLOMACY_DEBUG": "true",
            "DIPLOMACY_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode != 0
    assert "SEARCH_BACKEND=postgres needs a PostgreSQL database" in result.stderr


def test_an_unknown_search_backend_is_refused(tmp_path):
    result = run_check(
        {"SEARCH_BACKEND": "solr", "DIPLOMACY_DEBUG": "true", "DIPLOMACY_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "SEARCH_BACKEND must be whoosh or postgres" in result.stderr


def mail_settings(env: dict) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_FILE_PATH)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "diplomacy.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_a_mail_host_emails_are_files_in_the_data_directory(tmp_path):
    backend, *_rest, path = mail_settings(
        {"DIPLOMACY_DEBUG": "true", "DIPLOMACY_DATA_DIR": str(tmp_path)}
    )
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(tmp_path / "mail")


def test_a_mail_host_sends_through_smtp_with_starttls_on_587(tmp_path):
    backend, host, port, tls, _path = mail_settings(
        {
            "DIPLOMACY_DEBUG": "true",
            "DIPLOMACY_DATA_DIR": str(tmp_path),
            "DIPLOMACY_EMAIL_HOST": "smtp.example.org",
        }
    )
    assert (backend, host, port, tls) == (
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
    )
