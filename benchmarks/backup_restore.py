"""Backup and restore, proven: a site with a year of demo data is backed up with `bench backup`, restored
with `bench restore` into a new site, and both are compared: every table of the app (and the core tables
its documents write) holds the same rows, column for column, and the invariants hold on both.

	python3 benchmarks/backup_restore.py --bench /home/frappe/frappe-bench [--size 12]

Run from anywhere as root or as the bench's user; it makes (and afterwards drops) the sites
`sales-module-backup.localhost` and `sales-module-restored.localhost`. Exit code 0 when the restored site
equals the original, 1 otherwise. CI (`.ci/run`) runs it after the integration tests."""

import argparse
import getpass
import json
import os
import pwd
import re
import subprocess
import sys
import time
from pathlib import Path

SOURCE_SITE = "sales-module-backup.localhost"
RESTORED_SITE = "sales-module-restored.localhost"


class Bench:
	def __init__(self, path: Path, db_root_user: str, db_root_password: str):
		self.path = path
		self.user = pwd.getpwuid(path.stat().st_uid).pw_name
		self.db_root = ["--db-root-username", db_root_user, "--db-root-password", db_root_password]

	def run(self, *args: str, capture: bool = False) -> str:
		"""A Frappe command through the bench's own Python, as its user, in its sites folder."""
		command = [str(self.path / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", *args]
		if getpass.getuser() != self.user:
			home = pwd.getpwnam(self.user).pw_dir
			command = ["runuser", "-u", self.user, "--", "env", f"HOME={home}", *command]
		result = subprocess.run(
			command,
			cwd=self.path / "sites",
			env={
				**os.environ,
				"PATH": f"{self.path / 'env/bin'}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
			},
			capture_output=True,
			text=True,
		)
		if result.returncode != 0:
			sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
			raise SystemExit(f"failed: {' '.join(args)}")
		return result.stdout

	def drop(self, site: str):
		if (self.path / "sites" / site).exists():
			self.run("drop-site", site, "--force", "--no-backup", *self.db_root)

	def site_config(self, site: str) -> dict:
		return json.loads((self.path / "sites" / site / "site_config.json").read_text())


def fingerprint(bench: Bench, site: str) -> dict:
	output = bench.run("--site", site, "execute", "sales_module.tests.fingerprint.database_fingerprint")
	return json.loads(output.strip().splitlines()[-1])


def invariants(bench: Bench, site: str) -> str:
	"""The invariant checker's report (the command fails on any violation)."""
	return bench.run("--site", site, "sales-module-check-invariants").strip()


def invariants_summary(report: str) -> str:
	"""'<checks> checks, <n> violations in <t> s' from the command's table and last line."""
	checks = sum(int(match) for match in re.findall(r"checked\s+(\d+)", report))
	return f"{checks} checks, {report.splitlines()[-1]}"


def newest(folder: Path, suffix: str) -> Path:
	"""The latest backup file whose name ends with `suffix` (the public files' "-files.tar" is told apart
	from the private files' "-private-files.tar")."""
	found = [path for path in folder.iterdir() if path.name.endswith(suffix)]
	if suffix == "-files.tar":
		found = [path for path in found if not path.name.endswith("-private-files.tar")]
	return max(found, key=lambda path: path.stat().st_mtime)


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--bench", default=os.environ.get("SALES_MODULE_BENCH", "/home/frappe/frappe-bench"))
	parser.add_argument(
		"--size", type=int, default=12, help="demo customers (the year's documents grow with it)"
	)
	parser.add_argument(
		"--db-root-username", default=os.environ.get("SALES_MODULE_DB_ROOT_USER", "bench_admin")
	)
	parser.add_argument(
		"--db-root-password", default=os.environ.get("SALES_MODULE_DB_ROOT_PASSWORD", "admin")
	)
	parser.add_argument("--keep", action="store_true", help="keep both sites afterwards")
	args = parser.parse_args()
	bench = Bench(Path(args.bench), args.db_root_username, args.db_root_password)
	started = time.monotonic()
	try:
		bench.drop(SOURCE_SITE)
		bench.drop(RESTORED_SITE)
		bench.run(
			"new-site",
			SOURCE_SITE,
			*bench.db_root,
			"--admin-password",
			"admin",
			"--install-app",
			"sales_module",
		)
		print(
			bench.run(
				"--site", SOURCE_SITE, "sales-module-demo", "--size", str(args.size), "--lang", "ru"
			).strip()
		)
		before = fingerprint(bench, SOURCE_SITE)
		invariants_before = invariants(bench, SOURCE_SITE)

		bench.run("--site", SOURCE_SITE, "backup", "--with-files")
		backups = bench.path / "sites" / SOURCE_SITE / "private" / "backups"
		database = newest(backups, "-database.sql.gz")
		print(f"backup: {database.name} ({database.stat().st_size // 1024} KiB)")
		# `restore` replaces the database of a site that exists, as an administrator restores into a new one
		bench.run("new-site", RESTORED_SITE, *bench.db_root, "--admin-password", "admin")
		bench.run(
			"--site", RESTORED_SITE, "restore", str(database), *bench.db_root, "--admin-password", "admin",
			"--with-public-files", str(newest(backups, "-files.tar")),
			"--with-private-files", str(newest(backups, "-private-files.tar")),
		)  # fmt: skip
		# the restored site decrypts what the original encrypted (API secrets, passwords)
		key = bench.site_config(SOURCE_SITE).get("encryption_key")
		if key:
			bench.run("--site", RESTORED_SITE, "set-config", "encryption_key", key)
		after = fingerprint(bench, RESTORED_SITE)
		invariants_after = invariants(bench, RESTORED_SITE)
	finally:
		if not args.keep:
			bench.drop(SOURCE_SITE)
			bench.drop(RESTORED_SITE)

	differing = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
	rows = sum(count for count, _checksum in before.values())
	print(f"tables compared: {len(before)}, rows: {rows}, differing tables: {len(differing)}")
	for name in differing:
		print(f"  {name}: before {before.get(name)}, after {after.get(name)}")
	print("invariants before:", invariants_summary(invariants_before))
	print("invariants after:", invariants_summary(invariants_after))
	print(f"done in {round(time.monotonic() - started)} s")
	return 1 if differing else 0


if __name__ == "__main__":
	sys.exit(main())
