"""The sample campaign: a council union branch listening to its members.

`sample_bundle()` returns 48 written-up conversations in the bundle format
(spec/bundle.md, version 1), so a new user can try collating and ranking on
something that reads like real notes. The same concern is written down in
many different words, some issues are left unthemed for the recorder to
group, and everything is deterministic: a fixed seed and uuid5 ids.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Generic, TypeVar

Json = dict[str, object]
Card = TypeVar("Card")

NAMESPACE = uuid.UUID("fbd378ce-b605-43e8-a89b-456732183451")
"""Namespace of every sample id, so ids are stable across runs and versions."""
SEED = 20260901
FIRST_DAY = date(2026, 9, 1)
DAY_SPAN = 76
"""Sessions fall on FIRST_DAY .. FIRST_DAY + 75 days (2026-11-15)."""
EXPORTED_AT = "2026-11-20T18:30:00+00:00"
COUNCIL = "Riverside Council"

QUESTIONS = (
    "What is the most significant thing happening in the lives of you and your family?",
    "What are your concerns about living and working in your community?",
    "What would you most like to see changed?",
    "What do you think the council, your branch, school etc should be prioritising?",
)

SUBGROUP_SESSIONS = (
    ("Refuse collection", 7),
    ("Home care", 7),
    ("School support staff", 6),
    ("Libraries", 6),
    ("Housing repairs", 6),
    ("Children's social work", 6),
    ("Contact centre", 5),
    ("Parks and leisure", 5),
)
"""Each subgroup and how many sessions it gets (48 in all)."""

SMALL_SUBGROUPS = (
    ("Pest control", "Refuse collection", 3),
    ("Bereavement services", "Parks and leisure", 2),
)
"""Subgroups heard in a few one-to-ones only: the last ones of a larger subgroup's, relabelled.

