"""Word lists the rules read: offices, speech verbs and event triggers (lemmas, lowercase)."""

from __future__ import annotations

# Head words of offices; a title phrase must contain one of them.
OFFICE_WORDS = frozenset(
    """
president premier chancellor minister secretary ambassador envoy king queen emir prince princess
sheikh sultan monarch pope leader chairman chairwoman chair chief spokesman spokeswoman spokesperson
adviser advisor counsellor counselor commissioner governor mayor senator congressman congresswoman
representative diplomat general admiral marshal commander deputy vice head director negotiator
counterpart foreign prime delegate official premier taoiseach shah ayatollah speaker attorney lady
charge chargé consul emissary sergeant sgt lieutenant captain colonel corporal detective inspector
superintendent
""".split()
)

# Words that may stand inside a title phrase without being a name ("Minister of External Affairs").
TITLE_FILLERS = frozenset(
    """
of for the and to in on external affairs foreign defence defense trade finance interior home state
national security general joint special first second deputy vice acting former prime chief
council ministry department commerce economy energy justice culture health education industry
agriculture labour labor development cooperation relations international european union united
nations supreme federal party communist central committee high representative executive senior
political military armed forces staff presidential administration kremlin white house office
permanent chargé d'affaires minister-president crown grand royal highness exchequer
assistant under undersecretary presidency government cabinet ministry
""".split()
)

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir madam dame lord lady his her excellency".split())

SPEECH_VERBS = frozenset(
    """
say tell add stress note insist warn declare state write tweet post ask reply respond explain
emphasise emphasize underline underscore argue claim announce remark comment continue recall
acknowledge urge predict assure conclude quip observe affirm reiterate confirm deny admit
complain caution suggest vow pledge promise describe praise told quote propose
""".split()
)

# Verbs that report an encounter, by event kind.
MEETING_VERBS = frozenset("meet receive host greet welcome confer negotiate summon see".split())
MEETING_NOUNS = frozenset(
    """
meeting talks talk summit negotiations discussion discussions audience encounter session gathering
tete-a-tete consultations dialogue conference lunch luncheon dinner banquet breakfast reception
""".split()
)
CALL_NOUNS = frozenset("call phone telephone conversation videoconference video-conference".split())
CALL_VERBS = frozenset("phone telephone call ring reach".split())
VISIT_VERBS = frozenset("visit travel arrive tour fly go head come leave depart land stop".split())
VISIT_NOUNS = frozenset("visit trip tour swing journey stopover stay".split())
INVITE_VERBS = frozenset("invite".split())
INVITE_NOUNS = frozenset("invitation".split())
TALK_VERBS = frozenset("talk speak discuss".split())  # an encounter only with "with" / "by phone"

# Words marking an event that did not or will not happen as reported.
NEGATING_VERBS = frozenset("cancel postpone scrap call-off shelve refuse decline deny snub skip".split())
PLANNING_VERBS = frozenset(
    """
plan expect schedule intend propose agree prepare due set aim arrange invite ask urge try
prepared ready willing keen eager likely poised
""".split()
)

# Nouns meaning "the people just mentioned" ("the two leaders met").
GROUP_NOUNS = frozenset(
    "leaders ministers sides men women officials presidents counterparts delegations two".split()
)
PERSON_PRONOUNS = frozenset("he she him her his".split())
FIRST_PERSON = frozenset("i me we us".split())

# Nouns for the unnamed other side of an encounter ("met with German officials").
PARTY_NOUNS = frozenset(
    """
official delegation delegate counterpart adviser advisor representative envoy diplomat lawmaker
senator executive leader member ambassador negotiator minister team group committee president
businessman banker governor mayor dissident activist student worker rebel protester demonstrator
opposition chief commander general entrepreneur investor scholar expert counsel lawyer attorney
lawmaker legislator congressman congresswoman senator
""".split()
)

# Verbs of wanting: "wanted to speak with" reports a wish, not an encounter.
WISH_VERBS = frozenset("want wish hope seek desire long yearn offer".split())

