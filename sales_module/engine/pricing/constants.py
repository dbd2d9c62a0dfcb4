"""Field values of ERPNext's Pricing Rule that the pricing modules compare against (bottom layer)."""

ITEM_CODE = "Item Code"
ITEM_GROUP = "Item Group"
BRAND = "Brand"
TRANSACTION = "Transaction"

RATE = "Rate"
DISCOUNT_PERCENTAGE = "Discount Percentage"
DISCOUNT_AMOUNT = "Discount Amount"
PRICE = "Price"
PRODUCT = "Product"
PERCENTAGE = "Percentage"
AMOUNT = "Amount"

# apply_on -> (child table, link field in that table)
TARGET_TABLES = {
	ITEM_CODE: ("items", "item_code"),
	ITEM_GROUP: ("item_groups", "item_group"),
	BRAND: ("brands", "brand"),
}
# applicable_for -> link field holding the condition's value
PARTY_FIELDS = {
	"Customer": "customer",
	"Customer Group": "customer_group",
	"Territory": "territory",
	"Sales Partner": "sales_partner",
	"Campaign": "campaign",
}
