"""The demo dealership's people, cars and words: the tables the demo builder draws from."""

from __future__ import annotations

import datetime as dt

from ..services import settings

# ---------------------------------------------------------------------------
# Who and what: the dealership's people, cars and words.

DEALER = settings.DealerSettings(
    dealer_name="Sunrise Auto Sales",
    address="4120 Atlanta Hwy, Montgomery, AL 36109",
    phone="(334) 555-0100",
    thank_you_en="Thank you for being part of the Sunrise family. See you next week!",
    thank_you_es="Gracias por ser parte de la familia Sunrise. ¡Nos vemos la próxima semana!",
    late_fee_grace_days=3,
    late_fee_flat=10_00,
    letter_signer="Ray Whitaker",
)

#: The demo's logins: (name, role, PIN).
DEMO_CLERKS = (("Owner", "owner", "1111"), ("Manager", "manager", "2222"), ("Clerk", "clerk", "3333"))

MEN = ("James", "Robert", "Michael", "William", "David", "Charles", "Anthony", "Christopher", "Kevin", "Jerome",
       "Darnell", "Marcus", "Terrence", "Cedric", "Dwayne", "Travis", "Cody", "Dustin", "Earl", "Reginald",
       "Curtis", "Randall", "Bobby Ray", "Jamal")
WOMEN = ("Mary", "Patricia", "Linda", "Barbara", "Tammy", "Wanda", "Loretta", "Latoya", "Tamika", "Keisha",
         "Shanice", "Brittany", "Amber", "Crystal", "Ashley", "Jasmine", "Denise", "Angela", "Tonya", "Brenda",
         "Kimberly", "Monique", "Earlene", "Dorothy")
SURNAMES = ("Johnson", "Williams", "Brown", "Jones", "Davis", "Jackson", "Thomas", "Harris", "Robinson",
            "Walker", "Moore", "Taylor", "Wilson", "Washington", "Lee", "Campbell", "Pruitt", "Tillman",
            "Whitfield", "McAlister", "Sanders", "Tolbert", "Holloway", "Ingram", "Crenshaw", "Mitchell",
            "Hollis", "Bryant", "Dukes", "Calhoun")
HOMBRES = ("José", "Juan Carlos", "Luis", "Miguel", "Francisco", "Jesús", "Alejandro", "Ramón", "Roberto",
           "Eduardo", "Ignacio", "Javier", "Héctor", "Óscar")
MUJERES = ("María Guadalupe", "Rosa", "Carmen", "Ana", "Verónica", "Yesenia", "Leticia", "Adriana",
           "Maribel", "Elena", "Lucía", "Graciela", "Marisol", "Esperanza")
APELLIDOS = ("García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
             "Ramírez", "Flores", "Cruz", "Morales", "Reyes", "Ortiz", "Gutiérrez", "Vásquez", "Castillo",
             "Mendoza", "Aguilar", "Juárez")
