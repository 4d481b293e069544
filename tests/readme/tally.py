"""Counts checks and prints them as `N passed, N failed, N skipped`."""


class Tally:
    """Passed, failed and skipped checks, each failure printed as it happens."""

    def __init__(self):
        self.passed, self.failed, self.skipped = 0, 0, 0

    def check(self, ok, what, detail=""):
        """Records one check; returns `ok`."""
        if ok:
            self.passed += 1
            print(f"ok    {what}")
        else:
            self.failed += 1
            print(f"FAIL  {what}" + (f"\n{detail.rstrip()}" if detail else ""))
        return ok

    def skip(self, what, why):
        self.skipped += 1
        print(f"skip  {what}: {why}")

    def close(self):
        """Prints the closing line; returns the exit status."""
        line = f"{self.passed} passed, {self.failed} failed"
        print(line + (f", {self.skipped} skipped" if self.skipped else ""))
        return 1 if self.failed else 0
