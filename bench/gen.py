#!/usr/bin/env python3
"""Writes a deterministic explainer site of any size, for benchmarks.

    python3 bench/gen.py --articles 1000 --actors 200 --positions 50 --seed 1 --out /tmp/c1k

writes OUT/content/ (site.toml, articles/, actors/, positions/, annotations/), a site
that `explainer check --root OUT` accepts:

- articles: a headline, a date in 2023-2025, eight prose paragraphs (about 600 words in
  all, with bold text and one external link) and a list naming each of the article's
  2-5 actors by full name. Article i names actor i % A and position i % P, plus others
  drawn with Zipf-like weights, so every actor and position is used once N >= A, P and
  a few are used by many articles;
- actors: people, states and organisations, each with aliases (a surname, "Republic of
  ...", an acronym) that name no other actor, and a short profile;
- positions: up to eight stances, at most one per actor, each quoting a whole sentence
  of an article (with its `article` key);
- annotations: two per article, each quoting a 4-7 word phrase of it.

Every quote occurs exactly once in the text a reader sees of its article. Python 3
standard library only; the same arguments always give the same files.
"""

import argparse
import datetime
import itertools
import os
import random
import re
import shutil
import string
import sys

# ------------------------------------------------------------------ words

GIVEN = """Adela Bastian Cosima Dorian Elif Fabian Gisela Halvard Ilona Jarek Katalin
Leopold Mirela Nikolai Odile Pascal Quirin Renata Severin Tamsin Ulrich Valeska Wendel
Xenia Yorick Zdenka Ambrose Bettina Casimir Dagny Eamon Flavia Gideon Hester Ignaz Jolanda
Konrad Ludmila Magnus Nerys Osric Perpetua Radomir Sigrun Thaddeus Ursula Vinzent Wilhelmina
Yannick Zoltan Arvid Brigida Cornelis Desislava Evander Filippa""".split()

FAMILY = """Achterberg Bellamy Czerny Dunmore Eckhardt Falkenrath Gwynne Halloran Iversen
Jaroszewski Kettering Lindqvist Marchetti Nussbaum Oakeshott Pellegrini Quennell Rasmussen
Szabo Thorvaldsen Umberger Vasquez Wexford Yardley Zielinski Abernethy Brightwater Calloway
Drummond Everard Fairbairn Greenhalgh Hawthorne Ingleby Jessop Kingsley Lockhart Merriweather
Northcott Ormsby Pemberton Quayle Rutherford Stirling Trelawney Underwood Villiers Whitlock
Ashcombe Blackwood Carrington Davenport Ellsworth Fotheringham Gainsborough Harcourt Inchbald
Jellicoe Kilbride Lyndhurst Montague Netherby Ollerenshaw Prendergast""".split()

ROLES = ["treasury secretary", "interior minister", "speaker of parliament", "regional governor",
         "chief whip", "ombudsman", "shadow chancellor", "deputy premier", "trade envoy",
         "chief economist", "party leader", "transport secretary", "agriculture minister"]

STATE_HEAD = """Aster Bryn Cald Dorn Estr Fjal Gorv Hadr Irst Jorv Kalm Lorr Mird Norv Ostr
Pell Quarn Rhod Sorr Tyrv Ulm Vard Wess Yrl Zorn""".split()
STATE_JOIN = ["", "a", "e", "i", "o", "u"]
STATE_TAIL = ["heim", "ovar", "enia", "istra", "mere", "avon", "uria", "elund", "akia", "ovia"]

ORG_FIRST = """Allied Bright Common Direct Early Fair First General Harbour Inland Joint Lasting
Mutual New Open Pacific Rural Sound Upland Valley""".split()
ORG_FIELD = """Dairy Freight Tenants Nurses Dockers Miners Growers Bakers Brewers Drivers Grocers
Builders Printers Millers Weavers Pilots Porters Smiths Tanners Vintners""".split()
ORG_BODY = """Guild Syndicate Congress Board Chamber Collective Cooperative Compact Bureau
Secretariat Fellowship Coalition Society Assembly Caucus""".split()

POLICY_VERB = ["Ration", "Index", "Devolve", "Means-test", "Auction", "Consolidate", "Ringfence",
               "Decentralise", "Underwrite", "Harmonise", "Mutualise", "Audit", "Sunset",
               "Localise", "Tender", "Rebate", "Meter", "Pool", "License", "Stagger"]