Five people in all, so the report and the anonymised export fold them into
"Other subgroups" (domain.small_groups, k = 5 by default) and their tests mean
something. Relabelling after the draw leaves every other word of the sample as it was.
"""

LEADERS = (
    ("Amina Yusuf", 9),
    ("Tom Reilly", 8),
    ("Siân Griffiths", 7),
    ("Łukasz Nowak", 7),
    ("Zoë Clarke", 6),
    ("Grace Okafor", 6),
    ("Dev Patel", 5),
)
"""The trained listeners and how many sessions each led."""

SITES = {
    "Refuse collection": ("East depot", "West depot"),
    "Housing repairs": ("Marsh Lane depot",),
    "Parks and leisure": ("Riverside Leisure Centre", "Parks depot"),
    "Libraries": ("Central Library",),
    "Contact centre": ("Civic Centre",),
    "Home care": ("North patch",),
    "School support staff": ("Riverside Primary", "Westfield Academy"),
    "Children's social work": ("Kingfisher House",),
}

ROLES = {
    "Refuse collection": "refuse loader",
    "Home care": "home carer",
    "School support staff": "teaching assistant",
    "Libraries": "library assistant",
    "Housing repairs": "repairs operative",
    "Children's social work": "social worker",
    "Contact centre": "call handler",
    "Parks and leisure": "parks and leisure staff",
}
"""How a quote from a group is attributed when the quote table gives no role."""

THEMES = (
    ("pay", "Pay not keeping up with bills", "Pay freezes, cost of living, rent and energy"),
    ("staffing", "Short staffing", "Vacancies left empty, crews and teams running short"),
    ("workload", "Unsafe workloads and stress", "Caseloads, targets, no breaks, stress leave"),
    ("outsourcing", "Outsourcing and privatisation", "Contractors, trusts, agencies, tenders"),
    ("equipment", "Broken equipment and vehicles", "Lorries, vans, tools, hoists and IT"),
    ("lone", "Lone working and safety", "Working alone, abuse, alarms that don't work"),
    ("childcare", "Childcare costs and hours", None),
    ("housing", "Housing costs", "Rents, mortgages, damp, being priced out of the borough"),
    ("libraries", "Library closures", "Branch closures, cut hours, volunteers replacing staff"),
)
"""Theme key, name and description."""

BASE_WEIGHTS = {
    "pay": 10.0,
    "staffing": 8.0,
    "workload": 2.0,
    "outsourcing": 1.0,
    "equipment": 1.0,
    "lone": 1.0,
    "childcare": 2.0,
    "housing": 3.0,
    "libraries": 0.3,
}
"""How likely each theme is to come up anywhere; subgroups add their own focus."""

FOCUS = {
    "Refuse collection": {"equipment": 7.0, "outsourcing": 5.0, "staffing": 2.0},
    "Home care": {"lone": 6.0, "workload": 4.0, "outsourcing": 4.0},
    "School support staff": {"childcare": 5.0, "workload": 3.0, "pay": 2.0},
    "Libraries": {"libraries": 9.0, "lone": 3.0, "outsourcing": 2.0},
    "Housing repairs": {"equipment": 5.0, "outsourcing": 5.0, "housing": 3.0},
    "Children's social work": {"workload": 8.0, "staffing": 2.0, "lone": 3.0},
    "Contact centre": {"workload": 6.0, "housing": 2.0, "childcare": 3.0},
    "Parks and leisure": {"outsourcing": 6.0, "equipment": 4.0},
}

WORDINGS = {
    "pay": (
        "Pay freeze means I can't cover the bills",
        "Wages not keeping up with the cost of living",
        "Energy bills eat my whole wage",
        "Had to take a second job to get by",
        "Pay rise was a pay cut once you take inflation off",
        "Skipping meals so the kids can eat before payday",
        "Using the food bank - and I work for the council",
        "Nothing left at the end of the month",
        "Can't afford to run the car I need for work",
        "Pay's gone backwards, I was better off ten years ago",
        "Borrowing off my mum to pay the gas",
        "Only way to make the rent is overtime",
        "Mileage rate hasn't gone up in years",
        "Worried sick about money all the time",
        "Stuck at the bottom of the pay scale",
        "Another pound an hour and I'd be alright",
    ),
    "staffing": (
        "Not enough staff to do the job properly",
        "Posts left empty when people leave",
        "Vacancies never get filled",
        "Running on a skeleton crew every day",
        "Covering two jobs for one wage",
        "Everyone's off sick because we're so short",
        "Recruitment freeze",
        "Nobody to cover holidays so we can't take them",
        "Team has halved in five years",
        "Agency staff come and go, no continuity",
        "Can't get leave approved, there's no cover",
        "Managers say there's no budget for more staff",
        "Always one pair of hands short",
    ),
    "workload": (
        "Too much work, not enough time",
        "Stress is through the roof",
        "Working through lunch every day",
        "Emails and calls after hours, never switch off",
        "Off with stress last year and nothing's changed",
        "Targets impossible to hit",
        "Signed off with anxiety - the job did it",
        "Feel like I'm always one mistake from disaster",
        "No time to do the job properly, only to get through it",
    ),
    "outsourcing": (
        "Worried the service is going to be outsourced",
        "Heard rumours they're selling off the depot",
        "Contractors brought in who don't know the area",
        "Agency workers on worse terms doing the same job",
        "Privatisation by the back door",
        "Work sent to private firms costs more and is done worse",
        "If they outsource us we lose our pension",
        "Council pays consultants but won't pay us",
    ),
    "equipment": (
        "Broken tools never replaced",
        "Kit is falling apart",
        "PPE doesn't fit, we buy our own gloves",
        "Computers so old they crash all day",
        "Laptops take twenty minutes to start",
        "Vehicles off the road for weeks waiting for parts",
        "Vans not fit for the road",
    ),
    "lone": (
        "Lone working with no proper check-in",
        "Visiting homes on my own after dark",
        "Panic alarms don't work half the time",
        "Verbal abuse and threats, nobody does anything",
        "Nobody knows where I am if something happens",
        "Locking up the building alone at night",
        "Assaulted and management just filled in a form",
        "Lone worker app has no signal on the estate",
    ),
    "childcare": (
        "Nursery costs more than my rent",
        "Can't find childcare that fits shift patterns",
        "Breakfast club closed so I can't get in for 8",
        "Summer holiday childcare costs a fortune",
        "Had to drop hours because of childcare costs",
        "Asked for flexible hours for the kids and got told no",
        "After-school club full, waiting list till next year",
        "Grandparents doing the childcare but they're getting too old",
        "The 30 free hours don't cover it",
    ),
    "housing": (
        "Rent going up every year",
        "Can't afford to live in the borough I work in",
        "Landlord selling up, don't know where we'll go",
        "Council housing waiting list is years long",
        "Mortgage has gone up £300 a month",
        "Living with my parents at 34",
        "Kids sharing a room and damp everywhere",
        "Private rents are out of reach",
    ),
    "libraries": (
        "Branch libraries threatened with closure",
        "Library on our estate might shut, where will the kids do homework",
        "Library opening hours cut again",
        "Talk of volunteers replacing library staff",
        "Mobile library scrapped",
        "Older people rely on the library for computers and warmth",
        "Library is the only free warm space round here",
        "If the library goes the estate's got nothing",
        "Closing Marsh Lane library would be the last straw",
    ),
}
"""Many wordings of each theme's concern, as anyone in any service might say it."""

