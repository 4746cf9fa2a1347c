"""Audit the pinned requirements for known vulnerabilities with pip-audit.

Fails (exit 1) when any pinned package, or anything it pulls in, has a known
vulnerability. A package pip-audit could not look up (its vulnerability
service unreachable) is reported by name; that fails too when
BIMTEK_AUDIT_STRICT=1, and otherwise prints a loud warning, because CI must not
claim an audit it could not do, nor block every change while the service is away.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"  # beside the Python that runs this script


def main() -> int:
    command = [str(PIP_AUDIT), "--format", "json", "--progress-spinner", "off",
               "-r", "requirements.txt", "-r", "requirements-dev.txt"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr[-4000:], file=sys.stderr)
        print(f"pip-audit did not run (exit {result.returncode})", file=sys.stderr)
        return 1
    dependencies = report["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} of {len(dependencies)} packages audited, {len(vulnerable)} vulnerable")
    if skipped:
        print(f"NOT AUDITED ({len(skipped)}): " + ", ".join(d["name"] for d in skipped))
        print("  reason of the first: " + skipped[0]["skip_reason"])
    if vulnerable:
        return 1
    if skipped and os.environ.get("BIMTEK_AUDIT_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