# Meals and gatherings that a person "hosts" or "attends" with others.
MEAL_NOUNS = frozenset("lunch luncheon dinner banquet breakfast reception".split())
GATHERING_NOUNS = frozenset("summit conference meeting session talks negotiations forum dialogue".split())
# Words that make talk a call: "spoke by telephone", "a video conference".
PHONE_WORDS = frozenset("phone telephone video videoconference video-conference videolink call".split())
# Verbs that hold, join or take part in a gathering ("held talks", "attended the summit").
HOLD_VERBS = frozenset(
    "hold have conduct begin open start resume continue attend host chair join convene".split()
)
DEPARTURE_VERBS = frozenset("leave depart".split())
NEGATIONS = frozenset("not n't never no".split())
# Nouns whose complement is a plan, not an encounter that happened ("an invitation to visit").
PLAN_NOUNS = frozenset(
    """
invitation plan proposal offer intention readiness agreement request decision promise pledge
chance opportunity
""".split()
)
# Verbs of going somewhere, which take a purpose "for talks".
MOTION_VERBS = frozenset("travel fly go come head arrive leave return visit meet emerge".split())
# Prepositions that put a verb's subject in a gathering ("said after talks", "in talks with").
PART_PREPS = frozenset("in during after at following before on ahead since".split())
# Nouns a place may hang from and still place the encounter ("on the sidelines of the summit").
VENUE_NOUNS = frozenset(
    """
sidelines summit meeting conference talks palace residence office headquarters capital city visit
trip session forum shore banks side
""".split()
)
# Verbs whose agent was in the room with a participant ("X, accompanied by Y").
COMPANION_VERBS = frozenset("accompany join flank".split())
# Words that place a clause at another time than the main one ("after he met X").
SHIFTING_MARKS = frozenset("after before since until till once following prior ahead".split())
# Third-person verb forms a caption uses ("X, right, greets Y"), which the tagger may read as nouns.
CAPTION_VERBS = frozenset("greets meets welcomes receives hosts talks shakes speaks chats".split())
# Verbs whose object is received by the subject, the object alone enough when summoned.
RECEIVING_VERBS = frozenset("receive host greet welcome summon".split())
SUMMON_VERBS = frozenset("summon".split())
# Verbs that report a meeting only in a set phrase: "shook hands", "sat down with", "played host to".
MEETING_PHRASES = frozenset("shake sit play".split())
# Verbs that offer a meal to a guest ("gave a banquet in honour of", "threw a dinner for").
MEAL_VERBS = frozenset("give throw offer".split())
# Holding or attending a gathering is an encounter even with no one else named ("chaired a meeting").
SOLO_HOLD_VERBS = frozenset("attend host chair join hold convene have".split())
# Proposing that two people meet is an invitation.
PROPOSE_VERBS = frozenset("propose suggest".split())
# Where a caption puts a person in the photo ("X, left, greets Y").
CAPTION_POSITIONS = frozenset("left right center centre".split())
# Dependencies that open another clause, whose people are not a verb's own.
CLAUSE_DEPS = frozenset("ccomp relcl acl xcomp csubj parataxis advcl mark".split())
# Verbs that give an invitation (their subject invites) or take one (their subject is invited).
EXTEND_VERBS = frozenset("extend issue send deliver convey renew give repeat".split())
ACCEPT_VERBS = frozenset("accept receive get welcome take".split())
# Signing or reaching an agreement between two named people means they met.
SIGN_VERBS = frozenset("sign reach conclude initial seal".split())
AGREEMENT_NOUNS = frozenset("accord agreement deal treaty pact memorandum".split())
# The last words of organisations' names, which the tagger sometimes reads as people's.
ORGANISATION_WORDS = frozenset(
    """
council committee institute institution center centre party ministry agency commission foundation
university bank fund association union group league front movement assembly parliament congress
senate court office department service post times news press tribune herald journal network
corporation company council forum society alliance coalition organization organisation program
programme project initiative
""".split()
)
# Verbs by which one makes a visit or takes a call ("made a state visit", "received a call from").
UNDERTAKE_VERBS = frozenset("make undertake pay receive get take place return".split())
# Verbs that end (or cut short) a gathering or a trip one took part in.
FINISH_VERBS = frozenset("join chair conclude end wrap finish complete cut".split())
# Nouns for a body of people named by what follows "of" ("the group of ministers").
COLLECTIVE_NOUNS = frozenset("group delegation team party contingent".split())
# Verbs that send someone on a trip: their object is the traveller ("sending Shultz to Moscow").
SEND_VERBS = frozenset("send dispatch despatch".split())
# Small words inside people's names ("Ursula von der Leyen", "Mohammed bin Salman", "Daniel arap Moi").
NAME_PARTICLES = frozenset(
    "de da del dos das do van von der den ter bin ibn bint abu al el ad ash as la le di du arap".split()
)
# Nouns that measure a gathering ("nine hours of talks", "a round of negotiations").
MEASURE_NOUNS = frozenset("hour day week round series session minute lot".split())
# What an invitation to a post, not to an encounter, invites one to do ("to fill the vacant post").
INVITED_TO_SERVE = frozenset("fill serve form become run head lead replace succeed testify".split())
# Nouns an apposition gives only to a person ("Horbach, a political analyst at the Institute").
PERSON_NOUNS = OFFICE_WORDS | frozenset(
    """
analyst expert professor researcher scholar fellow economist strategist commentator journalist
correspondent author founder activist lawyer attorney lawmaker member officer politician candidate
businessman businesswoman writer historian
""".split()
)
# Nouns asking for a meeting ("the request for a meeting came from X"): an invitation.
REQUEST_NOUNS = frozenset("request proposal call appeal offer plea".split())
# Verbs of speaking to an audience: "speaking at a conference" is a speech, not an encounter.
ADDRESS_VERBS = frozenset("speak address lecture testify preach".split())