LOCAL_WORDINGS = {
    ("pay", "School support staff"): (
        "Term-time only pay, nothing coming in over summer",
        "Paid for 32.5 hours, work 40",
        "TAs on less than the supermarket pays",
    ),
    ("pay", "Home care"): (
        "Travel time between visits is unpaid",
        "Paid per visit not per hour",
    ),
    ("pay", "Refuse collection"): ("Bonus scheme scrapped so take-home has dropped",),
    ("pay", "Libraries"): ("Library assistants stuck on grade 3 for twenty years",),
    ("pay", "Contact centre"): ("Same wage as Tesco for ten times the grief",),
    ("staffing", "Refuse collection"): (
        "Crews running two men short",
        "Three-person rounds done by two",
        "Rounds getting bigger, crews getting smaller",
    ),
    ("staffing", "Home care"): (
        "Not enough carers for the round",
        "Calls cut to 15 minutes because we're short",
    ),
    ("staffing", "Libraries"): ("Branches left with one member of staff on shift",),
    ("staffing", "Children's social work"): ("Half the team are locums",),
    ("staffing", "Contact centre"): ("Queues over an hour, not enough of us on the phones",),
    ("staffing", "School support staff"): ("One TA shared between three classes",),
    ("workload", "Children's social work"): (
        "Caseloads are unsafe",
        "Caseloads of 25-plus families",
        "Writing up court reports at midnight",
    ),
    ("workload", "Contact centre"): ("Abuse on the phones all day, no gap between calls",),
    ("outsourcing", "Home care"): ("Care packages handed to private agencies",),
    ("outsourcing", "Parks and leisure"): (
        "Leisure centres handed to a trust and terms got worse",
        "Grounds maintenance contract going out to tender",
    ),
    ("outsourcing", "Housing repairs"): ("Repairs going to a contractor, jobs done twice",),
    ("outsourcing", "Refuse collection"): ("Talk of the rounds going to a private firm",),
    ("equipment", "Refuse collection"): (
        "Bin lorries breaking down on the round",
        "Wagons failing their MOT",
    ),
    ("equipment", "Home care"): ("Hoists broken in clients' homes",),
    ("equipment", "Parks and leisure"): ("Mowers out of action half the summer",),
}
"""Wordings that only people in one service would use; preferred when they fit."""

REPEATED_UNTHEMED = {
    "Refuse collection": ("Depot toilets broken", "depot toilets broken.", "Depot toilets broken!"),
    "Housing repairs": ("DEPOT TOILETS BROKEN", "Depot  toilets broken?", "Depot toilets broken"),
    "Parks and leisure": ("depot toilets broken", "Depot toilets broken."),
    "Home care": (
        "Rotas come out too late",
        "rotas come out too late!",
        "Rotas come out too late.",
    ),
    "Contact centre": ("Office is freezing in winter", "office is freezing in winter!"),
    "Children's social work": ("Office is freezing in winter.", "OFFICE IS FREEZING IN WINTER"),
    "Libraries": ("rotas come out too late", "Rotas come out too late"),
}
"""Concerns nobody has themed yet, written the same way give or take case and a full stop."""

ONE_OFFS = (
    "Car parking charges at the Civic Centre",
    "Uniform allowance cut, buying my own boots",
    "Training budget cut, no way to progress",
    "Christmas closure days taken out of our annual leave",
    "Thinking of leaving the pension to make ends meet",
    "Bus to the depot stops running before our shift starts",
    "No prayer room at the Civic Centre",
    "Menopause - no support, no policy anyone follows",
    "DBS checks take months so new starters can't start",
    "Canteen closed, nowhere to eat lunch",
    "Staff entrance has no step-free access",
)

# fmt: off
INTERVIEWEES = (
    "Gary Whitlock", "Priya Shah", "Chloé Martin", "Björn Andersson", "Nguyễn Thị Lan",
    "Sandra Mensah", "Kevin O'Brien", "Fatima Begum", "Dariusz Kowalski", "Joanne Hughes",
    "Marcus Campbell", "Aisha Rahman", "Lee Parry", "Bernadette Doyle", "Mohammed Iqbal",
    "Sharon Pritchard", "Tomasz Wiśniewski", "Rhian Jenkins", "Olumide Adeyemi",
    "Karen Fletcher", "Ravi Chauhan", "Stacey Holt", "Paul Nwosu", "Hannah Lewis",
    "Imran Hussain", "Maureen Kelly", "Craig Morgan", "Ana Sousa", "Sinéad Murphy",
    "Declan Walsh", "Yasmin Ali", "Jason Evans", "Agnieszka Zielińska", "Emeka Obi",
    "Lisa Bradshaw", "Nadia Haddad", "Steve Rowlands", "Ceri Thomas", "Abdi Warsame",
    "Julie Bennett", "Wayne Cartwright", "Mei Ling Chan", "Patrick Byrne", "Shabana Akhtar",
    "Gareth Powell", "Ngozi Eze", "Terry Dawson", "Kirsty Mackay", "François Dubois",
    "Leanne Price", "Samir Haque", "Bethan Owen", "Hamza Khan", "Tracey Holmes",
    "Mehmet Yılmaz", "Carol Winter", "Dean Foster", "Halima Osman", "Rob Sheridan",
    "Elif Demir", "Colin Shaw", "Precious Moyo",
)
"""People interviewed, each at most once."""