POLICY_AREA = """ferry canal orchard quarry tram dairy lighthouse toll meadow harbour ferryboat
granary tunnel aqueduct broadband hostel allotment museum library reservoir""".split()
POLICY_THING = """grants tolls leases charters franchises pensions bursaries vouchers tariffs
concessions rebates duties allowances loans bonds""".split()

PLACES = """Ambleforth Brackenridge Coldmere Dunhollow Eastwick Fernhallow Greyhaven Holloway
Ivybridge Juniper Kestrel Larkspur Millbrook Northwold Oakhurst Pinecrest Ravensmoor
Saltmarsh Thornbury Umberleigh Westerby Yarrowfield""".split()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PEOPLE = ["tenant farmers", "island communities", "retired teachers", "shift workers",
          "first-time buyers", "hauliers", "market traders", "night-shift nurses",
          "village shops", "seasonal pickers", "apprentices", "bus drivers"]
OUTCOMES = ["push up rents in the towns", "starve rural schools of funds", "bring down waiting lists",
            "move investment to the coast", "leave a hole in the accounts", "cut bills for pensioners",
            "bring back skilled workers", "drive small firms out of business",
            "shorten journeys to work", "free up money for repairs"]
AIMS = ["close the deficit", "hit the emission targets", "keep the mills open",
        "calm the bond markets", "hold down food prices", "protect the ports",
        "survive a court challenge", "win the border towns"]
PAPERS = ["green paper", "draft regulation", "costing memo", "select committee report",
          "audit office review", "legal opinion", "position paper", "term sheet"]
MOODS = ["cordial", "fractious", "halting", "businesslike", "strained", "warm", "drawn-out",
         "blunt"]
VERDICTS = ["hasty", "misjudged", "long overdue", "premature", "sensible", "bold", "naive",
            "pragmatic", "hazardous", "unworkable", "even-handed"]
MEASURES = ["food inflation", "youth unemployment", "fuel costs", "grain exports", "rents",
            "the trade deficit", "real wages", "factory orders"]
MOVES = ["climb", "ease", "level off", "jump", "slide"]
WATCHERS = ["the budget office", "private forecasters", "a policy institute", "the audit office",
            "the rating agencies", "academic economists"]
OCCASIONS = ["summit", "confidence vote", "tribunal ruling", "by-election", "walkout",
             "currency scare", "cabinet leak", "party congress"]
PANELS = ["finance", "rural affairs", "harbours", "public accounts", "education", "housing",
          "industry", "justice"]
CHARGES = ["stalling for time", "cherry-picking the data", "caving in to donors",
           "rewriting the rules", "hiding the costs", "breaking a pledge"]
SEASONS = ["summer", "winter", "spring", "autumn"]

