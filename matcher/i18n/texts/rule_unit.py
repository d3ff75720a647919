"""unit: no pair inside the same unit."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.unit.title": T(sv="olika enheter", en="different units"),
    "rule.unit.ref": T(sv="”olika enheter”", en="unit"),
    "rule.unit.help": T(
        sv="Mentor och adept ska arbeta på olika enheter (den som saknar enhet begränsas inte).",
        en="Mentor and adept must work in different units (people without a unit are not restricted).",
    ),
    "rule.unit.describe": T(
        sv="{giver} och {taker} arbetar på olika enheter (den som saknar enhet begränsas inte)",
        en="{giver} and {taker} must work in different units (people without a unit are not restricted)",
    ),
    "rule.unit.pair.different": T(
        sv="olika enheter ({giver_unit} / {taker_unit})", en="different units ({giver_unit} / {taker_unit})"
    ),
    "rule.unit.pair.same": T(sv="samma enhet ({unit})", en="same unit ({unit})"),
}