AFFILIATIONS = (
    "St Mark's church", "Riverside Rovers FC (coach)", "Marsh Lane tenants' association",
    "Al-Noor mosque", "Riverside Primary PTA", "Friends of Riverside Library",
    "Park Road allotments", "Riverside Gurdwara", "Polish Saturday school",
    "Riverside Harriers running club", "Food bank volunteer", "Darts team at the Crown",
    "Scouts leader", "Riverside credit union", "Caribbean elders' lunch club",
    "Parkrun volunteer", "St Anne's choir", "Kingfisher estate residents' WhatsApp",
    "Vietnamese community centre", "Five-a-side on Thursdays", "Sure Start parents' group",
)
# fmt: on

# fmt: off
QUOTES = {
    "Refuse collection": (
        ("We're doing three rounds with the people for two.", "driver, east depot"),
        ("The wagon broke down twice last week. We sat in a lay-by for three hours and "
         "still got told off for the missed bins.", "loader, west round"),
        ("My lad asked why I'm always knackered. I told him it's the job. It didn't "
         "used to be.", "loader, east depot"),
        ("They keep saying a private firm would be 'more efficient'. More efficient at "
         "what? Paying us less?", "driver, west depot"),
        ("Twenty-two years I've done this. I know every street. You can't replace that "
         "with an agency lad and a sat nav.", "chargehand"),
    ),
    "Home care": (
        ("I lose two hours a day sat in my car between clients and nobody pays me for it.",
         "home carer"),
        ("Fifteen minutes to get someone up, washed, dressed and fed. You tell me how.",
         "home carer, north patch"),
        ("She asks me to stay for a cup of tea. I'd love to. I can't. That breaks my heart "
         "every morning.", "carer"),
        ("I walked into a house last winter and there was a man with a knife in the "
         "kitchen. I rang the office and got the answerphone.", "senior carer"),
        ("When the agency took over the Westfield packages half the girls left. The "
         "clients noticed before management did.", "coordinator"),
    ),
    "Libraries": (
        ("For some of our regulars we're the only people they speak to all week.",
         "library assistant"),
        ("They call it a 'community-managed library'. That means us gone and a rota of "
         "retired volunteers.", "senior library assistant"),
        ("I'm on my own on a Thursday night with forty teenagers and a man who shouts at "
         "the computers.", "library assistant, Marsh Lane"),
        ("Kids come in after school because it's warm and there's Wi-Fi. Where do they go "
         "if we shut?", "children's librarian"),
        ("We run the job clubs, the rhyme times, the blue badge forms. None of that is in "
         "the budget line that says 'books'.", "branch manager"),
    ),
    "School support staff": (
        ("I get paid for 39 weeks a year and I'm expected to live for 52.", "TA, primary"),
        ("I do one-to-one with a child who needs a full-time carer, and I'm paid like I'm "
         "doing the photocopying.", "teaching assistant"),
        ("My kids go to breakfast club at half seven so I can be in for the 8 o'clock "
         "briefing. The club costs more than I earn in that hour.", "midday supervisor"),
        ("We're the ones who know the families. Teachers come and go, we've been here "
         "fifteen years.", "learning mentor"),
        ("Come the summer holidays I'm at the food bank. Every year.", "TA, secondary"),
    ),
    "Housing repairs": (
        ("Half the vans fail their checks. We borrow parts off each other's vans to get "
         "one on the road.", "plumber, repairs team"),
        ("The contractor goes in, does a bodge, and we get called back three weeks later "
         "to do it properly.", "joiner"),
        ("I go into homes where the kids are sleeping next to black mould. And I can't "
         "afford my own rent.", "repairs operative"),
        ("We used to have an apprentice on every team. There's no one coming up behind us "
         "now.", "electrician"),
        ("Tenants shout at us about the waiting times. I get it. I'd shout too.",
         "multi-trade operative"),
    ),
    "Parks and leisure": (
        ("Since the trust took over the pool it's all about the paying swim. The schools "
         "can't get a slot.", "lifeguard"),
        ("The big mower's been off since June. We've been strimming whole playing fields.",
         "gardener, Riverside Park"),
        ("Nobody thanks you for cutting the grass, but they notice when you don't.",
         "grounds maintenance"),
        ("Zero hours at the leisure centre means I never know if I can pay the rent that "
         "month.", "leisure assistant"),
        ("The park is where the whole estate goes in summer. Cutting us is cutting them.",
         "park ranger"),
    ),
    "Children's social work": (
        ("I've got 28 children on my caseload. I couldn't tell you all their names "
         "without looking.", "social worker, assessment team"),
        ("I write my court statements at the kitchen table after my own kids are in bed.",
         "social worker"),
        ("Every time a locum leaves, the family has to tell their story again from the "
         "start.", "family support worker"),
        ("I went off with stress for six weeks. Nobody picked up my cases. I came back to "
         "a worse mess than I left.", "social worker, long-term team"),
        ("Top floor of a tower block at six o'clock, on my own, and the lone worker phone "
         "had no signal.", "senior practitioner"),
    ),
    "Contact centre": (
        ("You get sworn at, you put the phone down, and the next call's already in your "
         "ear. No gap.", "call handler"),
        ("People ring us when they've got nothing left. Council tax, benefits, eviction. "
         "And we've got a script.", "advisor, revenues line"),
        ("The system freezes mid-call and the caller thinks you're ignoring them.",
         "advisor"),
        ("My manager times my toilet breaks.", "call handler"),
        ("I'd like one day where I go home and don't cry in the car.", "advisor"),
    ),
    "": (
        ("We're not asking for the earth. Just enough not to worry every month.", ""),
        ("I love this job. I just can't afford to keep doing it.", ""),
        ("Nobody ever asked us before. That's the first thing.", ""),
        ("The union's only ever rung me about a ballot. This is the first proper "
         "conversation I've had.", ""),
        ("My mum cleaned for the council, I work for the council. My daughter won't, the "
         "way it's going.", ""),
        ("Everybody is tired. That's what you should write down. Everybody is tired.", ""),
        ("Management say we're all in this together. They had a pay rise.", ""),
        ("I'd come to something if it was about the car park. Everyone's fuming.", ""),
        ("We keep the town running and we get treated like a cost.", ""),
        ("I've stopped putting the heating on. I sit in my coat.", ""),
        ("Sort the pay and half the rest sorts itself, because people would stay.", ""),
    ),
}
# fmt: on
"""Quotes by subgroup ("" for any), with the role a group quote is put down to."""

