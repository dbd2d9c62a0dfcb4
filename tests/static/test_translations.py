"""The Russian catalogue covers every translatable string of the app, keeps its placeholders and tags,
and uses the glossary's terms.

Sources are read as `bench generate-pot-file` reads them (`translation_sources.py`): Python `_()`
(and `N_()`, `_lt()`), JavaScript `__()`, DocType JSON (names, labels, Select options, descriptions,
roles, connections), report, workspace, onboarding, number card, dashboard chart and print format
records, Jinja templates. When a test here fails after a change that adds or edits strings:

    bench --site <site> generate-pot-file --app sales_module
    bench --site <site> update-po-files --app sales_module --locale ru
    # then translate the new (empty) entries of sales_module/locale/ru.po, using glossary-ru.md
"""

import ast
import re
from collections import Counter
from pathlib import Path

import pytest
import translation_sources as sources

ROOT = sources.ROOT
LOCALE = ROOT / "sales_module" / "locale"
REGENERATE = (
	"regenerate the catalogue: bench --site <site> generate-pot-file --app sales_module; "
	"bench --site <site> update-po-files --app sales_module --locale ru; then translate the new entries"
)

# placeholders: Jinja {{ ... }}, str.format fields ({0}, {name}, {}), printf (%s, %d, %(name)s)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{[A-Za-z0-9_.]*\}|%\([A-Za-z_]+\)[sd]|%[sd]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def found() -> dict:
	return sources.messages()


@pytest.fixture(scope="module")
def template() -> dict:
	return sources.read_po(LOCALE / "main.pot")


@pytest.fixture(scope="module")
def russian() -> dict:
	return sources.read_po(LOCALE / "ru.po")


def show(keys, where: dict | None = None, limit: int = 40) -> str:
	lines = []
	for msgid, context in sorted(keys, key=lambda key: (key[0], key[1] or ""))[:limit]:
		place = f"  ({', '.join(where[(msgid, context)][:2])})" if where and (msgid, context) in where else ""
		lines.append(f"{msgid!r}" + (f" [context {context!r}]" if context else "") + place)
	more = len(keys) - limit
	return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))


# ------------------------------------------------------------------ coverage
def test_template_lists_every_translatable_string(found, template):
	missing = set(found) - set(template)
	assert not missing, f"not in main.pot ({REGENERATE}):\n" + show(missing, found)
	stale = set(template) - set(found)
	assert not stale, f"main.pot lists strings the sources no longer have ({REGENERATE}):\n" + show(stale)


def test_every_string_has_a_russian_translation(found, russian):
	untranslated = {
		key
		for key in found
		if key not in russian or not russian[key]["msgstr"].strip() or russian[key]["fuzzy"]
	}
	assert not untranslated, (
		f"{len(untranslated)} strings without a Russian translation in ru.po ({REGENERATE}):\n"
		+ show(untranslated, found)
	)


def test_russian_catalogue_follows_the_template(template, russian):
	extra = {key for key, entry in russian.items() if key not in template and not entry["obsolete"]}
	assert not extra, "ru.po has entries main.pot does not (run update-po-files):\n" + show(extra)
	assert not [key for key, entry in russian.items() if entry["obsolete"]], "ru.po keeps obsolete entries"


def test_translations_are_in_russian(russian):
	"""Every translation has Cyrillic in it, except for codes (CODE-128, EAN, OTIF %) that have no word."""
	english = {
		key
		for key, entry in russian.items()
		if entry["msgstr"]
		and not CYRILLIC.search(entry["msgstr"])
		and re.search(r"[a-z]{3,}", PLACEHOLDER.sub("", key[0]))
	}
	assert not english, "translations still in English:\n" + show(english)


# ------------------------------------------------------------------ form
def placeholders(text: str) -> tuple[Counter, set]:
	"""Positional fields ({}, %s, %d) by count, named and numbered ones as a set."""
	found = PLACEHOLDER.findall(text)
	positional = Counter(item for item in found if item in ("{}", "%s", "%d"))
	return positional, {item for item in found if item not in ("{}", "%s", "%d")}


def test_placeholders_are_kept(russian):
	wrong = [
		f"{msgid!r} -> {entry['msgstr']!r}"
		for (msgid, _context), entry in russian.items()
		if entry["msgstr"] and placeholders(msgid) != placeholders(entry["msgstr"])
	]
	assert not wrong, "placeholders differ between source and translation:\n" + "\n".join(wrong)


