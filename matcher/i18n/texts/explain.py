"""`matcher explain`: why a pair was made, why someone is unmatched, what a repair changed."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "explain.pair.made": T(sv="{pair}: bildat", en="{pair}: made"),
    "explain.pair.not_made": T(sv="{pair}: INTE bildat", en="{pair}: NOT made"),
    "explain.pair.not_allowed": T(sv="inte tillåtet enligt: {rules}", en="not allowed by: {rules}"),
    "explain.pair.rule": T(sv="  {rule}: {words}", en="  {rule}: {words}"),
    "explain.pair.next": T(sv="nästa alternativ för {id}: {options}", en="next alternatives for {id}: {options}"),
    "explain.pair.next.none": T(
        sv="nästa alternativ för {id}: inga möjliga",
        en="next alternatives for {id}: none eligible",
    ),
    "explain.alternative.room": T(sv="{id} (poäng {score}, hade plats)", en="{id} (score {score}, had room)"),
    "explain.alternative.full": T(
        sv="{id} (poäng {score}, var full ({load}/{capacity}))", en="{id} (score {score}, was full ({load}/{capacity}))"
    ),
    "explain.list": T(sv="{first}; {then}", en="{first}; {then}"),
    "explain.person.unmatched": T(
        sv="{person} ({taker}) är inte matchad: {why}",
        en="{person} ({taker}) is unmatched: {why}",
    ),
    "explain.person.no_reason": T(sv="inget skäl antecknat", en="no reason recorded"),
    "explain.person.options": T(sv="bästa möjliga alternativ: {options}", en="best eligible options: {options}"),
    "explain.person.options.none": T(sv="bästa möjliga alternativ: inga", en="best eligible options: none"),
    "explain.person.giver": T(
        sv="{person} ({giver}) har {count} av kapaciteten {capacity}",
        en="{person} ({giver}) has {count} of capacity {capacity}",
    ),
    "explain.person.giver.pair": T(sv="  - {adept}: {reasons}", en="  - {adept}: {reasons}"),
    "explain.person.unused": T(sv="utan par: {why}", en="unused: {why}"),
    # what a repair did (changes.csv); {reason} is the repair's own text
    "explain.repair.ended": T(
        sv="paret {mentor} - {adept} upphörde vid ommatchningen: {reason}",
        en="the pair {mentor} - {adept} ended in the repair: {reason}",
    ),
    "explain.repair.moved": T(
        sv="flyttad vid ommatchningen: {adept} hade {previous}, nu {mentor} ({reason})",
        en="moved in the repair: {adept} had {previous}, now {mentor} ({reason})",
    ),
    "explain.repair.new_pair.instead": T(
        sv="nytt par vid ommatchningen: {adept} hade {previous}, nu {mentor} ({reason})",
        en="new pair in the repair: {adept} had {previous}, now {mentor} ({reason})",
    ),
    "explain.repair.new_pair": T(
        sv="nytt par vid ommatchningen: {mentor} - {adept} ({reason})",
        en="new pair in the repair: {mentor} - {adept} ({reason})",
    ),
    "explain.repair.left": T(
        sv="{person} lämnade kullen vid den här ommatchningen (bland dem som slutat): paret med {partners} upphörde",
        en="{person} left the cohort in this repair (listed among the leavers): the pair with {partners} ended",
    ),
    "explain.repair.left.after": T(sv="{left}; {after}", en="{left}; {after}"),
}
