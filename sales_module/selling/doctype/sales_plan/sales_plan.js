// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Plan", {
	setup(frm) {
		frm.set_query("member", "targets", () => {
			const meta = frappe.get_meta(frm.doc.dimension);
			const filters = {};
			if (meta && meta.fields.some((df) => df.fieldname === "enabled")) filters.enabled = 1;
			if (meta && meta.fields.some((df) => df.fieldname === "disabled")) filters.disabled = 0;
			return { filters };
		});
		frm.set_query("distribution_id", () => ({
			filters: { fiscal_year: ["in", [frm.doc.fiscal_year || "", ""]], sales_plan: ["is", "not set"] },
		}));
	},
	onload(frm) {
		if (frm.doc.dimension) frappe.model.with_doctype(frm.doc.dimension);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Spread Company Target"), () => {
				frm.call("spread_company_target").then(() => {
					frm.dirty();
					frm.refresh_fields();
				});
			});
		}
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("Plan vs Actual Report"), () =>
				frappe.set_route("query-report", "Sales Plan vs Actual", { sales_plan: frm.doc.name })
			);
			render_progress(frm);
		}
	},
	dimension(frm) {
		frappe.model.with_doctype(frm.doc.dimension);
		(frm.doc.targets || []).forEach((row) => (row.member_type = frm.doc.dimension));
		frm.refresh_field("targets");
	},
	fiscal_year(frm) {
		if (!frm.doc.fiscal_year) return;
		// the plan's dates default to its fiscal year; the server checks they stay inside it
		frappe.db
			.get_value("Fiscal Year", frm.doc.fiscal_year, ["year_start_date", "year_end_date"])
			.then(({ message }) => {
				if (!message) return;
				frm.set_value("from_date", message.year_start_date);
				frm.set_value("to_date", message.year_end_date);
			});
	},
});

frappe.ui.form.on("Sales Plan Target", {
	targets_add(frm, cdt, cdn) {
		frappe.model.set_value(cdt, cdn, "member_type", frm.doc.dimension);
	},
});

function render_progress(frm) {
	const wrapper = frm.get_field("progress_html").$wrapper;
	wrapper.html(`<div class="text-muted">${__("Loading...")}</div>`);
	frappe
		.call("sales_module.selling.doctype.sales_plan.sales_plan.get_progress", { name: frm.doc.name })
		.then(({ message }) => {
			if (!message) return;
			const money = (value) => format_currency(value, frappe.defaults.get_default("currency"));
			const rows = message.rows
				.map(
					(row) => `<tr>
						<td>${frappe.utils.escape_html(row.member)}</td>
						<td>${frappe.utils.escape_html(row.item_group || __("All Item Groups"))}</td>
						<td class="text-right">${money(row.total.target)}</td>
						<td class="text-right">${money(row.total.achieved)}</td>
						<td class="text-right">${money(row.total.variance)}</td>
						<td class="text-right">${row.total.achievement_percent === null ? "" : row.total.achievement_percent + " %"}</td>
						<td class="text-right">${money(row.pipeline)}</td>
						<td class="text-right">${money(row.forecast)}</td>
					</tr>`
				)
				.join("");
			wrapper.html(`
				<div class="sales-plan-chart"></div>
				<table class="table table-bordered table-condensed">
					<thead><tr>
						<th>${__(frm.doc.dimension)}</th><th>${__("Item Group")}</th>
						<th class="text-right">${__("Target")}</th><th class="text-right">${__("Achieved")}</th>
						<th class="text-right">${__("Variance")}</th><th class="text-right">${__("Achieved %")}</th>
						<th class="text-right">${__("Open Orders")}</th><th class="text-right">${__("Forecast")}</th>
					</tr></thead>
					<tbody>${rows}</tbody>
				</table>
				<p class="text-muted small">${__(
					"Forecast = achieved so far + open orders due by the plan's end + the daily run rate so far over the remaining days."
				)}</p>`);
			const chart = message.chart;
			new frappe.Chart(wrapper.find(".sales-plan-chart")[0], {
				data: chart.data,
				type: chart.type,
				height: 240,
			});
		});
}