# A sentence template names at most two actors ({A}, {B}) and may name the article's
# policy ({pos}: "ration ferry grants", {obj}: "ferry grants"). Sentences of the body are
# picked from these; quotes are taken from them, so none holds Markdown.
SENTENCES = [
    "{A} told journalists in {place} on {day} that the change would {outcome} within {n} months.",
    "Aides to {A} called the latest round of talks {mood} but {mood2}.",
    "The proposal to {pos} has split {people} down the middle.",
    "Opponents say the measure would {outcome} and hurt {people} most.",
    "Backers, {A} among them, call it the only credible way to {aim}.",
    "An adviser to {A} would not discuss the {paper} before it is published.",
    "New figures showed {measure} up {n} percent on the year.",
    "Teams from {A} and {B} sat for {n} hours in {place} and left without a deal.",
    "The {paper} is due before parliament ahead of the {season} break.",
    "Economists at {watcher} called the timing of the announcement {verdict}.",
    "In a written statement, {A} called the present system {verdict} and {verdict2}.",
    "Councillors in {place} fear {people} will pay the price if the vote slips.",
    "{A} has said for years that {obj} ought to be reviewed every {k} years.",
    "Arguments over {obj} grew louder after the {occasion} in {month}.",
    "Forecasters expect {measure} to {move} should the plan pass.",
    "Rivals accused {A} of {charge}.",
    "Commentators noticed that {A} sounded more cautious than in {month}.",
    "Envoys think a middle way may appear once the {paper} is out.",
    "People stopped in the street in {place} disagreed on whether {obj} touched their lives.",
    "The {n} page {paper} lays out {k} routes for members to weigh.",
    "{A} said ministers had badly underrated the price of inaction.",
    "Employers have spent heavily lobbying against any change to {obj}.",
    "An earlier bid to {pos} fell apart over who would pay.",
    "A survey out on {day} put support for the idea at {n} percent.",
    "The row looks set to dominate the next election campaign.",
    "Several members of the {panel} committee want fuller costings.",
    "For the moment, {A} seems happy to wait for the review.",
    "Unions in {place} have warned of stoppages over the plans.",
    "In private, civil servants admit the timetable is {verdict}.",
    "The treasury puts the bill at {n} million over {k} years.",
    "{A} and {B} are due to meet again in {place} before the month is out.",
    "In the view of {watcher}, {measure} may {move} over the coming two years.",
    "After talks with {B}, {A} said the two sides still differed on {obj}.",
    "The {panel} committee takes evidence from {A} on {day}.",
    "Protesters massed outside the assembly in {place} demanding a decision on {obj}.",
    "The dispute over {obj} comes as forecasters see {measure} {move}.",
    "{A} faces growing calls from {people} to act.",
    "A leaked {paper} shows that officials weighed {k} other options.",
    "Negotiations restarted in {place} after a break of {n} days.",
    "The plan needs the support of at least {k} provinces.",
    "Counsel for {A} said a challenge could take {k} years in the courts.",
    "Traders shrugged, and {measure} hardly moved on {day}.",
    "Neither {A} nor {B} has set out a timetable.",
    "Who pays for any change to {obj} is still an open question.",
    "Provincial leaders in {place} complained they were never shown the {paper}.",
    "{A} pledged a formal reply to the {paper} by {month}.",
    "The last reform of this kind, in {month}, took {n} months to bed in.",
    "Growers and hauliers in {place} have joined forces against the plan.",
    "Some officials call the scheme to {pos} {verdict} when speaking privately.",
    "A group of {n} members from several parties has asked {A} to slow down.",
    "The timing is bad for {A}, who faces a tricky {occasion} in {month}.",
    "Unofficial estimates put the number of {people} affected at about {n} thousand.",
]

# Stance sentences name the actor in full and the policy; they are quoted by positions.
FOR = [
    "{A} spoke up for the plan to {pos} at the {day} sitting in {place}.",
    "{A} pressed colleagues to adopt the plan to {pos} before {month}.",
    "{A} called the plan to {pos} overdue and asked for a vote in {month}.",
    "{A} said the plan to {pos} would help {people} in {place}.",
]
AGAINST = [
    "{A} said the plan to {pos} would cost {people} more than it saves.",
    "{A} promised to fight the plan to {pos} clause by clause in {place}.",
    "{A} dismissed the plan to {pos} as too costly for {people}.",
    "{A} warned in {place} on {day} that the plan to {pos} would {outcome}.",
]

HEADLINES = [
    "{A} backs plan to {pos}",
    "{A} and {B} at odds over plan to {pos}",
    "Talks on {obj} stall as {A} digs in",
    "{A} hints at change of course on {obj}",
    "{A} under fire over {obj}",
    "Revolt brews against plan to {pos}",
    "What the plan to {pos} means for {people}",
    "{A} sets terms on {obj}",
]

LIST_LEAD = ["Those who have spoken on the plan so far:", "Who is involved:",
             "The main voices in the debate:", "Named in this report:"]


# ------------------------------------------------------------------ helpers

def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items):
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def distinct(rng, make, n, what):
    """n values of `make(rng, round)` with distinct slugs; later rounds widen the space."""
    seen, out = set(), []
    for attempt in itertools.count():
        if len(out) == n:
            return out
        if attempt > 50 * n + 10000:
            sys.exit("cannot make %d distinct %s names" % (n, what))
        value = make(rng, attempt // (20 * n + 1000))
        if slugify(value) not in seen:
            seen.add(slugify(value))
            out.append(value)


def person(rng, widen):
    name = rng.choice(GIVEN) + " " + rng.choice(FAMILY)
    if widen:  # a middle initial, once the plain names run out
        first, last = name.split()
        name = "%s %s. %s" % (first, rng.choice(string.ascii_uppercase), last)
    return name


def state(rng, widen):
    name = rng.choice(STATE_HEAD) + rng.choice(STATE_JOIN) + rng.choice(STATE_TAIL)
    return ("New " + name) if widen and rng.random() < 0.5 else name


def organisation(rng, widen):
    words = [rng.choice(ORG_FIRST), rng.choice(ORG_FIELD), rng.choice(ORG_BODY)]
    if widen:
        words.insert(1, rng.choice(ORG_FIRST))
    return " ".join(words)


def policy(rng, widen):
    words = [rng.choice(POLICY_VERB), rng.choice(POLICY_AREA), rng.choice(POLICY_THING)]
    if widen:
        words.insert(2, rng.choice(POLICY_AREA))
    return " ".join(words)


def zipf(n):
    return list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(n)))


