"""The app's translatable messages, collected without Frappe, as `bench generate-pot-file` collects them.

Frappe v15 builds an app's `locale/main.pot` with babel's `extract_from_dir` over the repository,
each file read by the first extractor whose pattern matches: the app's own `babel_extractors.csv`
first, then Frappe's (hooks.py: navbar items only; DocType, workspace, onboarding and report JSON;
Python `_()`; JavaScript `__()`; Jinja and microtemplates). This module does the same with the
standard library only, so layer 1 can check the Russian catalogue: `messages()` returns
{(msgid, context): [locations]}, and `read_po()` reads a PO file.

Kept deliberately close to the extractors (frappe/gettext/extractors/, babel.messages.extract and
babel.messages.jslexer) so both agree; `test_translations.py` fails when they do not.
"""

import ast
import io
import json
import re
import tokenize
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# babel's DEFAULT_KEYWORDS plus Frappe's `_lt`: name -> spec (argument positions, (n, "c") = context)
PY_KEYWORDS = {
	"_": None,
	"gettext": None,
	"ngettext": (1, 2),
	"ugettext": None,
	"ungettext": (1, 2),
	"dgettext": (2,),
	"dngettext": (2, 3),
	"N_": None,
	"pgettext": ((1, "c"), 2),
	"npgettext": ((1, "c"), 2, 3),
	"_lt": None,
}
SELECT_OPTIONS_NOT_TRANSLATED = (
	"naming_series",
	"number_format",
	"float_precision",
	"currency_precision",
	"minimum_password_score",
)

Message = tuple[str, str | None]  # (msgid, msgctxt)


# ------------------------------------------------------------------ which files, which extractor
def method_map() -> list[tuple[str, str]]:
	"""The app's babel_extractors.csv, then Frappe's own map (frappe/babel_extractors.csv)."""
	own = []
	csv_path = ROOT / "babel_extractors.csv"
	if csv_path.exists():
		for line in csv_path.read_text().splitlines():
			if line.strip():
				pattern, method = line.split(",", 1)
				own.append((pattern.strip(), method.strip().rsplit(".", 1)[-1]))
	return [
		*own,
		("**/hooks.py", "navbar"),
		("**/doctype/*/*.json", "doctype"),
		("**/workspace/*/*.json", "workspace"),
		("**/onboarding_step/*/*.json", "onboarding_step"),
		("**/module_onboarding/*/*.json", "module_onboarding"),
		("**/report/*/*.json", "report"),
		("**.py", "python"),
		("**/templates/**.js", "html_template"),
		("**.js", "javascript"),
		("**.html", "html_template"),
		("**.vue", "html_template"),
	]


def pathmatch(pattern: str, filename: str) -> bool:
	"""babel.util.pathmatch: `*` one path part, `**/` any number of folders, `**` any path."""
	symbols = {
		"?": "[^/]",
		"?/": "[^/]/",
		"*": "[^/]+",
		"*/": "[^/]+/",
		"**/": "(?:.+/)*?",
		"**": "(?:.+/)*?[^/]+",
	}
	buf = []
	for index, part in enumerate(re.split("([?*]+/?)", pattern)):
		buf.append(symbols[part] if index % 2 else re.escape(part))
	return re.match("".join(buf) + "$", filename) is not None


def source_files() -> Iterator[tuple[str, Path]]:
	"""Files under the repository as babel walks it: folders starting with "." or "_" and the
	gitignored ones skipped, sorted; each with its extractor's name."""
	ignored = gitignored_names()
	methods = method_map()

	def walk(folder: Path):
		entries = sorted(folder.iterdir(), key=lambda p: p.name)
		for path in entries:
			if path.is_file():
				relative = path.relative_to(ROOT).as_posix()
				for pattern, method in methods:
					if pathmatch(pattern, relative):
						yield method, path
						break
		for path in entries:
			if path.is_dir() and not path.name.startswith((".", "_")):
				if not any(fnmatch(path.name, name) for name in ignored):
					yield from walk(path)

	yield from walk(ROOT)


def gitignored_names() -> list[str]:
	gitignore = ROOT / ".gitignore"
	if not gitignore.exists():
		return []
	names = []
	for line in gitignore.read_text().splitlines():
		line = line.strip()
		if line and not line.startswith("#") and "/" not in line.rstrip("/"):
			names.append(line.rstrip("/"))
	return names


