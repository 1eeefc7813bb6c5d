"""Name pools for demo people, grouped by heritage and weighted by region.

Every list here was written for this project. The groups only make a
caseload look like the places it is set in; nothing is inferred from them.
"""

from __future__ import annotations

from random import Random


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Each group: (female given names, male given names, family names).
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        _split("Jennifer Amanda Jessica Ashley Sarah Melissa Nicole Stephanie Heather Amber "
               "Crystal Tanya Kelly Brittany Samantha Megan Chelsea Danielle Rebecca Lindsay "
               "Courtney Shannon Tracy Dawn Holly Erin Leah Kayla Brooke Paige Hailey Madison"),
        _split("Michael Christopher Jason Matthew Joshua Daniel David James Robert Ryan Justin "
               "Brandon Kevin Jeremy Travis Dustin Cody Derek Shane Trevor Kyle Colton Tyler "
               "Wade Dale Curtis Darren Garrett Brent Scott Lance Troy Dean"),
        _split("Smith Johnson Brown Taylor Wilson Campbell Anderson Thompson Stewart Robertson "
               "Mitchell Fraser Murray MacDonald McLeod Walker Wright Hughes Bennett Harris "
               "Clarke Reid Morrison Graham Turner Parker Collins Ferguson Hamilton Sinclair "
               "Baxter Dawson Fletcher Gallagher Henderson Kennedy Lawson Mackenzie Nolan "
               "Powell Quinn Rowe Sutherland Tucker Whitfield Young Barnes Cooper"),
    ),
    "french": (
        _split("Chantal Nathalie Sylvie Genevieve Isabelle Josee Melanie Veronique Annie "
               "Caroline Manon Julie Elise Amelie"),
        _split("Marc Luc Stephane Sebastien Mathieu Francois Yannick Patrice Alain Guy Denis "
               "Benoit Olivier Etienne"),
        _split("Tremblay Gagnon Roy Cote Bouchard Gauthier Morin Lavoie Fortin Gagne Ouellet "
               "Pelletier Belanger Levesque Bergeron Leblanc Paquette Girard Poirier Cloutier"),
    ),
    "ukrainian_german": (
        _split("Natalka Oksana Tatiana Irene Olga Katrina Heidi Greta Ingrid Marta"),
        _split("Bohdan Taras Yuri Stefan Dmytro Mykola Dieter Gunther Lukas Walter"),
        _split("Kowalchuk Hrycyk Melnyk Shevchuk Bondarenko Tkachuk Fedoruk Semenko Kozak "
               "Zaharko Schmidt Friesen Wiebe Klassen Penner Dyck Reimer Neufeld Schultz Kraus"),
    ),
    "indigenous": (
        _split("Dolores Charmaine Raylene Shauna Tamara Dakota Cheyenne Winona Lorna Marlene"),
        _split("Clifford Lyle Marvin Rodney Dwayne Terrance Leroy Harvey Vernon Gilbert"),
        _split("Cardinal Auger Laboucan Gladue Whitecalf Bigstone Moosomin Ermineskin "
               "Littlechild Crowchild Starlight Many-Guns Tailfeathers Sampson Potts Peacock "
               "Halfe Wuttunee Joe Paul"),
    ),
    "south_asian": (
        _split("Harpreet Manpreet Gurpreet Simran Navneet Jasleen Priya Anjali Kavita Sunita "
               "Ritu Pooja Neha Rupinder"),
        _split("Harjit Gurdeep Jaswinder Sukhwinder Rajinder Amandeep Manjit Vikram Rajesh "
               "Sanjay Arjun Rohit Deepak Kuldeep"),
        _split("Sidhu Gill Dhaliwal Sandhu Grewal Brar Johal Bains Mann Sekhon Sharma Patel "
               "Singh Kaur Chopra Malhotra Reddy Nair Desai"),
    ),
    "east_asian": (
        _split("Mei Lin Xiu Jia Hui Ying Yuki Min-ji Soo-yeon Ha-eun Lan Thu Linh Hoa"),
        _split("Wei Jun Hao Ming Tao Kenji Hiroshi Min-jun Seo-jun Tuan Minh Quang Duc Bao"),
        _split("Wong Chan Li Lam Cheung Liu Chen Huang Zhang Ng Leung Tang Kim Park Lee Choi "
               "Nguyen Tran Pham Le Vo Dang Tanaka Sato"),
    ),
    "filipino": (
        _split("Maricel Rowena Jocelyn Analyn Marites Rhea Lovely Cristina Ligaya Imelda"),
        _split("Jomar Rodel Ariel Reynaldo Ramil Jericho Danilo Efren Romeo Nestor"),
        _split("Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Villanueva Dela-Cruz "
               "Aquino Castillo Ramos Soriano Manalo Pascual"),
    ),
    "hispanic": (
        _split("Maria Guadalupe Rosa Veronica Yesenia Alejandra Marisol Lorena Adriana "
               "Gabriela Leticia Araceli Ximena Carmen Paola Daniela"),
        _split("Jose Juan Luis Carlos Miguel Jesus Francisco Alejandro Ricardo Eduardo "
               "Javier Manuel Fernando Oscar Sergio Rafael"),
        _split("Garcia Hernandez Lopez Martinez Gonzalez Rodriguez Perez Sanchez Ramirez "
               "Torres Flores Rivera Gomez Diaz Morales Ortiz Gutierrez Chavez Ruiz Alvarez "
               "Castro Vargas Romero Mendoza Herrera Medina Aguilar Delgado"),
    ),
    "african_american": (
        _split("Latoya Tamika Keisha Aaliyah Ebony Monique Shanice Jasmine Tiana Imani "
               "Kiara Destiny Tanisha Raven"),
        _split("DeShawn Terrell Marcus Andre Darnell Jamal Tyrone Malik Reginald Cedric "
               "Dante Jalen Darius Kareem"),
        _split("Washington Jefferson Jackson Robinson Coleman Freeman Banks Bryant Simmons "
               "Gaines Brooks Mosley Pettiford McNeill Lassiter Hairston Staton Battle"),
    ),
    "african_arabic": (
        _split("Amina Fatima Halima Hodan Nasra Ngozi Chioma Adaeze Selam Hiwot Layla "
               "Mariam Nour Rania"),
        _split("Abdi Mohamed Ahmed Yusuf Hassan Chinedu Emeka Oluwaseun Tesfaye Dawit "
               "Omar Khalid Samir Tariq"),
        _split("Abdullahi Warsame Osman Farah Okafor Adeyemi Nwosu Eze Bekele Tesfaye "
               "Haile Haddad Khoury Mansour Saleh Nasser"),
    ),
}