def test_html_tags_are_kept(russian):
	wrong = [
		f"{msgid!r} -> {entry['msgstr']!r}"
		for (msgid, _context), entry in russian.items()
		if entry["msgstr"] and Counter(TAG.findall(msgid)) != Counter(TAG.findall(entry["msgstr"]))
	]
	assert not wrong, "HTML tags differ between source and translation:\n" + "\n".join(wrong)


def test_translations_have_no_stray_whitespace(russian):
	wrong = [
		msgid
		for (msgid, _context), entry in russian.items()
		if entry["msgstr"]
		and (entry["msgstr"] != entry["msgstr"].strip() or "  " in entry["msgstr"])
		and entry["msgstr"].strip() != msgid.strip()
	]
	assert not wrong, f"translations with leading, trailing or double spaces: {wrong}"


def test_server_strings_can_be_looked_up(found):
	"""Frappe's Python `_()` strips HTML tags and surrounding whitespace before it looks a string up,
	so a server-side msgid with either is never found: keep them out of the msgid."""
	server = {
		key
		for key, places in found.items()
		if any(place.split(":")[0].endswith((".py", ".html")) for place in places)
		and not any(place.split(":")[0].endswith(".js") for place in places)
	}
	wrong = {key for key in server if key[0] != key[0].strip() or re.search("<[^>]+>", key[0])}
	assert not wrong, "server strings Frappe's _() cannot look up:\n" + show(wrong, found)


# ------------------------------------------------------------------ glossary
def glossary() -> list[tuple[str, str, list[str]]]:
	"""(English, Russian, never) rows of the glossary's tables."""
	rows = []
	for line in (LOCALE / "glossary-ru.md").read_text(encoding="utf-8").splitlines():
		cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
		if len(cells) != 4 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
			continue
		never = [word.strip() for word in cells[3].split(";") if word.strip()]
		rows.append((cells[0], cells[1], never))
	return rows


def test_glossary_is_read():
	terms = {english: russian for english, russian, _never in glossary()}
	assert terms["Sales Invoice"] == "Счёт на оплату"
	assert terms["Commission Settlement"] == "Расчёт комиссии"
	assert len(terms) > 80


def test_glossary_terms_are_used(russian):
	wrong = [
		f"{english!r}: {russian[(english, None)]['msgstr']!r}, the glossary says {term!r}"
		for english, term, _never in glossary()
		if (english, None) in russian and russian[(english, None)]["msgstr"] != term
	]
	assert not wrong, "translations that differ from glossary-ru.md:\n" + "\n".join(wrong)


def test_rejected_terms_are_not_used(russian):
	rejected = [(word, english) for english, _term, never in glossary() for word in never]
	wrong = []
	for (msgid, _context), entry in russian.items():
		for word, english in rejected:
			if re.search(rf"(?<![А-Яа-яЁё]){re.escape(word)}", entry["msgstr"], re.IGNORECASE):
				wrong.append(f"{msgid!r} -> {entry['msgstr']!r}: {word!r} (glossary: {english})")
	assert not wrong, "terms the glossary rejects:\n" + "\n".join(wrong)


def test_yo_is_written_in_the_glossary_words(russian):
	"""Счёт, отчёт, партнёр and расчёт keep their ё in every form the app uses."""
	wrong = [
		f"{msgid!r} -> {entry['msgstr']!r}"
		for (msgid, _context), entry in russian.items()
		if re.search(r"(?<![А-Яа-яЁё])(счет|отчет|партнер|расчет)(?![а-яё])", entry["msgstr"], re.IGNORECASE)
		or re.search(r"(?<![А-Яа-яЁё])(отчет|партнер|расчет)[а-яё]", entry["msgstr"], re.IGNORECASE)
	]
	assert not wrong, "write ё:\n" + "\n".join(wrong)


# ------------------------------------------------------------------ sources that translate well
def module_level_translations(path: Path) -> list[int]:
	"""Lines of `_()` calls evaluated when the module is imported (in whichever language is active
	then, usually English): outside any function or lambda."""
	lines = []

	def visit(node, inside: bool):
		for child in ast.iter_child_nodes(node):
			deeper = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
			if (
				not inside
				and isinstance(child, ast.Call)
				and getattr(child.func, "id", getattr(child.func, "attr", None)) == "_"
			):
				lines.append(child.lineno)
			visit(child, deeper)

	visit(ast.parse(path.read_text(encoding="utf-8")), False)
	return lines


def test_nothing_is_translated_at_import_time():
	wrong = [
		f"{path.relative_to(ROOT)}:{line}"
		for path in sorted((ROOT / "sales_module").rglob("*.py"))
		for line in module_level_translations(path)
	]
	assert not wrong, "mark these with N_() and translate where used: " + ", ".join(wrong)