LONG_QUOTE = """\
I'll tell you about last Tuesday, because it's every Tuesday really. My first call's \
at seven in Westfield, he's 91 and he's got nobody. I let myself in with the key safe, \
get him up, wash him, get his tablets out, make his porridge. That's meant to be thirty \
minutes. It's never thirty minutes, because he wants to talk, and he's got nobody else \
to talk to, so what do you do? You stay. Then I'm late for the next one, and she's been \
sat in a wet pad since midnight because the night call got cut in the review, and she's \
crying because she's embarrassed, and I'm saying don't be daft, love, it's not your \
fault. It isn't her fault. It's nobody's fault in that room.

Between those two calls I drive four miles. That's not paid. I do that six or seven \
times a day, so that's two hours a day I'm working for nothing, and the mileage doesn't \
cover the petrol any more. I worked it out once and on a bad day I'm on less than the \
minimum wage. I'm a senior carer. I train the new girls.

By dinnertime I've had a sandwich in the car and I've rung the office twice about the \
hoist at the next house, which has been broken three weeks, and both times I got the \
answerphone. So we do it with two of us and a slide sheet and my back's going. One of \
the girls did her back in last month and she's off, and nobody's covering her calls, so \
they got split between the rest of us.

I get home at half six and my own mum's on the phone because she's had a fall, and I'm \
thinking, who's looking after her? Because it won't be anybody like me, will it, there \
won't be anybody like me left. Half my team have gone to Aldi. I don't blame them. Aldi \
pays more and you don't go home smelling of somebody else's house.

I'm not telling you this so you feel sorry for me. I love the job. I'm telling you \
because the people who decide how long a visit is have never done one. If they came out \
with me for one morning, just one, I think they'd change it."""
"""The one long story, told in a home care one-to-one."""

MOVED = (
    "Yes - really moved. Holding the whole family together on one wage.",
    "Very. Hard to hear how tired everyone is.",
    "Yes, the bit about the food bank stopped me in my tracks.",
    "A bit. Lots of anger in the room, not much hope yet.",
    "Yes. I hadn't realised how bad the lone working is.",
    "Not especially - more frustrated than upset, and so was I.",
    "Yes. Someone got upset and the others rallied round.",
    "Moved by how much they care about the people they look after.",
    "Yes - I know these streets and it still shocked me.",
    "Honestly yes, I sat in the car for ten minutes afterwards.",
    "Some of it. The story about the hoist will stay with me.",
    "Yes - nobody had ever asked them before and you could tell.",
    "Quite a lot. Angry more than sad.",
    "Yes, the stuff about the kids especially.",
)

NOTES_GROUP = (
    "Lunchtime session in the depot canteen - loud, had to shout.",
    "Good energy. Two said they'd come to the branch meeting.",
    "Started slow, got going once pay came up.",
    "A manager walked in halfway through and people went quiet for a bit.",
    "They want to see something happen, not another survey.",
    "Car park charges came up a lot over tea afterwards - one to watch.",
    "Very wary of the union at first. Softened by the end.",
    "Half the team are on nights - need a session for them.",
    "One person more at ease in Polish - a Polish-speaking listener would help.",
    "Ran over by twenty minutes, nobody wanted to leave.",
    "Should have booked a bigger room.",
    "Quiet group. One-to-ones would work better here.",
)