KIDS = {
    "en": (("Jayden", "m"), ("Aaliyah", "f"), ("Brayden", "m"), ("Kayla", "f"), ("Destiny", "f"),
           ("Isaiah", "m"), ("Caleb", "m"), ("Madison", "f"), ("Trinity", "f"), ("Elijah", "m"),
           ("Makayla", "f"), ("Jaylen", "m"), ("Hannah", "f"), ("Tyler", "m")),
    "es": (("María", "f"), ("Sofía", "f"), ("Mateo", "m"), ("Diego", "m"), ("Valentina", "f"),
           ("Camila", "f"), ("Santiago", "m"), ("Isabella", "f"), ("Daniel", "m"), ("Ximena", "f"),
           ("Emiliano", "m"), ("Guadalupe", "f")),
}
ELDERS = {
    "en": (("Earline", "mother"), ("Odessa", "grandmother"), ("Clarence", "father"), ("Willie Mae", "mother")),
    "es": (("Socorro", "mother"), ("Refugio", "father"), ("Carmen", "grandmother"), ("Felipe", "father")),
}
PREFERRED = {
    "Robert": "Bobby", "William": "Bill", "Michael": "Mike", "Charles": "Chuck", "Anthony": "Tony",
    "Christopher": "Chris", "Randall": "Randy", "Reginald": "Reggie", "Patricia": "Trish",
    "Kimberly": "Kim", "Dorothy": "Dot", "María Guadalupe": "Lupe", "Jesús": "Chuy", "Francisco": "Paco",
    "Ignacio": "Nacho", "Roberto": "Beto", "Leticia": "Lety", "Eduardo": "Lalo", "José": "Pepe",
}
EMPLOYERS = ("Hyundai Motor Manufacturing", "Baptist Medical Center South", "Jackson Hospital",
             "Montgomery Public Schools", "the Walmart on Eastern Blvd", "Publix on Vaughn Rd", "Koch Foods",
             "Rheem", "Alfa Insurance", "the Amazon warehouse", "the Dollar General warehouse", "Waffle House",
             "the City of Montgomery", "Maxwell AFB", "Home Depot", "Sysco", "Mobis Alabama", "Golden Corral",
             "Lowe's", "Chick-fil-A on Carter Hill", "Piggly Wiggly", "a home-health agency", "a daycare center",
             "Love's Travel Stop", "a roofing crew", "a lawn-care business")
PLACES = (("Montgomery", "36104"), ("Montgomery", "36105"), ("Montgomery", "36106"), ("Montgomery", "36107"),
          ("Montgomery", "36108"), ("Montgomery", "36109"), ("Montgomery", "36110"), ("Montgomery", "36111"),
          ("Montgomery", "36116"), ("Montgomery", "36117"), ("Prattville", "36067"), ("Wetumpka", "36092"),
          ("Millbrook", "36054"), ("Pike Road", "36064"), ("Tallassee", "36078"), ("Selma", "36701"))
STREETS = ("Carter Hill Rd", "Norman Bridge Rd", "Woodley Rd", "Vaughn Rd", "Mobile Hwy", "Upper Wetumpka Rd",
           "Fairview Ave", "McGehee Rd", "Ann St", "Day St", "Bell St", "Oak St", "Pecan Grove Dr",
           "Magnolia Ln", "Court St", "Perry Hill Rd", "Narrow Lane Rd", "Gunter Park Dr", "Old Selma Rd",
           "Cobbs Ford Rd", "Hunter Loop Rd", "Seth Johnson Dr", "Dexter Ave", "Lower Wetumpka Rd")