ENGINE_TEMPLATES = {"EngineValidationError": 0, "_fail": 0, "CouponCheck": 2, "BandProblem": 1}


def test_engine_templates_are_marked_for_the_catalogue():
	"""The engine never translates: each English template it raises is marked N_("...") so the
	catalogue has it and `engine_message` can translate it."""
	wrong = []
	for path in sorted((ROOT / "sales_module" / "engine").rglob("*.py")):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not isinstance(node, ast.Call):
				continue
			position = ENGINE_TEMPLATES.get(getattr(node.func, "id", getattr(node.func, "attr", None)))
			if position is not None and len(node.args) > position:
				argument = node.args[position]
				if isinstance(argument, ast.Constant | ast.JoinedStr | ast.BinOp):
					wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
	assert not wrong, "unmarked engine templates: " + ", ".join(wrong)


# ------------------------------------------------------------------ the extractors themselves
@pytest.mark.parametrize(
	"code, expected",
	[
		('frappe.throw(_("Row {0}: bad").format(1))', [("Row {0}: bad", None)]),
		('_("Part one " "part two")', [("Part one part two", None)]),
		('_("Ctx", context="Coins")', [("Ctx", "Coins")]),
		('N_("Marked")', [("Marked", None)]),
		("_(label)", []),
		('_(f"{x} Name")', []),
		('_("")', []),
		('def _(text):\n\treturn text\n_("After")', [("After", None)]),
	],
)
def test_python_extraction(tmp_path, code, expected):
	path = tmp_path / "module.py"
	path.write_text(code)
	assert [(msgid, context) for _line, msgid, context in sources.extract_python(path)] == expected


@pytest.mark.parametrize(
	"code, expected",
	[
		('__("Plain")', [("Plain", None)]),
		('__("With {0}", [name])', [("With {0}", None)]),
		('__("Joined " + "text")', [("Joined text", None)]),
		('__("Change", null, "Coins")', [("Change", "Coins")]),
		("__(`Template`)", [("Template", None)]),
		("const s = `${__('Inside')} and ${x}`;", [("Inside", None)]),
		("__(doc.status)", []),
		("// __('Commented')\nlet a = 1 / 2; __('After')", [("After", None)]),
		("frappe.msgprint(__('Escaped \\'quote\\''))", [("Escaped 'quote'", None)]),
	],
)
def test_javascript_extraction(tmp_path, code, expected):
	path = tmp_path / "form.js"
	path.write_text(code)
	assert [(msgid, context) for _line, msgid, context in sources.extract_javascript(path)] == expected


def test_template_extraction():
	found = {(msgid, context) for _line, msgid, context in sources.template_messages(
		'<h1>{{ _("Statement") }}</h1><script>frappe.msgprint(__("Done"));</script>{{ _("No") ~ x }}'
	)}  # fmt: skip
	assert found == {("Statement", None), ("Done", None), ("No", None)}


def test_doctype_extraction(tmp_path):
	path = tmp_path / "doctype" / "thing" / "thing.json"
	path.parent.mkdir(parents=True)
	path.write_text(
		'{"doctype": "DocType", "name": "Thing", "description": "What it is", "fields": ['
		'{"fieldname": "status", "fieldtype": "Select", "label": "Status", "options": "\\nOpen\\n1\\nDone"},'
		'{"fieldname": "naming_series", "fieldtype": "Select", "options": "THG-.####"},'
		'{"fieldname": "qty", "fieldtype": "Float", "label": "Qty", "description": "How many"}],'
		'"links": [{"group": "Sales", "link_doctype": "Quotation"}], "permissions": [{"role": "Sales User"}]}'
	)
	assert [msgid for _line, msgid, _context in sources.extract_doctype(path) if msgid] == [
		"Thing", "What it is", "Status", "Open", "Done", "Qty", "How many", "Sales", "Quotation", "Sales User",
	]  # fmt: skip


def test_po_reader_joins_continued_lines(tmp_path):
	path = tmp_path / "x.po"
	path.write_text(
		'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
		'#, fuzzy\nmsgid "A"\nmsgstr "Б"\n\n'
		'msgctxt "Coins"\nmsgid ""\n"Two "\n"lines"\nmsgstr "Две \\"строки\\""\n',
		encoding="utf-8",
	)
	assert sources.read_po(path) == {
		("A", None): {"msgstr": "Б", "fuzzy": True, "obsolete": False},
		("Two lines", "Coins"): {"msgstr": 'Две "строки"', "fuzzy": False, "obsolete": False},
	}