# How often each group is drawn, by region (AB, BC, CA, NC and elsewhere).
REGION_WEIGHTS: dict[str, dict[str, int]] = {
    "AB": {"english": 44, "french": 6, "ukrainian_german": 12, "indigenous": 10,
           "south_asian": 9, "east_asian": 6, "filipino": 7, "african_arabic": 6},
    "BC": {"english": 45, "french": 4, "ukrainian_german": 5, "indigenous": 8,
           "south_asian": 15, "east_asian": 15, "filipino": 5, "african_arabic": 3},
    "CA": {"english": 28, "hispanic": 38, "african_american": 10, "east_asian": 12,
           "filipino": 6, "south_asian": 4, "african_arabic": 2},
    "NC": {"english": 50, "african_american": 28, "hispanic": 13, "east_asian": 3,
           "south_asian": 3, "african_arabic": 3},
}

NICKNAMES = {
    "Michael": "Mike", "Christopher": "Chris", "Matthew": "Matt", "Joshua": "Josh",
    "Daniel": "Dan", "David": "Dave", "James": "Jim", "Robert": "Bob", "Jennifer": "Jen",
    "Samantha": "Sam", "Rebecca": "Becky", "Trevor": "Trev", "Jose": "Pepe",
    "Francisco": "Paco", "Alejandro": "Alex", "Reginald": "Reggie", "Stephanie": "Steph",
    "Jessica": "Jess", "Kimberly": "Kim", "Mohamed": "Mo", "Jaswinder": "Jas",
}


class NamePicker:
    """Draws names for a region, keeping a family's heritage mostly together."""

    def __init__(self, rng: Random):
        self.rng = rng
        self._tables = {
            region: (list(weights), list(weights.values()))
            for region, weights in REGION_WEIGHTS.items()
        }

    def group(self, region: str) -> str:
        groups, weights = self._tables.get(region, self._tables["AB"])
        return self.rng.choices(groups, weights)[0]

    def given(self, group: str, female: bool) -> str:
        # One name in five is drawn from another group, as names travel.
        if self.rng.random() < 0.2:
            group = self.rng.choice(("english", "english", "french", "hispanic"))
        pool = GROUPS[group][0 if female else 1]
        return self.rng.choice(pool)

    def family(self, group: str) -> str:
        return self.rng.choice(GROUPS[group][2]).replace("-", " ")

    def alias_for(self, given: str, family: str, female: bool, group: str) -> str:
        """Another name the same person is known by: a short form, a former or misspelt name."""
        roll = self.rng.random()
        if roll < 0.35 and given in NICKNAMES:
            return f"{NICKNAMES[given]} {family}"
        if roll < 0.6 and female:
            return f"{given} {self.family(group)}"
        if roll < 0.8 and len(family) > 4:
            i = self.rng.randrange(1, len(family) - 1)
            return f"{given} {family[:i]}{family[i + 1:]}"  # a spelling found on old records
        return f"{given[0]}. {family}"
