# SPDX-License-Identifier: EUPL-1.2
"""Synthetic demo data: a district in Midden-Brabant. All names are invented."""

from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.organisations.constants import OrganisationType

# (name, type, municipality code or None, safety region code or None, police unit or None, is_operator)
ORGANISATIONS = [
    ("RIEC Zeeland-West-Brabant", OrganisationType.RIEC, None, None, "Zeeland-West-Brabant", True),
    ("Gemeente Tilburg", OrganisationType.GEMEENTE, "GM0855", None, None, False),
    ("Gemeente Hilvarenbeek", OrganisationType.GEMEENTE, "GM0798", None, None, False),
    ("Gemeente Oisterwijk", OrganisationType.GEMEENTE, "GM0824", None, None, False),
    ("Politie eenheid Zeeland-West-Brabant", OrganisationType.POLITIE, None, None, "Zeeland-West-Brabant", False),
    ("Openbaar Ministerie parket Zeeland-West-Brabant", OrganisationType.OM, None, None, "Zeeland-West-Brabant", False),
    ("Belastingdienst regio Zuid", OrganisationType.BELASTINGDIENST, None, None, None, False),
    ("Veiligheidsregio Midden- en West-Brabant", OrganisationType.VEILIGHEIDSREGIO, None, "VR20", None, False),
    ("ZLTO afdeling Hart van Brabant", OrganisationType.AGRARISCH, None, None, None, False),
    ("WBE De Hilver", OrganisationType.JACHT, None, None, None, False),
    ("Stichting Natuurbeheer Kempenland", OrganisationType.NATUURBEHEER, None, None, None, False),
    # The rural area partnership around Boxtel (area A): public and private partners of every kind it needs.
    ("Gemeente Boxtel", OrganisationType.GEMEENTE, "GM0757", None, None, False),
    ("Politie eenheid Oost-Brabant", OrganisationType.POLITIE, None, None, "Oost-Brabant", False),
    ("Veiligheidsregio Brabant-Noord", OrganisationType.VEILIGHEIDSREGIO, None, "VR21", None, False),
    ("Waterschap De Dommel", OrganisationType.WATERSCHAP, None, None, None, False),
    ("Staatsbosbeheer regio Zuid", OrganisationType.NATUURBEHEER, None, None, None, False),
    ("WBE De Meierij", OrganisationType.JACHT, None, None, None, False),
    ("Loonbedrijf Van den Broek (fictief)", OrganisationType.AANNEMER, None, None, None, False),
    ("Netbeheerder Zuid (fictief)", OrganisationType.NETBEHEERDER, None, None, None, False),
    ("Drinkwaterbedrijf Brabant (fictief)", OrganisationType.DRINKWATERBEDRIJF, None, None, None, False),
    ("Makelaardij Het Groene Woud (fictief)", OrganisationType.MAKELAAR, None, None, None, False),
]

P = ScreeningStatus.PASSED
U = ScreeningStatus.UNKNOWN

