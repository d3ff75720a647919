"""administration_quota: at most so many trainee placements per administration."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.administration_quota.title": T(sv="platser per förvaltning", en="places per administration"),
    "rule.administration_quota.ref": T(sv="”platser per förvaltning”", en="administration_quota"),
    "rule.administration_quota.help": T(
        sv="Högst så många placeringar i varje förvaltning, räknat i handledarens förvaltning (som önskemål: vikten "
        "per placering över kvoten); platserna fylls så långt det går genom att ”alla matchas” är ett "
        "önskemål med prioritet 1.",
        en="At most so many placements in each administration, counted at the supervisor's administration "
        "(preferred: the weight per placement over the quota); places are filled as far as possible by coverage "
        "soft at priority 1.",
    ),
    "rule.administration_quota.param.places.title": T(sv="Platser per förvaltning", en="Places per administration"),
    "rule.administration_quota.param.places.help": T(
        sv="Förvaltning -> flest placeringar där; förvaltningar som inte anges behåller sitt förval "
        "(Hisingen 10, Nordost 10, Sydväst 5, Centrum 5).",
        en="Administration -> most placements there; administrations not listed keep their default "
        "(Hisingen 10, Nordost 10, Sydväst 5, Centrum 5).",
    ),
    "rule.administration_quota.describe": T(
        sv="högst så här många placeringar per förvaltning: {quota} ({total} sammanlagt)",
        en="placements per administration at most: {quota} ({total} in all)",
    ),
    "rule.administration_quota.describe.soft": T(
        sv="högst så här många placeringar per förvaltning: {quota} ({total} sammanlagt) (önskemål: -{weight} per "
        "placering över kvoten)",
        en="placements per administration at most: {quota} ({total} in all) (soft: -{weight} per placement over "
        "quota)",
    ),
    "rule.administration_quota.row.quota": T(
        sv="högst {places} placeringar i {administration} (kvot {places})",
        en="at most {places} placements in {administration} (quota {places})",
    ),
    "rule.administration_quota.conflict.locked": T(
        sv="{count} låsta par har sin {giver} i {administration}, men kvoten där är {places} placeringar: höj "
        "platserna för {administration} eller lås upp ett par",
        en="{count} locked pairs have their {giver} in {administration}, but its quota is {places} placements: "
        "raise places for {administration} or unlock a pair",
    ),
    "rule.administration_quota.conflict_words": T(
        sv="placeringarna per förvaltning får inte överstiga kvoten ({quota}); med {givers}s platser ({offers}) kan "
        "högst {usable} av {count} {takers} placeras",
        en="placements per administration may not exceed the quota ({quota}); with the {givers}' places ({offers}) "
        "at most {usable} of the {count} {takers} can be placed",
    ),
    "rule.administration_quota.pair": T(
        sv="placering i {administration} (kvot {places})", en="placement in {administration} (quota {places})"
    ),
    "rule.administration_quota.over": T(
        sv="{administration}: {placed} placerade, kvot {places}", en="{administration}: {placed} placed, quota {places}"
    ),
    "rule.administration_quota.check": T(sv="placerade/kvot: {placed}", en="placed/quota: {placed}"),
    "rule.administration_quota.check.over": T(sv="över kvoten: {over} ({detail})", en="over quota: {over} ({detail})"),
    # -- the parameters' validators (matcher.errors.InvalidValue) --
    "rule.administration_quota.invalid.unknown": T(
        sv="okänd förvaltning {name}; använd en av {known}",
        en="unknown administration {name}; use one of {known}",
    ),
    "rule.administration_quota.invalid.twice": T(
        sv="{administration} står två gånger (som {name} och med en annan stavning)",
        en="{administration} is listed twice (as {name} and another spelling)",
    ),
    "rule.administration_quota.invalid.places": T(
        sv="platserna för {administration} måste vara ett heltal från 0 och uppåt, angivet: {places}",
        en="places for {administration} must be a whole number >= 0, got {places}",
    ),
}