def messages() -> dict[Message, list[str]]:
	"""Every translatable message of the app: {(msgid, context): ["path:line", ...]}."""
	found: dict[Message, list[str]] = {}
	for method, path in source_files():
		relative = path.relative_to(ROOT).as_posix()
		for lineno, msgid, context in EXTRACTORS[method](path):
			if msgid:
				found.setdefault((msgid, context or None), []).append(f"{relative}:{lineno or ''}")
	return found


# ------------------------------------------------------------------ JSON records
def _json(path: Path):
	data = json.loads(path.read_text(encoding="utf-8"))
	return data if isinstance(data, dict) else None


def extract_doctype(path: Path):
	data = _json(path)
	if data is None:
		return
	yield None, data.get("name"), None
	yield None, data.get("description"), None
	for field in data.get("fields", []):
		fieldtype, fieldname, label = field.get("fieldtype"), field.get("fieldname"), field.get("label")
		yield None, label, None
		yield None, field.get("description"), None
		options = field.get("options")
		if not options:
			continue
		if fieldtype == "Select":
			if fieldname in SELECT_OPTIONS_NOT_TRANSLATED:
				continue
			choices = [option for option in options.split("\n") if option and not option.isdigit()]
			if choices and "icon" in choices[0]:
				continue
			for choice in choices:
				yield None, choice, None
		elif fieldtype == "HTML":
			yield None, options, None
	for link in data.get("links", []):
		yield None, link.get("group"), None
		yield None, link.get("link_doctype"), None
	for permission in data.get("permissions", []):
		if "role" in permission:
			yield None, permission["role"], None


def extract_report(path: Path):
	data = _json(path)
	if data and data.get("doctype") == "Report":
		yield None, data.get("report_name"), None


def extract_workspace(path: Path):
	data = _json(path)
	if not data or data.get("doctype") != "Workspace":
		return
	yield None, data.get("label"), None
	for key in ("charts", "number_cards"):
		for item in data.get(key, []):
			yield None, item.get("label"), None
	for link in data.get("links", []):
		yield None, link.get("label"), None
		yield None, link.get("description"), None
	for shortcut in data.get("shortcuts", []):
		yield None, shortcut.get("label"), None
		yield None, shortcut.get("format"), None
	for block in json.loads(data.get("content") or "[]"):
		if block.get("type") in ("header", "paragraph"):
			yield None, block.get("data", {}).get("text"), None


def extract_module_onboarding(path: Path):
	data = _json(path)
	if data and data.get("doctype") == "Module Onboarding":
		for key in ("title", "subtitle", "success_message"):
			yield None, data.get(key), None


def extract_onboarding_step(path: Path):
	data = _json(path)
	if data and data.get("doctype") == "Onboarding Step":
		for key in ("title", "action_label", "description", "report_description"):
			yield None, data.get(key), None


def extract_navbar(path: Path):
	"""hooks.py is read for `standard_navbar_items` / `standard_help_items` only (never for `_()`)."""
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(
			isinstance(target, ast.Name) and target.id in ("standard_navbar_items", "standard_help_items")
			for target in node.targets
		):
			for item in ast.literal_eval(node.value):
				yield None, item.get("item_label"), None


# the app's own extractors (sales_module/utils/gettext_extractors.py, named in babel_extractors.csv)
def extract_number_card(path: Path):
	data = _json(path)
	if data and data.get("doctype") == "Number Card":
		yield None, data.get("label") or data.get("name"), None


def extract_dashboard_chart(path: Path):
	data = _json(path)
	if data and data.get("doctype") == "Dashboard Chart":
		yield None, data.get("chart_name") or data.get("name"), None


def extract_print_format(path: Path):
	data = _json(path)
	if not data or data.get("doctype") != "Print Format":
		return
	if data.get("html"):
		yield from template_messages(data["html"])
	layout = data.get("format_data") or "[]"
	try:
		layout = json.loads(layout) if isinstance(layout, str) else layout
	except ValueError:
		layout = []
	for field in layout if isinstance(layout, list) else []:
		if isinstance(field, dict):
			yield None, field.get("label"), None


# ------------------------------------------------------------------ Python: babel's extract_python
def _python_string(value: str) -> str | None:
	try:
		node = ast.parse(value, mode="eval").body
	except SyntaxError:
		return None
	if isinstance(node, ast.Constant) and isinstance(node.value, str):
		return node.value
	if isinstance(node, ast.JoinedStr) and all(isinstance(part, ast.Constant) for part in node.values):
		return "".join(str(part.value) for part in node.values)
	return None


