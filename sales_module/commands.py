"""The app's bench commands (found by Frappe's bench helper through the `commands` list):
`bench --site SITE sales-module-demo [--lang ru|en] [--size N] [--remove]`,
`bench --site SITE sales-module-check-invariants` (exit code 1 on any violation)."""

import time

import click
from frappe.commands import get_site, pass_context

DEMO_LANGUAGES = ("ru", "en")


@click.command("sales-module-demo")
@click.option("--lang", type=click.Choice(DEMO_LANGUAGES), default="ru", show_default=True,
			  help="Language of the demo company's names and texts")  # fmt: skip
@click.option("--size", type=click.IntRange(min=3), default=12, show_default=True,
			  help="Number of customers; the year's documents grow with it")  # fmt: skip
@click.option("--seed", type=int, default=12, show_default=True, help="Seed of the random choices")
@click.option("--remove", is_flag=True, default=False, help="Cancel and delete everything the demo made")
@pass_context
def sales_module_demo(context, lang: str, size: int, seed: int, remove: bool):
	"""Make a year of realistic selling data (customers, items, prices, quotations to payments, dunnings, a
	sales plan, a commission settlement), or remove it."""
	import frappe

	from sales_module.demo.maker import make_demo, remove_demo
	from sales_module.exceptions import DemoDataError

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		frappe.local.lang = lang if not remove else frappe.local.lang
		started = time.monotonic()
		if remove:
			removed = remove_demo()
			frappe.db.commit()
			click.echo(frappe._("Removed the demo data: {0} records").format(removed))
		else:
			counts = make_demo(lang=lang, size=size, seed=seed)
			frappe.db.commit()
			click.echo(frappe._("Made the demo data in {0} s:").format(round(time.monotonic() - started)))
			for doctype, count in sorted(counts.items()):
				click.echo(f"  {frappe._(doctype)}: {count}")
	except DemoDataError as error:
		frappe.db.rollback()
		raise click.ClickException(frappe.utils.strip_html(str(error))) from error
	except Exception:
		frappe.db.rollback()
		raise
	finally:
		frappe.destroy()


@click.command("sales-module-check-invariants")
@pass_context
def sales_module_check_invariants(context):
	"""Check the whole database against the app's invariants (stock bins and ledger, every figure that is a
	sum over other documents, documents written whole): print how many were checked per rule and every
	violation; exit code 1 on any violation. Only reads; run it on a site at rest."""
	import frappe

	from sales_module.controllers.invariants import run_checks

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		started = time.monotonic()
		report = run_checks()
		frappe.db.rollback()
	finally:
		frappe.destroy()
	broken: dict[str, int] = {}
	for violation in report.violations:
		broken[violation.rule] = broken.get(violation.rule, 0) + 1
	width = max(len(rule) for rule in report.checked)
	for rule, checked in report.checked.items():
		click.echo(f"{rule:<{width}}  checked {checked:>8}  violations {broken.get(rule, 0):>5}")
	for violation in report.violations:
		click.echo(str(violation))
	click.echo(
		f"{len(report.violations)} violations in {round(time.monotonic() - started, 1)} s",
		err=bool(report.violations),
	)
	if report.violations:
		raise SystemExit(1)


commands = [sales_module_demo, sales_module_check_invariants]