NOTES_ONE_TO_ONE = (
    "{first} knows everybody on the early shift - worth a second conversation.",
    "{first} said they'd bring two colleagues next time.",
    "Met in the café near the depot. {first} was nervous about being seen.",
    "{first} has been a rep before, at another council. Ask about training.",
    "{first} was angry, but clear. Would speak at a meeting.",
    "Caring for a parent as well as working - {first} is stretched thin.",
    "{first} asked for the notes to stay anonymous.",
    "{first} has kids at Riverside Primary and knows the PTA well.",
    "Followed up by text the next day with the meeting date.",
    "Long chat, lots about family. Work came second, which says something.",
)
"""Listener notes; `{first}` is the interviewee's first name."""

REFERENCES = (
    ("Lorraine (shift lead)", "Organises the WhatsApp group for the east round"),
    ("Big Dave on the west round", "Everyone listens to him"),
    ("Janet Ellis", "Ran the library campaign in 2019"),
    ("Mick Harrison", "Longest-serving driver, trusted on the depot floor"),
    ("Rukhsana Bibi", "Runs the mums' group at the mosque"),
    ("Father Tony at St Mark's", "Hosts the food bank"),
    ("Shirley (night carer)", "Knows all the night staff"),
    ("Sam from the tenants' association", "Angry about repairs, good organiser"),
    ("Kemi Adebayo", "New social worker, lots of energy"),
    ("Pete Lomax", "Ex-shop steward, retired but still around"),
    ("Donna in payroll", None),
    ("Marek Zając", "Speaks for the Polish lads on the crews"),
    ("Joy Okonkwo", "Chair of the Kingfisher estate residents"),
    ("Helen Birch", "Deputy head, sympathetic to TAs"),
    ("Liam Connolly", "Coaches at Riverside Rovers, knows loads of parents"),
    ("Ayesha Noor", "Team leader on the revenues line"),
    ("Gethin Rees", "Apprentice who got let go - still keen"),
    ("Baz at the vehicle workshop", "Knows what's wrong with every wagon"),
    ("Dorota Lis", None),
    ("Carl Whitfield", "Leisure centre duty manager, fed up with the trust"),
    ("Nasra Abdi", "Carer who wants to be a rep"),
    ("Phil Godfrey", "Gardener, thirty years in the parks"),
    ("Sue Pennington", "School cook, knows every dinner lady in the borough"),
)
"""People to meet next, and why."""


EMAIL_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "'": None})
"""Letters that NFKD does not reduce to ASCII, and what they become in an email address."""

ANSWERS = ("yes", "no", "dont_know")
REFLECTION_KEYS = ("moved", "decision_makers_should_hear", "would_act", "difference", "notes")


def _id(name: str) -> str:
    """A stable id for a named sample object."""
    return str(uuid.uuid5(NAMESPACE, name))


def _pick(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    """One of `options`, chosen with `weights`."""
    return rng.choices(options, weights=weights)[0]


def _maybe(rng: random.Random, chance: float, value: str) -> str | None:
    """`value` with probability `chance`, else None (a question left unanswered)."""
    return value if rng.random() < chance else None


class _Deck(Generic[Card]):
    """Deals cards without repeats; a refilling deck reshuffles when it runs out."""

    def __init__(self, rng: random.Random, cards: Sequence[Card], refill: bool = True) -> None:
        self._rng = rng
        self._cards = tuple(cards)
        self._refill = refill
        self._left: list[Card] = []
        self._shuffle()

    def _shuffle(self) -> None:
        self._left = list(self._cards)
        self._rng.shuffle(self._left)

    def draw(self) -> Card | None:
        """The next card, or None when a deck that does not refill is empty."""
        if not self._left and self._refill:
            self._shuffle()
        return self._left.pop() if self._left else None


class _Decks:
    """Every deck the builder deals from, shuffled once per bundle."""

    def __init__(self, rng: random.Random) -> None:
        self.wordings = {key: _Deck(rng, texts) for key, texts in WORDINGS.items()}
        self.local = {key: _Deck(rng, texts) for key, texts in LOCAL_WORDINGS.items()}
        self.repeats = {sub: _Deck(rng, texts) for sub, texts in REPEATED_UNTHEMED.items()}
        self.one_offs = _Deck(rng, ONE_OFFS, refill=False)
        self.quotes = {sub: _Deck(rng, quotes, refill=False) for sub, quotes in QUOTES.items()}
        self.references = _Deck(rng, REFERENCES, refill=False)
        self.people = _Deck(rng, INTERVIEWEES, refill=False)
        self.phones = _Deck(rng, range(1000), refill=False)

    def wording(self, rng: random.Random, key: str, subgroup: str, taken: list[str]) -> str:
        """A wording of theme `key` not yet used in this session, local ones preferred."""
        local = self.local.get((key, subgroup))
        text = (local.draw() if local is not None and rng.random() < 0.6 else None) or ""
        while not text or text in taken:
            text = self.wordings[key].draw() or ""
        return text

    def phone(self) -> str:
        """A UK mobile number from the range Ofcom keeps for drama."""
        return f"07700 900{self.phones.draw() or 0:03d}"


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _email(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.translate(EMAIL_LETTERS))
    return ".".join(plain.encode("ascii", "ignore").decode().lower().split()) + "@example.org"


def _person(rng: random.Random, name: str, decks: _Decks) -> Json:
    """An interviewee; a contact only ever comes with consent."""
    consent = rng.random() < 0.6
    contact: str | None = None
    if consent and rng.random() < 0.75:
        contact = decks.phone() if rng.random() < 0.65 else _email(name)
    return {
        "name": name,
        "contact": contact,
        "consent_to_contact": consent,
        "member_status": _pick(rng, ("member", "non_member", "unknown"), (6, 3, 2)),
        "affiliations": rng.sample(AFFILIATIONS, rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]),
    }