# ------------------------------------------------------------------ the model

def make_actors(rng, n):
    kinds = rng.choices(["person", "state", "organization"], weights=[60, 15, 25], k=n)
    names = {
        "person": iter(distinct(rng, person, kinds.count("person"), "person")),
        "state": iter(distinct(rng, state, kinds.count("state"), "state")),
        "organization": iter(distinct(rng, organisation, kinds.count("organization"),
                                      "organisation")),
    }
    actors = []
    for kind in kinds:
        name = next(names[kind])
        if kind == "person":
            aliases, role = [name.split()[-1]], rng.choice(ROLES)
        elif kind == "state":
            aliases, role = ["Republic of " + name, name + " government"], None
        else:
            aliases, role = ["".join(w[0] for w in name.split())], None
        actors.append({"name": name, "kind": kind, "aliases": aliases, "role": role,
                       "place": rng.choice(PLACES)})
    # A name or alias must name one actor only: drop aliases that are shared or that are
    # another actor's name.
    count = {}
    for a in actors:
        for x in [a["name"]] + a["aliases"]:
            count[x] = count.get(x, 0) + 1
    slugs = set()
    for a in actors:
        a["aliases"] = [x for x in a["aliases"] if count[x] == 1]
        a["slug"] = slugify(a["name"])
        if a["slug"] in slugs:  # "New X" and "X" cannot clash, but stay safe
            a["slug"] += "-" + a["kind"]
        slugs.add(a["slug"])
    return actors


def make_positions(rng, n, taken):
    out = []
    for title in distinct(rng, policy, n, "position"):
        slug = slugify(title)
        while slug in taken:
            slug += "-policy"
        taken.add(slug)
        pos = title[0].lower() + title[1:]
        out.append({"slug": slug, "title": title, "pos": pos,
                    "obj": " ".join(pos.split()[-2:])})
    return out


class Writer:
    """Fills sentence templates for one article, naming its actors in turn."""

    def __init__(self, rng, actors, positions):
        self.rng, self.actors, self.positions = rng, actors, positions
        self.turn = 0

    def next_actor(self):
        a = self.actors[self.turn % len(self.actors)]
        self.turn += 1
        return a

    def fill(self, template, **fixed):
        r = self.rng
        p = r.choice(self.positions)
        values = {
            "pos": p["pos"], "obj": p["obj"], "place": r.choice(PLACES),
            "day": r.choice(WEEKDAYS), "month": r.choice(MONTHS), "n": r.randint(2, 95),
            "k": r.randint(2, 12), "outcome": r.choice(OUTCOMES), "aim": r.choice(AIMS),
            "paper": r.choice(PAPERS), "mood": r.choice(MOODS), "mood2": r.choice(MOODS),
            "verdict": r.choice(VERDICTS), "verdict2": r.choice(VERDICTS),
            "people": r.choice(PEOPLE), "measure": r.choice(MEASURES), "move": r.choice(MOVES),
            "watcher": r.choice(WATCHERS), "occasion": r.choice(OCCASIONS),
            "panel": r.choice(PANELS), "charge": r.choice(CHARGES), "season": r.choice(SEASONS),
        }
        if "{A}" in template and "A" not in fixed:
            # Later mentions of a person often use the surname alone (an alias).
            a = self.next_actor()
            values["A"] = a["name"]
            if a["aliases"] and a["kind"] == "person" and r.random() < 0.3:
                values["A"] = a["aliases"][0]
        if "{B}" in template:
            b = self.next_actor()
            if len(self.actors) > 1 and b["name"] == values.get("A", fixed.get("A")):
                b = self.next_actor()
            values["B"] = b["name"]
        values.update(fixed)
        s = template.format(**values)
        return s[0].upper() + s[1:]


