import pytest

from sales_module.engine import evaluate_status

ORDER_STATUS = [
	("Draft", None),
	("To Deliver and Bill", lambda d: d["docstatus"] == 1),
	("To Bill", lambda d: d["docstatus"] == 1 and d["delivered"] >= 100),
	("Completed", lambda d: d["docstatus"] == 1 and d["delivered"] >= 100 and d["billed"] >= 100),
	("Cancelled", lambda d: d["docstatus"] == 2),
]


@pytest.mark.parametrize(
	("case", "doc", "current", "expected"),
	[
		("draft", {"docstatus": 0, "delivered": 0, "billed": 0}, "", "Draft"),
		("submitted", {"docstatus": 1, "delivered": 0, "billed": 0}, "Draft", "To Deliver and Bill"),
		("delivered", {"docstatus": 1, "delivered": 100, "billed": 0}, "", "To Bill"),
		("later entries win", {"docstatus": 1, "delivered": 100, "billed": 100}, "", "Completed"),
		("cancelled", {"docstatus": 2, "delivered": 0, "billed": 0}, "", "Cancelled"),
		("closed is sticky", {"docstatus": 1, "delivered": 0, "billed": 0}, "Closed", "Closed"),
		("on hold is sticky", {"docstatus": 1, "delivered": 100, "billed": 100}, "On Hold", "On Hold"),
		("cancel overrides sticky", {"docstatus": 2, "delivered": 0, "billed": 0}, "Closed", "Cancelled"),
	],
)
def test_order_status(case, doc, current, expected):
	assert evaluate_status(ORDER_STATUS, doc, current) == expected


def test_no_match_keeps_current_and_custom_sticky():
	status_map = [("Open", lambda d: d == "open"), ("Lost", lambda d: d == "lost")]
	assert evaluate_status(status_map, "other", "Open") == "Open"
	assert evaluate_status(status_map, "open", "Lost") == "Lost"
	assert evaluate_status(status_map, "open", "Lost", sticky=()) == "Open"
