"""Words every output shares: roles, genders, bands, statuses."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "role.mentor.one": T(sv="mentor", en="mentor"),
    "role.mentor.many": T(sv="mentorer", en="mentors"),
    "role.mentor.the": T(sv="mentorn", en="the mentor"),
    "role.adept.one": T(sv="adept", en="adept"),
    "role.adept.many": T(sv="adepter", en="adepts"),
    "role.adept.the": T(sv="adepten", en="the adept"),
    "role.supervisor.one": T(sv="handledare", en="supervisor"),
    "role.supervisor.many": T(sv="handledare", en="supervisors"),
    "role.supervisor.the": T(sv="handledaren", en="the supervisor"),
    "role.trainee.one": T(sv="trainee", en="trainee"),
    "role.trainee.many": T(sv="traineer", en="trainees"),
    "role.trainee.the": T(sv="traineen", en="the trainee"),
    # Transitional: text produced before its module moved to the catalogue. Remove once unused.
    "text.verbatim": T(sv="{text}", en="{text}"),
    "gender.woman": T(sv="kvinna", en="woman"),
    "gender.man": T(sv="man", en="man"),
    "gender.non-binary": T(sv="annan", en="non-binary"),
    "gender.undisclosed": T(sv="ej angivet", en="undisclosed"),
    # A solver status as people read it: `status.X.badge` is the short word on a page's badge (in
    # English the code itself, as before); `status.X` says what it means. Terminal lines keep the
    # code (scripts read "OPTIMAL:" at the start of a line) and add the meaning in Swedish.
    "status.OPTIMAL.badge": T(sv="BÄSTA", en="OPTIMAL"),
    "status.FEASIBLE.badge": T(sv="GILTIG", en="FEASIBLE"),
    "status.INFEASIBLE.badge": T(sv="OMÖJLIG", en="INFEASIBLE"),
    "status.NO_SOLUTION.badge": T(sv="INGEN LÖSNING", en="NO_SOLUTION"),
    "status.OPTIMAL": T(sv="bevisat bäst", en="proven best"),
    "status.FEASIBLE": T(sv="giltig, inte bevisat bäst", en="valid, not proven best"),
    "status.INFEASIBLE": T(sv="reglerna kan inte uppfyllas samtidigt", en="the rules cannot all hold"),
    "status.NO_SOLUTION": T(sv="ingen matchning inom tidsgränsen", en="no matching within the time limit"),
    "status.NO_MENTORS_LEFT": T(sv="alla mentorer slutade", en="every mentor left"),
}
