"""What the Python test suites share: their venv under target/, and their last line.

A suite calls `ensure(venv, requirements, script)` first: the venv is created (with
Debian's python3-venv installed if the interpreter lacks the venv module) and the pinned
packages of `requirements` installed, again whenever that file changes; then the script
is run again inside it. It ends with `closing(results)`.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path


def sh(cmd, say, **kw):
    say("$ " + " ".join(map(str, cmd)))
    subprocess.run(cmd, check=True, **kw)


def apt(packages, say):
    """Installs Debian packages, through sudo unless root."""
    cmd = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-q", "-y"]
    if os.geteuid() != 0:
        cmd = ["sudo", "-n"] + cmd
    sh(cmd + ["update"], say, stdout=subprocess.DEVNULL)
    sh(cmd + ["install", "--no-install-recommends"] + packages, say, stdout=subprocess.DEVNULL)


def ensure(venv: Path, requirements: Path, script: str, say):
    """Re-runs `script` inside `venv`, creating it or its packages when needed."""
    py = venv / "bin" / "python"
    stamp = venv / ".requirements"
    if not (py.exists() and stamp.exists() and stamp.read_text() == requirements.read_text()):
        if not py.exists():
            try:
                sh([sys.executable, "-m", "venv", str(venv)], say)
            except subprocess.CalledProcessError:  # Debian's python3 without its venv module
                shutil.rmtree(venv, ignore_errors=True)
                apt(["python3-venv"], say)
                sh(["python3", "-m", "venv", str(venv)], say)
        sh([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
            str(requirements)], say)
        stamp.write_text(requirements.read_text())
    if Path(sys.prefix).resolve() != venv.resolve():
        os.execv(str(py), [str(py), script] + sys.argv[1:])


def closing(results):
    """Prints `N passed, M failed` for `results` (one bool a check) and gives the exit
    status: 0 only when some check ran and none failed."""
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed else 1