# (username, first name, last name, organisation, role, screening)
USERS = [
    ("beheer.riec", "Noor", "Verhoeven", "RIEC Zeeland-West-Brabant", Role.FUNCTIONEEL_BEHEERDER, P),
    ("beheer.tilburg", "Bram", "de Kok", "Gemeente Tilburg", Role.FUNCTIONEEL_BEHEERDER, P),
    ("meldpunt.tilburg", "Sanne", "van den Heuvel", "Gemeente Tilburg", Role.MELDPUNT, P),
    ("schakelteam.tilburg", "Joris", "Smulders", "Gemeente Tilburg", Role.SCHAKELTEAM, P),
    ("regisseur.tilburg", "Fatima", "El Idrissi", "Gemeente Tilburg", Role.CASUSREGISSEUR, P),
    ("analist.riec", "Ruben", "Kuijpers", "RIEC Zeeland-West-Brabant", Role.RIEC_ANALIST, P),
    ("programma.riec", "Ilse", "van Gils", "RIEC Zeeland-West-Brabant", Role.PROGRAMMAMANAGER, P),
    ("partner.zlto", "Gerrit", "Hendriks", "ZLTO afdeling Hart van Brabant", Role.PARTNERVERTEGENWOORDIGER, U),
    ("coordinator.tilburg", "Marloes", "Brouwers", "Gemeente Tilburg", Role.VEILIGHEIDSCOORDINATOR, P),
    ("medewerker.tilburg", "Daan", "Willems", "Gemeente Tilburg", Role.MEDEWERKER, U),
    ("gebied.hilvarenbeek", "Lotte", "Maas", "Gemeente Hilvarenbeek", Role.GEBIEDSREGISSEUR, P),
    ("auditor.tilburg", "Peter", "Janssen", "Gemeente Tilburg", Role.AUDITOR, P),
    ("fg.tilburg", "Anouk", "van Dijk", "Gemeente Tilburg", Role.PRIVACY_OFFICER, P),
    # The integrity coordinator / confidential adviser of Gemeente Tilburg (integrity reports, staff survey).
    ("integriteit.tilburg", "Hanneke", "Vermeulen", "Gemeente Tilburg", Role.INTEGRITEITSCOORDINATOR, U),
    ("liaison.politie", "Kevin", "Schouten", "Politie eenheid Zeeland-West-Brabant", Role.PARTNERVERTEGENWOORDIGER, P),
    (
        "officier.om",
        "Thijs",
        "van der Linden",
        "Openbaar Ministerie parket Zeeland-West-Brabant",
        Role.PARTNERVERTEGENWOORDIGER,
        P,
    ),
    ("fiod.belastingdienst", "Yasmin", "Bakker", "Belastingdienst regio Zuid", Role.PARTNERVERTEGENWOORDIGER, P),
    # The area partnership "Buitengebied De Meierij" (partner.zlto above represents ZLTO there too).
    ("gebied.boxtel", "Marieke", "van Lieshout", "Gemeente Boxtel", Role.GEBIEDSREGISSEUR, U),
    ("wijkagent.boxtel", "Sander", "Verbruggen", "Politie eenheid Oost-Brabant", Role.WIJKAGENT, P),
    # The trusted contact at ZLTO for entrepreneurs of the area who were approached (the support desk).
    ("vertrouwenspersoon.zlto", "Annemiek", "van Dongen", "ZLTO afdeling Hart van Brabant", Role.VERTROUWENSPERSOON, U),
    ("boa.dommel", "Karin", "Steenbergen", "Waterschap De Dommel", Role.BOA, U),
    ("brandweer.brabantnoord", "Tom", "de Wit", "Veiligheidsregio Brabant-Noord", Role.PARTNERVERTEGENWOORDIGER, U),
    ("boswachter.sbb", "Femke", "Habraken", "Staatsbosbeheer regio Zuid", Role.PARTNERVERTEGENWOORDIGER, U),
    ("jager.wbe", "Harrie", "van der Sanden", "WBE De Meierij", Role.PARTNERVERTEGENWOORDIGER, U),
    (
        "loonwerker.demo",
        "Bas",
        "van den Broek",
        "Loonbedrijf Van den Broek (fictief)",
        Role.PARTNERVERTEGENWOORDIGER,
        U,
    ),
    ("netbeheer.demo", "Nadia", "Ouali", "Netbeheerder Zuid (fictief)", Role.PARTNERVERTEGENWOORDIGER, U),
    ("drinkwater.demo", "Joost", "Coppens", "Drinkwaterbedrijf Brabant (fictief)", Role.PARTNERVERTEGENWOORDIGER, U),
    ("makelaar.demo", "Inge", "Raaijmakers", "Makelaardij Het Groene Woud (fictief)", Role.PARTNERVERTEGENWOORDIGER, U),
    # Awareness training at Gemeente Tilburg: the line manager of Vergunningen and a staff member there.
    ("leidinggevende.tilburg", "Wendy", "Vermeulen", "Gemeente Tilburg", Role.LEIDINGGEVENDE, U),
    ("medewerker1.tilburg", "Youssef", "Amrani", "Gemeente Tilburg", Role.MEDEWERKER, U),
    # The resilience scan of Gemeente Tilburg: its coordinator, three process owners and a council member.
    ("weerbaarheid.tilburg", "Esther", "Goossens", "Gemeente Tilburg", Role.WEERBAARHEIDSCOORDINATOR, U),
    ("proceseigenaar1.tilburg", "Hans", "Verschuren", "Gemeente Tilburg", Role.PROCESEIGENAAR, U),
    ("proceseigenaar2.tilburg", "Leila", "Bouzid", "Gemeente Tilburg", Role.PROCESEIGENAAR, U),
    ("proceseigenaar3.tilburg", "Wim", "van Beek", "Gemeente Tilburg", Role.PROCESEIGENAAR, U),
    ("raadslid.tilburg", "Carla", "Timmermans", "Gemeente Tilburg", Role.RAADSLID, U),
]