def _python_calls(source: str):
	"""(lineno, funcname, arguments) of each translation call, babel's token walk: the string
	literals at the call's top level, joined per argument, None for an argument without one."""
	funcname = message_lineno = None
	call_stack = -1
	buf: list[str] = []
	arguments: list[str | None] = []
	in_def = False
	tokens = tokenize.generate_tokens(io.StringIO(source).readline)
	for tok in tokens:
		kind, value, lineno = tok.type, tok.string, tok.start[0]
		if call_stack == -1 and kind == tokenize.NAME and value in ("def", "class"):
			in_def = True
		elif kind == tokenize.OP and value == "(":
			if in_def:
				in_def = False
				continue
			if funcname:
				message_lineno = lineno
				call_stack += 1
		elif in_def and kind == tokenize.OP and value == ":":
			in_def = False
			continue
		elif funcname and call_stack == 0:
			nested = kind == tokenize.NAME and value in PY_KEYWORDS
			if (kind == tokenize.OP and value == ")") or nested:
				arguments.append("".join(buf) if buf else None)
				buf = []
				yield message_lineno, funcname, arguments
				funcname = message_lineno = None
				call_stack = -1
				arguments = []
				if nested:
					funcname = value
			elif kind == tokenize.STRING:
				text = _python_string(value)
				if text is not None:
					buf.append(text)
			elif kind == tokenize.OP and value == ",":
				arguments.append("".join(buf) if buf else None)
				buf = []
		elif call_stack > 0 and kind == tokenize.OP and value == ")":
			call_stack -= 1
		elif funcname and call_stack == -1:
			funcname = None
		elif kind == tokenize.NAME and value in PY_KEYWORDS:
			funcname = value


def _apply_spec(funcname: str, arguments: list):
	"""babel's keyword specs, after Frappe's rule that `_("msg", context="ctx")` is pgettext."""
	if funcname == "_" and len(arguments) > 1:
		funcname, arguments = "pgettext", [arguments[-1], arguments[0]]
	spec = PY_KEYWORDS.get(funcname) or (1,)
	context, texts = None, []
	for index in spec:
		if isinstance(index, tuple):
			context = arguments[index[0] - 1]
			continue
		if len(arguments) < index or arguments[index - 1] is None:
			return None
		texts.append(arguments[index - 1])
	if not texts[0]:
		return None  # babel: "Empty msgid" is reserved for the header
	return texts[0], context


def extract_python(path: Path):
	for lineno, funcname, arguments in _python_calls(path.read_text(encoding="utf-8")):
		result = _apply_spec(funcname, arguments)
		if result:
			yield lineno, result[0], result[1]


# ------------------------------------------------------------------ JavaScript: Frappe's __() walk
_JS_OPERATORS = sorted(
	[
		"+",
		"-",
		"*",
		"%",
		"!=",
		"==",
		"<",
		">",
		"<=",
		">=",
		"=",
		"+=",
		"-=",
		"*=",
		"%=",
		"<<",
		">>",
		">>>",
		"<<=",
		">>=",
		">>>=",
		"&",
		"&=",
		"|",
		"|=",
		"&&",
		"||",
		"^",
		"^=",
		"(",
		")",
		"[",
		"]",
		"{",
		"}",
		"!",
		"--",
		"++",
		"~",
		",",
		";",
		".",
		":",
	],
	key=len,
	reverse=True,
)
# babel.messages.jslexer's rules as Frappe calls it (jsx on, names not dotted, template strings on)
_JS_RULES = [
	(None, re.compile(r"\s+")),
	(None, re.compile(r"<!--.*")),
	("linecomment", re.compile(r"//.*")),
	("multilinecomment", re.compile(r"/\*.*?\*/", re.DOTALL)),
	("name", re.compile(r"[\w$_][\w\d$_]*")),
	("number", re.compile(r"(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?|(0x[a-fA-F0-9]+)")),
	("jsx_tag", re.compile(r"(?:</?[^>\s]+|/>)", re.I)),
	("operator", re.compile("(" + "|".join(map(re.escape, _JS_OPERATORS)) + ")")),
	("template_string", re.compile(r"`(?:[^`\\]*(?:\\.[^`\\]*)*)`")),
	("string", re.compile(r"""'(?:[^'\\]*(?:\\.[^'\\]*)*)'|"(?:[^"\\]*(?:\\.[^"\\]*)*)\"""", re.DOTALL)),
]
_JS_DIVISION = re.compile(r"/=?")
_JS_REGEXP = re.compile(r"/(?:[^/\\]*(?:\\.[^/\\]*)*)/[a-zA-Z]*", re.DOTALL)
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _js_unquote(text: str) -> str:
	body = re.sub(r"\\(\r\n|\n|\r)", r"\1", text[1:-1])
	out, position = [], 0
	while (escape := body.find("\\", position)) >= 0:
		out.append(body[position:escape])
		char = body[escape + 1 : escape + 2]
		if char in _ESCAPES:
			out.append(_ESCAPES[char])
		elif char in "uU" and (hexa := re.match(r"[a-fA-F0-9]{1,4}", body[escape + 2 :])):
			if len(hexa.group()) == 4:
				out.append(chr(int(hexa.group(), 16)))
				position = escape + 6
				continue
			out.append(char + hexa.group())
			position = escape + 2 + len(hexa.group())
			continue
		elif char in "xX" and (hexa := re.match(r"[a-fA-F0-9]{1,2}", body[escape + 2 :])):
			out.append(chr(int(hexa.group(), 16)))
			position = escape + 2 + len(hexa.group())
			continue
		else:
			out.append(char)
		position = escape + 2
	out.append(body[position:])
	return "".join(out)