def make_article(rng, actors, positions, taken):
    w = Writer(rng, actors, positions)
    headline = w.fill(rng.choice(HEADLINES) if len(actors) > 1 else HEADLINES[0],
                      A=actors[0]["name"])
    base = "-".join(slugify(headline).split("-")[:9])
    slug, k = base, 2
    while slug in taken:
        slug, k = "%s-%d" % (base, k), k + 1
    taken.add(slug)

    # One stance sentence for one or two actors on each of the article's positions.
    stances = []
    for p in positions:
        for a in rng.sample(actors, min(len(actors), rng.randint(1, 2))):
            side = rng.choice(["supports", "opposes"])
            template = rng.choice(FOR if side == "supports" else AGAINST)
            stances.append({"actor": a["slug"], "position": p["slug"], "stance": side,
                            "quote": w.fill(template, A=a["name"], pos=p["pos"])})

    # Each paragraph is a list of (markdown, reader text) pieces, so that the text a
    # reader sees is known exactly, not guessed back from the Markdown.
    paragraphs, plain, pending = [], [], list(stances)
    unused = []
    w.turn = 0
    for number in range(8):
        pieces, words = [], 0
        while words < 70:
            if number == 0 and not pieces:
                first = actors[0]["name"]
                s = w.fill(SENTENCES[0], A=first)
                pieces.append((s.replace(first, "**%s**" % first, 1), s))
            elif pending and rng.random() < 0.3:
                s = pending.pop(0)["quote"]
                pieces.append((s, s))
            else:
                if not unused:
                    unused = list(SENTENCES)
                s = w.fill(unused.pop(rng.randrange(len(unused))))
                if number == 4 and not any("**" in md for md, _ in pieces):
                    pieces.append(("**%s**" % s, s))
                else:
                    pieces.append((s, s))
                    plain.append(s)
            words += len(s.split())
        if number == 5:
            doc = rng.choice(PAPERS)
            pieces.append(("The %s can be [read in full](https://example.org/papers/%s/%d)."
                           % (doc, slug, rng.randint(1, 99)),
                           "The %s can be read in full." % doc))
        paragraphs.append(pieces)
    for st in pending:
        paragraphs[-1].append((st["quote"], st["quote"]))

    roster = []
    for a in actors:
        role = (", " + a["role"]) if a["role"] else ""
        roster.append(("- %s%s" % (a["name"], role), "%s%s" % (a["name"], role)))
    lead = rng.choice(LIST_LEAD)
    blocks = [[(" ".join(md for md, _ in p), " ".join(t for _, t in p))] for p in paragraphs]
    blocks.insert(4, [(lead, lead)])
    blocks.insert(5, roster)
    body = "\n\n".join("\n".join(md for md, _ in b) for b in blocks) + "\n"
    # Reader text: one line per leaf (paragraph or list item); no quote holds a newline.
    reader = "\n".join(t for b in blocks for _, t in b)

    stances = [st for st in stances if reader.count(st["quote"]) == 1]
    notes = []
    for s in rng.sample(plain, len(plain)):
        if len(notes) == 2:
            break
        words = s.rstrip(".").split()
        if len(words) < 5:
            continue
        n = rng.randint(4, min(7, len(words)))
        at = rng.randint(0, len(words) - n)
        phrase = " ".join(words[at:at + n]).strip(",")
        if reader.count(phrase) == 1 and not any(phrase in x or x in phrase for x in notes):
            notes.append(phrase)
    if len(notes) < 2:
        sys.exit("article %s: no two unique phrases to annotate" % slug)
    return {"slug": slug, "title": headline, "body": body, "stances": stances,
            "notes": notes}


# ------------------------------------------------------------------ files

def profile(a):
    if a["kind"] == "person":
        return ("%s, %s, speaks often on public money and regional policy. This profile "
                "follows the statements made since taking office, most of them in %s.\n"
                % (a["name"], a["role"], a["place"]))
    if a["kind"] == "state":
        return ("%s takes part in the regional talks on transport, farming and trade. Its "
                "seat of government is **%s**.\n" % (a["name"], a["place"]))
    return ("The %s, based in %s, speaks for its members on rules and public funding. It "
            "publishes its priorities each year.\n" % (a["name"], a["place"]))