def _issues(rng: random.Random, prefix: str, subgroup: str, decks: _Decks) -> list[Json]:
    """1-6 issues in order of importance; likelier themes tend to come first."""
    weights = dict(BASE_WEIGHTS)
    for key, boost in FOCUS[subgroup].items():
        weights[key] += boost
    # Weighted order without replacement (Efraimidis-Spirakis keys).
    order = sorted(weights, key=lambda key: rng.random() ** (1.0 / weights[key]), reverse=True)
    number = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 5, 25, 35, 25, 8))[0]
    texts: list[str] = []
    keys: list[str | None] = []
    for key in order[:number]:
        texts.append(decks.wording(rng, key, subgroup, texts))
        keys.append(key)
    extras: list[str] = []
    if subgroup in decks.repeats and rng.random() < 0.45:
        extras.append(decks.repeats[subgroup].draw() or "")
    if rng.random() < 0.22 and (one_off := decks.one_offs.draw()) is not None:
        extras.append(one_off)
    for extra in extras:
        if len(texts) == 6 or (len(texts) > 2 and rng.random() < 0.5):
            texts.pop()
            keys.pop()
        place = rng.randrange(1, len(texts) + 1)
        texts.insert(place, extra)
        keys.insert(place, None)
    issues: list[Json] = []
    for position, (text, theme_key) in enumerate(zip(texts, keys, strict=True)):
        if theme_key is None:
            key_issue = _pick(rng, ANSWERS, (3, 4, 3))
        else:
            key_issue = _pick(rng, ANSWERS, (85, 3, 12) if position == 0 else (60, 12, 28))
        themed = theme_key is not None and rng.random() < 0.8
        issue_id = _id(f"{prefix}/issue/{position}")
        theme_id = _id(f"theme/{theme_key}") if themed else None
        issues.append({"id": issue_id, "text": text, "key_issue": key_issue, "theme_id": theme_id})
    return issues


def _quotes(
    rng: random.Random, one_to_one: bool, subgroup: str, first: str, decks: _Decks
) -> list[Json]:
    """0-3 quotes, put down to a role or no one, or for a one-to-one sometimes a first name."""
    quotes: list[Json] = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(28, 40, 24, 8))[0]):
        local_first = rng.random() < 0.75
        card = decks.quotes[subgroup if local_first else ""].draw()
        card = card or decks.quotes["" if local_first else subgroup].draw()
        if card is None:
            break
        text, role = card[0], card[1] or ROLES[subgroup]
        if one_to_one:
            attribution = _pick(rng, (first, role, ""), (3, 4, 3))
        else:
            attribution = _pick(rng, (role, ""), (7, 3))
        sharing = _pick(rng, ("decision_makers", "meeting", "recorders_only"), (45, 35, 20))
        quotes.append({"text": text, "attribution": attribution or None, "sharing": sharing})
    return quotes


def _reflections(rng: random.Random, one_to_one: bool, first: str) -> Json:
    """Every key present; a few forms left blank, some partly answered."""
    if rng.random() < 0.08:
        return dict.fromkeys(REFLECTION_KEYS)
    notes = NOTES_ONE_TO_ONE if one_to_one else NOTES_GROUP
    difference = _pick(rng, ("none", "a_little", "some", "a_lot"), (1, 2, 4, 5))
    return {
        "moved": _maybe(rng, 0.8, rng.choice(MOVED)),
        "decision_makers_should_hear": _maybe(rng, 0.9, _pick(rng, ANSWERS, (7, 1, 2))),
        "would_act": _maybe(rng, 0.9, _pick(rng, ANSWERS, (5, 2, 3))),
        "difference": _maybe(rng, 0.85, difference),
        "notes": _maybe(rng, 0.7, rng.choice(notes).format(first=first)),
    }


def _references(rng: random.Random, one_to_one: bool, decks: _Decks) -> list[Json]:
    """People to meet next; mostly suggested in one-to-ones."""
    weights = (3, 4, 2, 1) if one_to_one else (8, 2, 0, 0)
    references: list[Json] = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=weights)[0]):
        card = decks.references.draw()
        if card is None:
            break
        contact = decks.phone() if rng.random() < 0.35 else None
        references.append({"name": card[0], "contact": contact, "why": card[1]})
    return references