# make, model, trims, WMI, the first 4 characters of the descriptor, kind (sets the price)
CARS = (
    ("Honda", "Civic", ("LX", "EX", "Sport"), "2HG", "FC2F", "compact"),
    ("Honda", "Accord", ("LX", "EX", "Sport"), "1HG", "CR2F", "midsize"),
    ("Toyota", "Camry", ("LE", "SE", "XLE"), "4T1", "BF1F", "midsize"),
    ("Toyota", "Corolla", ("L", "LE", "S"), "2T1", "BURH", "compact"),
    ("Nissan", "Altima", ("2.5 S", "2.5 SV", "2.5 SL"), "1N4", "AL3A", "midsize"),
    ("Nissan", "Sentra", ("S", "SV", "SR"), "3N1", "AB7A", "compact"),
    ("Nissan", "Rogue", ("S", "SV"), "5N1", "AT2M", "suv"),
    ("Ford", "Fusion", ("S", "SE", "Titanium"), "3FA", "6P0H", "midsize"),
    ("Ford", "Escape", ("S", "SE", "Titanium"), "1FM", "CU0G", "suv"),
    ("Ford", "F-150", ("XL", "XLT"), "1FT", "EW1C", "truck"),
    ("Ford", "Explorer", ("Base", "XLT"), "1FM", "5K7D", "suv"),
    ("Chevrolet", "Malibu", ("LS", "LT"), "1G1", "ZD5S", "midsize"),
    ("Chevrolet", "Impala", ("LT", "LTZ"), "2G1", "105S", "midsize"),
    ("Chevrolet", "Equinox", ("LS", "LT"), "2GN", "ALBE", "suv"),
    ("Chevrolet", "Silverado 1500", ("WT", "LT"), "1GC", "RCPE", "truck"),
    ("Hyundai", "Elantra", ("SE", "Value Edition", "Limited"), "5NP", "DH4A", "compact"),
    ("Hyundai", "Sonata", ("SE", "Sport", "Limited"), "5NP", "E24A", "midsize"),
    ("Hyundai", "Santa Fe Sport", ("2.4L", "2.0T"), "5XY", "ZU3L", "suv"),
    ("Kia", "Optima", ("LX", "EX", "SX"), "5XX", "GT4L", "midsize"),
    ("Kia", "Soul", ("Base", "Plus"), "KND", "JN2A", "compact"),
    ("Kia", "Sorento", ("LX", "EX"), "5XY", "PG4A", "suv"),
    ("Jeep", "Grand Cherokee", ("Laredo", "Limited"), "1C4", "RJEA", "suv"),
    ("Jeep", "Compass", ("Sport", "Latitude"), "1C4", "NJCB", "compact"),
    ("Chrysler", "200", ("Limited", "S"), "1C3", "CCCA", "midsize"),
    ("GMC", "Terrain", ("SLE-1", "SLE-2"), "2GK", "ALME", "suv"),
    ("Mazda", "Mazda3", ("i Sport", "i Touring"), "3MZ", "BM1U", "compact"),
    ("Buick", "LaCrosse", ("Leather", "Premium"), "1G4", "GB5G", "midsize"),
    ("Toyota", "RAV4", ("LE", "XLE"), "2T3", "BFRE", "suv"),
    ("Nissan", "Frontier", ("S", "SV"), "1N6", "AD0E", "truck"),
)
MINIVANS = (
    ("Dodge", "Grand Caravan", ("SE", "SXT"), "2C4", "RDGB", "van"),
    ("Toyota", "Sienna", ("L", "LE"), "5TD", "KK3D", "van"),
)
COLORS = ("Silver", "White", "Black", "Gray", "Blue", "Red", "Dark Blue", "Champagne", "Maroon", "Green")
KIND_PRICE = {"compact": 12_500, "midsize": 13_500, "suv": 15_500, "truck": 16_500, "van": 14_000}
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # model year 1980 + n (mod 30)

