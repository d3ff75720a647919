"""The turnover simulation page (simulate.html): mentors leaving mid-year, re-matched, in numbers."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "simulate.eyebrow": T(sv="Vad händer om: simulering", en="What-if simulation"),
    "simulate.title": T(sv="Omsättning: {dropout:.0%} av {givers} slutar under året",
                        en="Turnover: {dropout:.0%} of {givers} leave mid-year"),
    "simulate.meta.scenario": T(sv="scenario: {name}", en="scenario: {name}"),
    "simulate.meta.runs": T(sv="{runs} körningar, avhopp {dropout:.0%}", en="{runs} runs, dropout {dropout:.0%}"),
    "simulate.meta.moves": T(
        sv="högst {moves} par flyttas per omatchning",
        en="at most {moves} pairs moved per re-match",
    ),
    "simulate.meta.ran": T(sv="kördes på {where} på {seconds:.1f} s", en="ran on {where} in {seconds:.1f} s"),
    "simulate.footer": T(
        sv="matcher {version} · frö {seed} · bara summerade tal: ingen person syns på sidan",
        en="matcher {version} · seed {seed} · aggregates only: no person appears on this page",
    ),
    # KPI cards
    "simulate.kpi.leaving": T(sv="{givers} som slutar per år", en="{givers} leaving per year"),
    "simulate.kpi.leaving_sub": T(sv="var och en slutar med sannolikheten {dropout:.0%}",
                                  en="each leaves with probability {dropout:.0%}"),
    "simulate.kpi.stranded": T(sv="{takers} utan {giver} när någon slutar", en="{takers} stranded"),
    "simulate.kpi.stranded_sub": T(sv="medel över {runs} körningar; deras {giver} slutade",
                                   en="mean over {runs} runs; they had a {giver} who left"),
    "simulate.kpi.rematched": T(sv="matchade på nytt", en="re-matched"),
    "simulate.kpi.rematched_sub": T(sv="av de {takers} som blev utan fick en ny {giver}",
                                    en="of stranded {takers} got a new {giver}"),
    "simulate.kpi.left": T(sv="utan {giver} efter omatchningen", en="left without a {giver}"),
    "simulate.kpi.left_sub": T(
        sv="medel; 90 % av åren mellan {p5:.3g} och {p95:.3g}, sämst {worst}",
        en="mean; 90% of years between {p5:.3g} and {p95:.3g}, worst {worst}",
    ),
    # Plots
    "simulate.left.title": T(sv="{Takers} utan {giver} efter omatchningen, per förvaltning",
                             en="{Takers} left without a {giver}, per administration"),
    "simulate.left.caption": T(
        sv="Över {runs} simulerade år: lådan rymmer den mittersta hälften av åren, morrhåren 90 %, det tjocka "
        "strecket är medianen och ringen medelvärdet. Håll muspekaren över för talen.",
        en="Across {runs} simulated years: the box holds the middle half of the years, the whiskers 90%, the "
        "thick line is the median and the ring the mean. Hover for the figures.",
    ),
    "simulate.left.svg": T(sv="{takers} utan {giver}", en="{takers} left without a {giver}"),
    "simulate.per_year": T(sv="{takers} per år", en="{takers} per year"),
    "simulate.stranded.title": T(sv="{Takers} utan {giver} när någon slutar, före omatchningen",
                                 en="{Takers} stranded by a leaving {giver}, before the re-match"),
    "simulate.stranded.caption": T(
        sv="Samma år, före omatchningen: skillnaden mellan de två diagrammen är vad omatchningen räddar.",
        en="The same years, before re-matching: the gap between the two plots is what the re-match saves.",
    ),
    "simulate.stranded.svg": T(sv="{takers} utan {giver}, före omatchningen", en="{takers} stranded"),
    "simulate.all": T(sv="alla", en="all"),
    # The table per administration
    "simulate.table.title": T(sv="Per förvaltning", en="Per administration"),
    "simulate.table.caption": T(sv="Räknat efter förvaltningen där {the_taker} arbetar.",
                                en="Counted by the administration {the_taker} works in."),
    "simulate.col.administration": T(sv="förvaltning", en="administration"),
    "simulate.col.stranded": T(sv="utan {giver} (medel)", en="stranded (mean)"),
    "simulate.col.left": T(sv="kvar utan (medel)", en="left without (mean)"),
    "simulate.col.median": T(sv="median", en="median"),
    "simulate.col.p5": T(sv="5:e perc.", en="5th pct"),
    "simulate.col.p95": T(sv="95:e perc.", en="95th pct"),
    "simulate.col.worst": T(sv="sämsta året", en="worst year"),
    "simulate.col.any": T(sv="år med någon", en="years with any"),
    # Targets relaxed, years without a re-match
    "simulate.relaxed.title": T(sv="Mål för hela kullen som mjukades upp under året",
                                en="Cohort-wide targets relaxed mid-year"),
    "simulate.relaxed.caption": T(
        sv="Dessa år kunde de behållna paren och ett skallkrav för hela kullen inte uppfyllas samtidigt; "
        "omatchningen behandlade då regeln som ett mål (så nära som möjligt) i stället för att ge upp om dem "
        "som blev utan.",
        en="In these years the kept pairs and a hard cohort-wide rule could not both hold; the re-match then "
        "treated the rule as a target (as close as possible) rather than giving up on the stranded.",
    ),
    "simulate.col.rule": T(sv="regel", en="rule"),
    "simulate.col.years": T(sv="år", en="years"),
    "simulate.failed.title": T(sv="{count} år utan omatchning", en="{count} years without a re-match"),
    "simulate.failed.caption": T(
        sv="De behållna paren och ett skallkrav kan inte båda uppfyllas; dessa år räknas alla {takers} som blev "
        "utan som kvar utan {giver}. Att tillåta flyttar (--allow-moves) kan hjälpa.",
        en="The kept pairs and a hard rule cannot both hold; these years count every stranded {taker} as left "
        "without a {giver}. Allowing moves (--allow-moves) may help.",
    ),
    "simulate.col.run": T(sv="körning", en="run"),
    "simulate.col.reason": T(sv="orsak", en="reason"),
}
