"""Debian packages for the data set builders: what is installed, and installing what is not."""
import os
import subprocess
import sys


def package_info(pkg):
    """(version, homepage) of an installed package, or None when it is not installed."""
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Version}\t${Homepage}", pkg],
                       capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.startswith("install ok installed"):
        return None
    parts = r.stdout.split("\t")
    return parts[1].strip(), (parts[2].strip() if len(parts) > 2 else "")


def ensure_packages(packages, what="package"):
    """Installs the missing ones with apt-get (running `apt-get update` once if the first try
    fails); exits with a one-line message when any is still missing."""
    missing = [p for p in packages if package_info(p) is None]
    if not missing:
        return
    print(f"installing {len(missing)} {what}(s) with apt-get: {' '.join(missing)}", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    cmd = sudo + ["apt-get", "install", "-y", "--no-install-recommends"] + missing
    if subprocess.run(cmd).returncode != 0:
        subprocess.run(sudo + ["apt-get", "update"], check=True)
        subprocess.run(cmd, check=True)
    still = [p for p in missing if package_info(p) is None]
    if still:
        sys.exit(f"could not install: {' '.join(still)}")