def _js_tokens(code: str, lineno: int = 1):
	"""(type, value, lineno) as babel's jslexer gives them: a `/` is a division after a name, number,
	string, regexp or a closing bracket, else the start of a regular expression literal."""
	position, may_divide = 0, False
	while position < len(code):
		for kind, rule in _JS_RULES:  # noqa: B007 (the matching rule's kind is used below)
			match = rule.match(code, position)
			if match is not None:
				break
		else:
			kind, match = (
				("operator", _JS_DIVISION.match(code, position))
				if may_divide
				else (
					"regexp",
					_JS_REGEXP.match(code, position),
				)
			)
			if match is None:
				position += 1
				continue
		value = match.group()
		if kind is not None:
			may_divide = (
				(value in (")", "]", "}", "++", "--"))
				if kind == "operator"
				else (kind in ("name", "number", "string", "regexp"))
			)
			yield kind, value, lineno
		lineno += len(re.findall(r"\r\n|\n|\r", value))
		position = match.end()


def _js_calls(code: str, keywords=("__",)):
	"""Frappe's extract_javascript: the top-level string arguments of each `__()` call
	(concatenated with `+`), None for other arguments; template literals searched for calls inside."""
	funcname = None
	arguments: list[str | None] = []
	last_argument = None
	concatenate_next = False
	last_token = None
	call_stack = -1
	tree_level = 0
	for kind, value, lineno in _js_tokens(code):
		if funcname and last_token and last_token[0] == "name" and kind == "template_string":
			arguments = [_js_unquote(value)]
			call_stack = 0
			tree_level = 0
			kind, value = "operator", ")"
		if not funcname and kind == "template_string":
			yield from _template_calls(value, keywords)
		if kind == "operator" and value == "(":
			if funcname:
				call_stack += 1
		elif call_stack >= 0 and kind == "operator" and value in ("[", "]", "{", "}"):
			tree_level += 1 if value in "[{" else -1
		elif kind in ("linecomment", "multilinecomment"):
			pass
		elif funcname and call_stack == 0:
			if kind == "operator" and value == ")":
				if last_argument is not None:
					arguments.append(last_argument)
				if arguments:
					yield lineno, tuple(arguments)
				funcname = last_argument = None
				concatenate_next = False
				arguments = []
				call_stack = -1
				tree_level = 0
			elif kind in ("string", "template_string"):
				text = _js_unquote(value)
				if tree_level > 0:
					pass
				elif concatenate_next:
					last_argument = (last_argument or "") + text
					concatenate_next = False
				else:
					last_argument = text
			elif kind == "operator":
				if value == ",":
					if last_argument is not None:
						arguments.append(last_argument)
						last_argument = None
					elif tree_level == 0:
						arguments.append(None)
					concatenate_next = False
				elif value == "+":
					concatenate_next = True
		elif call_stack > 0 and kind == "operator" and value == ")":
			call_stack -= 1
			tree_level = 0
		elif funcname and call_stack == -1:
			funcname = None
		elif (
			call_stack == -1
			and kind == "name"
			and value in keywords
			and (last_token is None or last_token[0] != "name" or last_token[1] != "function")
		):
			funcname = value
		last_token = (kind, value)


