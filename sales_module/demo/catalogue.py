"""What the demo company sells and to whom, in Russian and in English: names are data (a Russian sales
team keeps its customers and items in Russian), so each language has its own catalogue."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoItem:
	code: str
	names: dict[str, str]
	group: int  # index into Catalogue.item_groups
	uom: str
	is_stock_item: int
	prices: dict[str, float]  # by language: roubles, dollars


@dataclass(frozen=True)
class Catalogue:
	currency: str
	company_name: str
	seller: dict[str, str]  # Selling Settings' company details, filled where empty
	country: str
	territory_group: str
	territories: list[str]
	cities: list[str]  # one per territory, for the customers' addresses
	customer_groups: list[str]  # the first buys at the wholesale price list
	customers: list[str]
	sales_persons: list[tuple[str, float]]  # (name, commission rate)
	sales_partner: tuple[str, str, int]  # (name, partner type, territory index)
	item_groups: list[str]  # the last one holds the services
	price_list: str
	wholesale_price_list: str
	payment_terms: list[tuple[str, int]]  # (template name, credit days)
	lost_reasons: list[str]
	dunning_type: tuple[str, float, float]  # (name, fee, rate of interest)
	dunning_texts: tuple[str, str]  # (body, closing)
	volume_discount: str
	coupon_rule: str
	coupon: str
	plan_title: str
	streets: list[str]
	vat: tuple[str, str, int]  # (template title, description, included in the price)


ITEMS = [
	DemoItem("DM-CHAIR-01", {"ru": "Кресло офисное «Комфорт»", "en": "Office chair Comfort"}, 0, "Nos", 1,
			 {"ru": 8900, "en": 149}),
	DemoItem("DM-CHAIR-02", {"ru": "Стул для посетителей", "en": "Visitor chair"}, 0, "Nos", 1,
			 {"ru": 3200, "en": 55}),
	DemoItem("DM-DESK-120", {"ru": "Стол письменный 120×60", "en": "Writing desk 120x60"}, 0, "Nos", 1,
			 {"ru": 12500, "en": 210}),
	DemoItem("DM-CAB-01", {"ru": "Шкаф для документов", "en": "Filing cabinet"}, 0, "Nos", 1,
			 {"ru": 15800, "en": 265}),
	DemoItem("DM-LAMP-01", {"ru": "Лампа настольная светодиодная", "en": "LED desk lamp"}, 1, "Nos", 1,
			 {"ru": 2450, "en": 39}),
	DemoItem("DM-PANEL-60", {"ru": "Светильник потолочный 60×60", "en": "Ceiling panel light 60x60"}, 1,
			 "Nos", 1, {"ru": 3900, "en": 65}),
	DemoItem("DM-PAPER-A4", {"ru": "Бумага А4, 500 листов", "en": "A4 paper, 500 sheets"}, 2, "Box", 1,
			 {"ru": 390, "en": 7}),
	DemoItem("DM-PEN-10", {"ru": "Ручки шариковые, 10 шт.", "en": "Ballpoint pens, pack of 10"}, 2, "Nos", 1,
			 {"ru": 250, "en": 5}),
	DemoItem("DM-FOLDER", {"ru": "Папка-регистратор", "en": "Lever arch file"}, 2, "Nos", 1,
			 {"ru": 180, "en": 4}),
	DemoItem("DM-SVC-ASM", {"ru": "Сборка мебели", "en": "Furniture assembly"}, 3, "Hour", 0,
			 {"ru": 1500, "en": 35}),
	DemoItem("DM-SVC-DLV", {"ru": "Доставка по городу", "en": "City delivery"}, 3, "Nos", 0,
			 {"ru": 1200, "en": 25}),
]  # fmt: skip

CATALOGUES = {
	"ru": Catalogue(
		currency="RUB",
		company_name="Ромашка",
		seller={
			"legal_name": "ООО «Ромашка»",
			"tax_id": "7701234567",
			"secondary_tax_id": "770101001",
			"company_address_display": "125009, г. Москва, ул. Тверская, д. 7, офис 12",
			"phone_no": "+7 495 123-45-67",
			"email": "sales@romashka.example.com",
			"bank_name": "ПАО «Надёжный банк», г. Москва",
			"bank_account_no": "40702810900000012345",
			"bank_correspondent_account": "30101810400000000225",
			"bank_bic": "044525225",
			"director_name": "Иванов И. И.",
			"chief_accountant_name": "Петрова А. С.",
		},
		country="Russian Federation",
		territory_group="Россия",
		territories=["Москва", "Санкт-Петербург", "Поволжье", "Урал", "Сибирь"],
		cities=["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск"],
		customer_groups=["Оптовые покупатели", "Розничные магазины", "Корпоративные клиенты"],
		customers=[
			"ООО «Северный ветер»",
			"ООО «Офис-Сервис»",
			"АО «ТехноПарк»",
			"ИП Кузнецов А. В.",
			"ООО «Канцлер»",
			"ООО «Уральские окна»",
			"АО «Сибирский бизнес-центр»",
			"ООО «Волга-Трейд»",
			"ООО «Невский проспект»",
			"ООО «Бюро Аудит»",
			"ООО «Медиагруппа Восток»",
			"ИП Соколова Е. Н.",
			"ООО «Строй-Инвест»",
			"АО «Региональный банк развития»",
			"ООО «Логистик Плюс»",
			"ООО «Книжный двор»",
		],
		sales_persons=[("Анна Смирнова", 3.0), ("Дмитрий Волков", 2.5), ("Елена Орлова", 3.0)],
		sales_partner=("ТД «Регион-Партнёр»", "Dealer", 2),
		item_groups=["Офисная мебель", "Освещение", "Канцелярские товары", "Монтаж и доставка"],
		price_list="Базовый прайс-лист",
		wholesale_price_list="Оптовый прайс-лист",
		payment_terms=[("Оплата в течение 14 дней", 14), ("Оплата в течение 30 дней", 30)],
		lost_reasons=[
			"Цена выше, чем у конкурентов",
			"Выбрали другого поставщика",
			"Не устроили сроки поставки",
			"Проект отложен",
		],
		dunning_type=("Напоминание об оплате", 500.0, 12.0),
		dunning_texts=(
			"<p>Уважаемые коллеги!</p><p>Напоминаем, что срок оплаты следующих счетов истёк.</p>",
			"<p>Просим погасить задолженность в течение 5 рабочих дней. Если оплата уже произведена, "
			"пожалуйста, не обращайте внимания на это письмо.</p>",
		),
		volume_discount="Скидка 5% на мебель от 5 шт.",
		coupon_rule="Промокод ВЕСНА10: скидка 10%",
		coupon="ВЕСНА10",
		plan_title="План продаж менеджеров",
		streets=["ул. Ленина", "пр. Мира", "ул. Гагарина", "ул. Советская", "наб. Реки Мойки", "ул. Пушкина"],
		# Russian prices include VAT: the invoice shows "including VAT 20%"
		vat=("НДС 20% (в т. ч.)", "НДС 20%", 1),
	),
	"en": Catalogue(
		currency="USD",
		company_name="Daisy Office Supplies",
		seller={
			"legal_name": "Daisy Office Supplies Ltd",
			"tax_id": "GB123456789",
			"secondary_tax_id": "",
			"company_address_display": "12 King Street\nManchester M2 4LQ\nUnited Kingdom",
			"phone_no": "+44 161 555 0100",
			"email": "sales@daisy.example.com",
			"bank_name": "Reliable Bank plc, Manchester",
			"bank_account_no": "GB29 NWBK 6016 1331 9268 19",
			"bank_correspondent_account": "",
			"bank_bic": "NWBKGB2L",
			"director_name": "Jane Miller",
			"chief_accountant_name": "Peter Brown",
		},
		country="United Kingdom",
		territory_group="United Kingdom",
		territories=["London", "South East", "Midlands", "North West", "Scotland"],
		cities=["London", "Brighton", "Birmingham", "Manchester", "Edinburgh"],
		customer_groups=["Wholesale", "Retail Stores", "Corporate"],
		customers=[
			"Northwind Traders",
			"Office Service Ltd",
			"TechnoPark plc",
			"Kingsley Stationers",
			"Chancellor Supplies",
			"Pennine Windows",
			"Highland Business Centre",
			"Mersey Trade Ltd",
			"Thames Consulting",
			"Audit Bureau LLP",
			"Eastern Media Group",
			"Sophie Cole Design",
			"Build & Invest Ltd",
			"Regional Development Bank",
			"Logistics Plus Ltd",
			"The Book Yard",
		],
		sales_persons=[("Anna Hughes", 3.0), ("David Wood", 2.5), ("Emma Clarke", 3.0)],
		sales_partner=("Northern Trade Partners", "Dealer", 2),
		item_groups=["Office Furniture", "Lighting", "Office Stationery", "Assembly and Delivery"],
		price_list="Base Price List",
		wholesale_price_list="Wholesale Price List",
		payment_terms=[("Net 14 days", 14), ("Net 30 days", 30)],
		lost_reasons=[
			"Price higher than competitors",
			"Chose another supplier",
			"Delivery time too long",
			"Project postponed",
		],
		dunning_type=("Payment reminder", 10.0, 8.0),
		dunning_texts=(
			"<p>Dear customer,</p><p>Our records show that the invoices below are past their due date.</p>",
			"<p>Please settle the balance within 5 working days. If you have already paid, please "
			"disregard this letter.</p>",
		),
		volume_discount="5% off furniture from 5 units",
		coupon_rule="Coupon SPRING10: 10% off",
		coupon="SPRING10",
		plan_title="Sales team plan",
		streets=["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road", "Victoria Street"],
		vat=("VAT 20%", "VAT 20%", 0),
	),
}
