"""Prove the README's `make run` as a new user meets it: set up, serve, log in.

Runs `make demo` (the setup half of `make run`) with the embedded default (no
DATABASE_URL), then `make run` itself on a free local port, fetches the login
page, logs in as the first demo login it printed (form post with the CSRF
token), opens pages only that person sees, and stops the server it started.
Standard library only; exits non-zero with the server's log on any failure.
"""
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fail(message, log=None):
    print(f"FIRST RUN FAILED: {message}")
    if log:
        log.seek(0)
        print("--- server output (last lines) ---")
        print("\n".join(log.read().decode(errors="replace").splitlines()[-40:]))
    sys.exit(1)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_logins():
    result = subprocess.run(["make", "demo"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    print(result.stdout)
    if result.returncode:
        fail(f"`make demo` exited {result.returncode}:\n{result.stderr[-3000:]}")
    password = re.search(r"password for all: (\S+?)\)", result.stdout)
    emails = re.findall(r"^\s+\S.*?\s(\S+@\S+)\s*$", result.stdout, re.M)
    if not (password and emails):
        fail("`make demo` printed no demo login")
    return emails[0], password.group(1)


def wait_for(url, log, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    fail(f"the server did not answer {url} within {seconds} s", log)


def main():
    email, password = demo_logins()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=ROOT, env=ENV, stdout=log, stderr=log,
                              start_new_session=True)
    try:
        login_page = wait_for(f"{base}/accounts/login/", log)
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with browser.open(f"{base}/accounts/login/") as response:
            login_page = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
        if not token:
            fail("the login page has no CSRF token", log)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "login": email, "password": password})
        request = urllib.request.Request(f"{base}/accounts/login/", data=form.encode(),
                                         headers={"Referer": f"{base}/accounts/login/"})
        with browser.open(request) as response:
            home = response.read().decode()
            landed = urllib.parse.urlparse(response.geturl()).path
        if landed.startswith("/accounts/login"):
            fail(f"logging in as {email} with the printed password was refused", log)
        if "Gerakan Menuju Smart City" not in home:
            fail(f"{email}'s home page {landed} does not show the demo program", log)
        with browser.open(f"{base}/preferences/") as response:
            if response.status != 200 or urllib.parse.urlparse(response.geturl()).path != "/preferences/":
                fail(f"{email} could not open their Settings page", log)
        anonymous = urllib.request.build_opener(NoRedirect)
        try:
            anonymous.open(f"{base}{landed}")
            fail(f"{landed} answered an anonymous visitor", log)
        except urllib.error.HTTPError as refused:
            if refused.code != 302:
                fail(f"{landed} answered {refused.code} to an anonymous visitor instead of the login page", log)
        print(f"First run: `make run` served {base}, {email} logged in and saw the demo program on "
              f"{landed} and their Settings; anonymous visitors are sent to the login page.")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