# Notes: (tags, text, the months it fits or None). {pn} is the name we call them by,
# {he}/{his}/{him} their pronouns; the other fields name household members of an age
# that fits (a note naming someone the customer does not have is not used).
ANY = None
VISIT_NOTES = (
    (("hobby",), "Big Auburn fan — War Eagle! Loves to talk about Saturday's game.", (9, 10, 11, 12)),
    (("hobby",), "Roll Tide all the way; {he} never misses an Alabama game.", (9, 10, 11, 12, 1)),
    (("hobby",), "Fishes on Lake Martin most Saturdays; showed us a picture of a 6 lb bass.", (3, 4, 5, 6, 7, 8, 9, 10)),
    (("hobby",), "Sings in the choir at {his} church; invited us to the Easter program.", (3, 4)),
    (("hobby", "family"), "Coaches {leaguer}'s Little League team on Tuesday nights.", (3, 4, 5, 6, 7)),
    (("hobby",), "Restoring an old '79 Ford truck in the back yard with {his} brother.", ANY),
    (("hobby",), "Makes the best pound cake in Montgomery — brought us a slice.", ANY),
    (("family",), "Brought the whole counter tamales at Christmas — the best we've had.", (12, 1)),
    (("family",), "{student} made the honor roll this semester; {pn} is so proud.", (1, 5, 6, 12)),
    (("family",), "{spouse} started nursing school at Trenholm State.", (1, 8, 9)),
    (("family", "health"), "{elder} moved in with them after a fall.", ANY),
    (("family",), "New grandbaby on the way — {pn} is over the moon.{grandparent}", ANY),
    (("health",), "Had knee surgery last month; {spouse} drove {him} in to pay.", ANY),
    (("health",), "Getting over a bad flu; glad to be back at work.", (12, 1, 2, 3)),
    (("work",), "Got promoted to shift lead at {employer}!", ANY),
    (("work",), "Switched to day shift at {employer} — home for supper with the family now.", ANY),
    (("work",), "Picking up overtime at {employer} this month.", ANY),
    (("car",), "Asked about new tires before winter; sent {him} to Big 10 Tires on the Boulevard.", (10, 11, 12)),
    (("car",), "Keeps the {car} spotless; oil changed right on time.", ANY),
    (("car",), "Would like a truck next, once the {car} is paid off.", ANY),
    (("complaint", "car"), "A/C blowing warm; we had Tony's Garage recharge it at no cost to {him}. Fixed.", (5, 6, 7, 8, 9)),
    (("complaint", "car"), "Check engine light on — O2 sensor replaced under our warranty. Resolved.", ANY),
    (("complaint", "car"), "Driver's window stuck down in the rain; Manager had it fixed the same afternoon.", ANY),
    (("payment",), "Gets paid every other Friday; may come in on Saturday in the off weeks. That's fine.", ANY),
    (("payment",), "Hours were short this month and {he} called ahead to tell us. Thanked {him} for calling.", ANY),
    (("payment",), "Likes to pay a little extra when overtime comes through.", ANY),
    (("other",), "Always asks about Manager's dog; brought a bag of treats for her once.", ANY),
)
CUES = (
    (("family",), "Ask how {grad}'s graduation went", (5, 6, 12)),
    (("family",), "Ask if {teen} made the basketball team", (10, 11, 12)),
    (("family",), "Ask how {teen}'s football season is going", (9, 10, 11)),
    (("health",), "Ask how {spouse}'s knee surgery went", ANY),
    (("work",), "Ask how the new job at {employer} is going", ANY),
    (("work",), "Ask if the new shift at {employer} suits {him} better", ANY),
    (("hobby",), "Ask how the fishing trip to Lake Martin went", (4, 5, 6, 7, 8, 9, 10)),
    (("health", "family"), "Ask how {elder} is feeling after the hospital stay", ANY),
    (("car",), "Ask if the new tires are riding better", ANY),
    (("family",), "Ask how the family reunion in Selma went", (6, 7, 8)),
    (("family",), "Ask about {college}'s first semester at Trenholm State", (9, 10, 11, 12)),
    (("family",), "Ask how {young}'s first weeks of school are going", (8, 9, 10)),
    (("family",), "Ask how {young}'s Christmas play went", (12, 1)),
    (("family",), "Ask about {his} Thanksgiving plans", (11,)),
    (("family",), "Ask how Christmas with the family was", (1,)),
    (("family",), "Ask how {spouse}'s birthday dinner went", ANY),
    (("other",), "Ask how the move to the new apartment went", ANY),
    (("hobby",), "Ask about the church trip to Gulf Shores", (4, 5, 6, 7, 8, 9)),
    (("family",), "Ask about the new grandbaby — boy or girl?{grandparent}", ANY),
)
#: Who a note may name: household members by relation and an age that fits.
KID_AGES = {"kid": (0, 40), "young": (4, 7), "leaguer": (6, 12), "student": (7, 18), "teen": (11, 17),
            "grad": (17, 18), "college": (18, 21)}