def _session(
    rng: random.Random, n: int, plan: tuple[str, str, str, date], decks: _Decks, long_quote: bool
) -> Json:
    """Session number `n` of the sample, from its subgroup, kind, leader and day."""
    subgroup, kind, leader, day = plan
    one_to_one = kind == "one_to_one"
    if one_to_one:
        named = [decks.people.draw() or "Anonymous"]
        recorder = None
    else:
        wanted = rng.choices((0, 1, 2, 3), weights=(4, 3, 2, 1))[0]
        named = [name for _ in range(wanted) if (name := decks.people.draw()) is not None]
        others = [name for name, _ in LEADERS if name != leader]
        recorder = rng.choice(others) if rng.random() < 0.35 else None
    participant_count = 1 if one_to_one else rng.randint(5, 10)
    interviewees = [_person(rng, name, decks) for name in named]
    first = named[0].split()[0] if one_to_one else ""
    issues = _issues(rng, f"session/{n}", subgroup, decks)
    quotes = _quotes(rng, one_to_one, subgroup, first, decks)
    if long_quote:
        quotes = [{"text": LONG_QUOTE, "attribution": first, "sharing": "meeting"}, *quotes[:2]]
    site = rng.choice(SITES[subgroup]) if rng.random() < 0.3 else None
    created = _at(day, rng.randint(17, 21), rng.randrange(0, 60, 5))
    delay = _pick(rng, ("none", "minutes", "next_morning"), (5, 4, 1))
    updated = created
    if delay == "minutes":
        updated = created + timedelta(minutes=rng.randrange(5, 95, 5))
    elif delay == "next_morning":
        updated = _at(day + timedelta(days=1), rng.randint(7, 9), rng.randrange(0, 60, 5))
    return {
        "id": _id(f"session/{n}"),
        "kind": kind,
        "leader": leader,
        "recorder": recorder,
        "held_on": day.isoformat(),
        "community": f"{COUNCIL} – {site}" if site else COUNCIL,
        "subgroup": subgroup,
        "participant_count": participant_count,
        "interviewees": interviewees,
        "issues": issues,
        "quotes": quotes,
        "reflections": _reflections(rng, one_to_one, first),
        "references": _references(rng, one_to_one, decks),
        "potential_leader": rng.random() < 0.26,
        "created_at": created.isoformat(),
        "updated_at": updated.isoformat(),
    }


def _plan(rng: random.Random) -> list[tuple[str, str, str, date]]:
    """Subgroup, kind, leader and day of every session, in date order."""
    subgroups = [sub for sub, count in SUBGROUP_SESSIONS for _ in range(count)]
    # Alternating along the grouped list gives every subgroup both kinds, 24 of each.
    kinds = ["one_to_one" if i % 2 == 0 else "group" for i in range(len(subgroups))]
    pairs = list(zip(subgroups, kinds, strict=True))
    rng.shuffle(pairs)
    leaders = [name for name, count in LEADERS for _ in range(count)]
    rng.shuffle(leaders)
    days: list[date] = []
    for _ in pairs:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAY_SPAN))
        days.append(day - timedelta(days=max(0, day.weekday() - 4)))  # weekend -> Friday
    days.sort()
    return [
        (sub, kind, leader, day)
        for (sub, kind), leader, day in zip(pairs, leaders, days, strict=True)
    ]


def sample_bundle() -> dict[str, object]:
    """The sample campaign as a bundle-format dict (spec/bundle.md, version 1)."""
    rng = random.Random(SEED)
    decks = _Decks(rng)
    plan = _plan(rng)
    storyteller = next(
        n for n, (sub, kind, _, _) in enumerate(plan) if (sub, kind) == ("Home care", "one_to_one")
    )
    sessions = [
        _session(rng, n, entry, decks, long_quote=n == storyteller) for n, entry in enumerate(plan)
    ]
    for small, large, count in SMALL_SUBGROUPS:
        taken = [s for s in sessions if (s["subgroup"], s["kind"]) == (large, "one_to_one")]
        for session in taken[-count:]:
            session["subgroup"] = small
    return {
        "format": "listening-tui/bundle",
        "version": 1,
        "exported_at": EXPORTED_AT,
        "anonymised": False,
        "campaign": {
            "id": _id("campaign"),
            "name": "Riverside Council listening campaign 2026",
            "organisation": "Riverside Council UNISON branch",
            "questions": list(QUESTIONS),
            "subgroups": [sub for sub, _ in SUBGROUP_SESSIONS]
            + [small for small, _, _ in SMALL_SUBGROUPS],
        },
        "themes": [
            {"id": _id(f"theme/{key}"), "name": name, "description": description}
            for key, name, description in THEMES
        ],
        "sessions": sessions,
    }