def write_site(out, title, actors, positions, articles, rng):
    content = os.path.join(out, "content")
    shutil.rmtree(content, ignore_errors=True)
    for sub in ("articles", "actors", "positions", "annotations"):
        os.makedirs(os.path.join(content, sub))
    write(os.path.join(content, "site.toml"),
          "title = %s\nbase_url = \"https://bench.example.net/\"\n" % toml_str(title))
    for a in actors:
        write(os.path.join(content, "actors", a["slug"] + ".md"),
              "+++\nname = %s\nkind = %s\naliases = %s\n+++\n\n%s"
              % (toml_str(a["name"]), toml_str(a["kind"]), toml_list(a["aliases"]),
                 profile(a)))
    for art in articles:
        write(os.path.join(content, "articles", art["slug"] + ".md"),
              "+++\ntitle = %s\ndate = %s\n+++\n\n%s"
              % (toml_str(art["title"]), art["date"], art["body"]))
        for k, phrase in enumerate(art["notes"], 1):
            write(os.path.join(content, "annotations", "%s-%d.md" % (art["slug"], k)),
                  "+++\narticle = %s\nquote = %s\nkind = \"context\"\n+++\n\n"
                  "The words *%s* refer to an argument older than this report; the "
                  "position pages hold the **full record**.\n"
                  % (toml_str(art["slug"]), toml_str(phrase), phrase))
    candidates = {p["slug"]: [] for p in positions}
    for art in articles:
        for st in art["stances"]:
            candidates[st["position"]].append(dict(st, article=art["slug"]))
    stances = 0
    for p in positions:
        first = {}
        for st in candidates[p["slug"]]:
            first.setdefault(st["actor"], st)  # one stance per actor
        chosen = list(first.values())
        if len(chosen) > 8:
            chosen = sorted(rng.sample(range(len(chosen)), 8))
            chosen = [list(first.values())[i] for i in chosen]
        stances += len(chosen)
        lines = ["+++", "title = " + toml_str(p["title"]),
                 "summary = " + toml_str("Whether to %s, and who is for or against it."
                                         % p["pos"])]
        for st in chosen:
            lines += ["", "[[stances]]", "actor = " + toml_str(st["actor"]),
                      "stance = " + toml_str(st["stance"]), "quote = " + toml_str(st["quote"]),
                      "article = " + toml_str(st["article"])]
        lines += ["+++", "", "The plan to %s has come up in several assemblies. The "
                  "**stances** below each quote the sentence they rest on.\n" % p["pos"]]
        write(os.path.join(content, "positions", p["slug"] + ".md"), "\n".join(lines))
    return stances


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--actors", type=int, required=True)
    ap.add_argument("--positions", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="the site's folder; its content/ is replaced")
    ap.add_argument("--title", default="Benchmark explainer")
    ns = ap.parse_args()
    if min(ns.articles, ns.actors, ns.positions) < 1:
        sys.exit("--articles, --actors and --positions must be at least 1")

    rng = random.Random(ns.seed)
    actors = make_actors(rng, ns.actors)
    taken = {a["slug"] for a in actors}
    positions = make_positions(rng, ns.positions, taken)
    actor_weights, position_weights = zipf(len(actors)), zipf(len(positions))
    first_day = datetime.date(2023, 1, 1)
    articles = []
    for i in range(ns.articles):
        mine = [i % len(actors)]
        while len(mine) < min(rng.randint(2, 5), len(actors)):
            j = rng.choices(range(len(actors)), cum_weights=actor_weights)[0]
            if j not in mine:
                mine.append(j)
        about = [i % len(positions)]
        while len(about) < min(rng.randint(1, 3), len(positions)):
            j = rng.choices(range(len(positions)), cum_weights=position_weights)[0]
            if j not in about:
                about.append(j)
        art = make_article(rng, [actors[j] for j in mine], [positions[j] for j in about],
                           taken)
        art["date"] = (first_day + datetime.timedelta(days=rng.randrange(3 * 365))).isoformat()
        articles.append(art)

    stances = write_site(ns.out, ns.title, actors, positions, articles, rng)
    print("wrote %s: %d articles, %d actors, %d positions (%d stances), %d annotations"
          % (os.path.join(ns.out, "content"), len(articles), len(actors), len(positions),
             stances, 2 * len(articles)))


if __name__ == "__main__":
    main()
