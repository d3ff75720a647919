"""Words every page shares: the programme, the charts drawn by `matcher.html`, gender labels.

The run report, the comparison, the sweep and the simulation pages all draw their bar charts
with `matcher.html`; the labels those charts need are here, so each page says them alike.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "pages.program.mentorship": T(sv="Mentorskapsprogram", en="Mentorship programme"),
    "pages.program.trainee": T(sv="Traineeprogram", en="Trainee programme"),
    "pages.generated": T(sv="Skapad", en="Generated"),
    "pages.no_data": T(sv="Inga data", en="No data"),
    "pages.years": T(sv=" år", en=" years"),
    # Genders as a page labels them (capitalised; the people file's own words are `gender.*`).
    "pages.gender.woman": T(sv="Kvinna", en="Woman"),
    "pages.gender.man": T(sv="Man", en="Man"),
    "pages.gender.non-binary": T(sv="Icke-binär", en="Non-binary"),
    "pages.gender.undisclosed": T(sv="Ej angivet", en="Undisclosed"),
    # Grouped bars of match rates (matcher.html.svg_rate_bars).
    "pages.plot.rate.y": T(sv="Matchningsgrad", en="Match rate"),
    "pages.plot.rate.x": T(sv="Förvaltning ({taker})", en="Administration of the {taker}"),
    "pages.plot.rate.group_total": T(sv="{matched} av {total} · {rate}", en="{matched} of {total} · {rate}"),
    "pages.plot.rate.tooltip": T(
        sv="{administration}, {gender}: {matched} av {total} {takers} matchade ({rate})",
        en="{administration}, {gender}: {matched} of {total} {takers} matched ({rate})",
    ),
    "pages.plot.rate.all": T(sv="Alla", en="All"),
    # 100%-stacked bars (matcher.html.svg_split_bars).
    "pages.plot.split.n": T(sv="n = {n}", en="n = {n}"),
    "pages.plot.split.staff_n": T(sv="n = {n} (2024)", en="n = {n} (2024)"),
    "pages.plot.split.tooltip": T(sv="{row}, {gender}: {count} av {total} ({share})",
                                  en="{row}, {gender}: {count} of {total} ({share})"),
    "pages.plot.split.staff_tooltip": T(
        sv="{row}, {gender}: {share} (enligt underlaget: {count} av {total})",
        en="{row}, {gender}: {share} (DOMAIN figures: {count} of {total})",
    ),
    # A distribution strip (matcher.whatif.plots.svg_distribution): one group's figures on hover.
    "pages.dist.tooltip": T(
        sv="{name}: median {median:.3g}, medel {mean:.2f}, mittersta hälften {q25:.3g}–{q75:.3g}, "
        "90 % av åren {p5:.3g}–{p95:.3g}, sämst {worst:g}",
        en="{name}: median {median:.3g}, mean {mean:.2f}, middle half {q25:.3g}–{q75:.3g}, "
        "90% of runs {p5:.3g}–{p95:.3g}, worst {worst:g}",
    ),
}