def _template_calls(template: str, keywords):
	"""The `${ ... }` expressions of a template literal, searched as code."""
	level, inside, expression, previous = 0, False, "", None
	for char in template[1:-1]:
		if not inside and char in ("'", '"', "`"):
			inside = char
		elif inside == char and previous != "\\\\":
			inside = False
		if level:
			expression += char
		if not inside:
			if char == "{" and previous == "$":
				level += 1
			elif level and char == "}":
				level -= 1
				if level == 0 and expression:
					yield from _js_calls(expression[:-1], keywords)
					expression = ""
		previous = char


def extract_javascript(path: Path):
	for lineno, arguments in _js_calls(path.read_text(encoding="utf-8")):
		if not arguments or not arguments[0]:
			continue
		if len(arguments) == 3 and arguments[2]:
			yield lineno, arguments[0], arguments[2]
		else:
			yield lineno, arguments[0], None


# ------------------------------------------------------------------ Jinja and microtemplates
# frappe.gettext.extractors.utils.TRANSLATE_PATTERN: `_("...")` anywhere (also `__(`), with a
# Python `context=` or a JS third argument as context
TRANSLATE_PATTERN = re.compile(
	r"_\(\s*"
	r"([\"']{,3})"
	r"(?P<message>((?!\1).)*)"
	r"\1"
	r"(\s*,\s*context\s*=\s*"
	r"([\"'])"
	r"(?P<py_context>((?!\5).)*)"
	r"\5"
	r")?"
	r"(\s*,\s*(.)*?\s*(,\s*"
	r"([\"'])"
	r"(?P<js_context>((?!\11).)*)"
	r"\11"
	r")*"
	r")*"
	r"\s*\)"
)
_JINJA_CALL = re.compile(
	r"""\b(?:_|gettext|_lt)\(\s*(?P<quote>["'])(?P<message>(?:(?!(?P=quote))[^\\]|\\.)*)(?P=quote)\s*\)"""
)


def _translatable(message: str) -> bool:
	return bool(
		re.search("[a-zA-Z]", message)
		and not message.startswith("fa fa-")
		and not message.endswith("px")
		and not message.startswith("eval:")
	)


def template_messages(code: str):
	"""Jinja's `{{ _("...") }}` (babel_extract, literal arguments) and Frappe's pattern over the text."""
	for match in _JINJA_CALL.finditer(code):
		yield code.count("\n", 0, match.start()) + 1, _js_unquote('"' + match.group("message") + '"'), None
	for match in TRANSLATE_PATTERN.finditer(code):
		message = match.group("message")
		if _translatable(message):
			context = match.group("py_context") or match.group("js_context")
			yield code.count("\n", 0, match.start()) + 1, message, context


def extract_html_template(path: Path):
	yield from template_messages(path.read_text(encoding="utf-8"))


EXTRACTORS = {
	"navbar": extract_navbar,
	"doctype": extract_doctype,
	"workspace": extract_workspace,
	"onboarding_step": extract_onboarding_step,
	"module_onboarding": extract_module_onboarding,
	"report": extract_report,
	"python": extract_python,
	"html_template": extract_html_template,
	"javascript": extract_javascript,
	"number_card": extract_number_card,
	"dashboard_chart": extract_dashboard_chart,
	"print_format": extract_print_format,
}


# ------------------------------------------------------------------ PO files
def read_po(path: Path) -> dict[Message, dict]:
	"""{(msgid, msgctxt): {"msgstr": str, "fuzzy": bool, "obsolete": bool}} of a PO / POT file
	(the header, msgid "", left out)."""
	entries: dict[Message, dict] = {}
	current: dict = {}
	key = None

	def finish():
		if current.get("msgid"):
			entries[(current["msgid"], current.get("msgctxt"))] = {
				"msgstr": current.get("msgstr", ""),
				"fuzzy": current.get("fuzzy", False),
				"obsolete": current.get("obsolete", False),
			}

	for raw in path.read_text(encoding="utf-8").splitlines():
		line = raw.strip()
		obsolete = line.startswith("#~")
		if obsolete:
			line = line[2:].strip()
		if not line:
			finish()
			current, key = {}, None
			continue
		if line.startswith("#,"):
			current["fuzzy"] = "fuzzy" in line
			continue
		if line.startswith("#"):
			continue
		if obsolete:
			current["obsolete"] = True
		match = re.match(r"(msgctxt|msgid|msgstr)\s+(\".*\")$", line)
		if match:
			if match.group(1) == "msgid" and "msgid" in current:
				finish()
				current = {k: v for k, v in current.items() if k == "obsolete"}
			key = match.group(1)
			current[key] = json.loads(match.group(2))
		elif line.startswith('"') and key:
			current[key] += json.loads(line)
	finish()
	return entries