RETURNS = (
    ("cannot_afford", "", "Laid off at {employer}; wants to come back once {he} is working again."),
    ("needs_changed", "", "The family is growing — {pn} needs a minivan now."),
    ("mechanical", "", "Transmission slipping; chose to hand it back rather than wait on the repair."),
    ("other", "Moving to Houston to be near family", "Moving to Houston to be near {his} sister."),
)
WAIVER_REASONS = (
    "First late payment in months; {his} hours were cut that week.",
    "Car was in our shop for the A/C repair, so {he} could not get here.",
)

#: The first agreements: (how it goes, how many, opened between this many days ago).
#: A spread of ages, so the counter shows both new and long-standing customers.
DEALS = (
    ("paid_off", 3, (560, 725)),  # a cheap car on a short term, paid to the end
    ("payoff_lump", 2, (250, 450)),  # paid off early with a tax refund
    ("returned", 2, (150, 600)),
    ("returned_back", 2, (430, 700)),  # returned, then a new agreement on another car
    ("weeks_late", 4, (60, 150)),
    ("late_few", 7, (30, 110)),  # pays a few days late; late fees
    ("ahead", 4, (40, 120)),  # pays more than is due
    ("current", 10, (200, 700)),  # long-standing customers
    ("current", 26, (21, 200)),
)

CLOSED = ((1, 1), (7, 4), (12, 25))  # the counter is closed on these days, Sundays and Thanksgiving
OPEN_MINUTE, LAST_MINUTE = 9 * 60, 17 * 60 + 45


def counter_open(day: dt.date) -> bool:
    if day.weekday() == 6 or (day.month, day.day) in CLOSED:
        return False
    return not (day.month == 11 and day.weekday() == 3 and 22 <= day.day <= 28)  # Thanksgiving


def open_day(day: dt.date, forward: bool = True) -> dt.date:
    """The nearest day the counter is open, moving ``forward`` or back."""
    step = dt.timedelta(days=1 if forward else -1)
    while not counter_open(day):
        day += step
    return day

# ---------------------------------------------------------------------------
# Follow-ups, appointments, complaints and customers who bought elsewhere.

#: How working each kind of follow-up tends to go: (outcome, weight, note, channel).
#: An outcome "call_back" gets a day two to four days out; {pn}, {he}, {his}, {him} as in notes.
FOLLOW_UP_WORK = {
    "thank_you_letter": (
        ("reached", 1, "Thank-you letter signed and mailed.", "letter"),
    ),
    "late_payment_call": (
        ("reached", 5, "Paycheck came in short; {he} will bring the payment Friday.", "call"),
        ("reached", 4, "Forgot with everything going on at home; coming by tomorrow. Thanked {him} for picking up.", "call"),
        ("reached", 2, "Car needed a battery this week; asked if Saturday is all right — told {him} yes.", "call"),
        ("left_message", 5, "Left a friendly message asking {him} to call when {he} can.", "call"),
        ("no_answer", 3, "", "call"),
        ("call_back", 2, "At work; asked us to call back on {his} day off.", "call"),
        ("reached", 1, "Texted back: on {his} way this afternoon.", "text"),
    ),
    "promise_due": (
        ("reached", 3, "Reminded {him} kindly; {he} is coming after work.", "call"),
        ("left_message", 2, "Left a reminder about today; no pressure.", "call"),
    ),
    "birthday": (
        ("reached", 3, "Wished {pn} a happy birthday; {he} was tickled we remembered.", "call"),
        ("left_message", 2, "Sang happy birthday on the voicemail.", "call"),
        ("reached", 1, "Sent a happy-birthday text; {he} answered with a smiley face.", "text"),
    ),
    "return_check_in": (
        ("reached", 3, "Doing all right; riding with family for now. Said {he} will call us when ready.", "call"),
        ("not_interested", 1, "Not looking for a car right now; thanked us for checking in.", "call"),
        ("left_message", 1, "Left a warm message; no need to call back.", "call"),
    ),
    "payoff_next_car": (
        ("reached", 3, "Car still running great; {his} nephew may need a car this summer.", "call"),
        ("reached", 1, "Happy with the car; promised to send a friend our way.", "call"),
        ("not_interested", 1, "All set for now; thanked us.", "call"),
    ),
    "missed_appointment": (
        ("reached", 2, "Had to work late; no harm done. Will call to pick a new day.", "call"),
        ("left_message", 1, "Said sorry we missed {him}; asked {him} to call when a day suits.", "call"),
    ),
    "open_complaint": (
        ("reached", 2, "Told {him} where the repair stands; {he} thanked us for keeping {him} posted.", "call"),
        ("left_message", 1, "Left an update on the repair.", "call"),
    ),
    "call_back": (
        ("reached", 2, "Called back as asked; all settled.", "call"),
        ("no_answer", 1, "", "call"),
    ),
    "bought_elsewhere": (
        ("reached", 1, "Happy with the car; said to say hello to everyone here.", "call"),
    ),
    "win_back": (
        ("not_interested", 1, "Already signed; wished {him} well and said we're here any time.", "call"),
    ),
}

#: Walk-ins and callers who looked at a car, then bought elsewhere — what they told us
#: (a DepartureInput's fields, in order). The last one has not taken delivery yet (today).
DEPARTURE_STORIES = (
    (True, "payment", "Needed a payment under $80 a week", "CarMax Montgomery", True, "a cousin, Tanya Reed", True,
     "Liked our Equinox; the weekly payment decided it."),
    (True, "price", "Found an older Corolla for cash", "a private seller", False, "", True, ""),
    (True, "credit", "The bank approved a loan after all", "Hyundai of Prattville", True, "", True,
     "Would rather have come here; the loan was the difference."),
    (True, "other_offer", "Zero down and the first payment free", "Hyundai of Prattville", True,
     "Earl Tate, a coworker", True, ""),
    (True, "vehicle", "Wanted a third row for the grandkids", "CarMax Montgomery", True, "", True, ""),
    (True, "other", "A brother-in-law sold them his truck", "a private seller", False, "", True, ""),
    (False, "price", "About $800 less on a similar Altima", "Hyundai of Prattville", True, "", True,
     "Not signed yet; picking it up Saturday."),
)

#: Things that go wrong with a car: (severity, what, in-repair note, what was done).
COMPLAINTS = (
    ("safety", "Brakes grind when stopping, worse in the rain",
     "Booked at Southside Brake & Tire for Thursday morning",
     "Replaced the front pads and rotors at no charge; brakes quiet on the test drive."),
    ("serious", "Check-engine light on and the car hesitates when accelerating",
     "At Tony's Garage; waiting on an ignition coil (about a week)", ""),
    ("minor", "Passenger window is slow to go up", "", ""),
)

# ---------------------------------------------------------------------------
# The cash drawer: opened each morning money is taken, counted and sealed at closing.

DRAWER_FLOAT = 150_00

#: Now and then cash leaves the drawer for an expense: (amount in cents, reason).
PAID_OUTS = (
    (12_40, "Postage for title mailings"),
    (8_99, "Paper towels and cleaner for the office"),
    (25_00, "Car wash for the minivan on the lot"),
    (6_50, "Stamps for payment reminders"),
    (18_75, "Key copy for a returned car"),
)

#: The drawer opened without a sale.
NO_SALES = (
    "Change for a customer's $20",
    "Checked the float with the manager",
    "Change for the vending machine",
)

#: A count that does not match: (over (+) or short (−) in cents, the closer's note; '' within tolerance).
OVER_SHORTS = (
    (-25, ""),
    (100, ""),
    (-100, ""),
    (5, ""),
    (-200, ""),
    (-10_00, "Gave change for a $20 as for a $10; the customer brought the $10 back next morning."),
    (20_00, "A customer paid $20 more and left before the change; holding it for her next visit."),
)
