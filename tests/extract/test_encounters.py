"""The encounters stage: which sentences report a meeting, call, visit or invitation, and who took part.

Each row is a sentence written for this table, in one of the ways news reports an encounter,
and the events it must give (``"[planned ]kind Surname+Surname"``); a second table lists
sentences that report no encounter.
"""

from __future__ import annotations

import pytest
from reading import events, read

MEETINGS = [
    (
        "The president of the European Commission, Jean-Claude Juncker, met Portugal's prime minister, "
        "Antonio Costa, in Lisbon on Monday.",
        "meeting Costa+Juncker",
    ),
    (
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.",
        "meeting Jinping+Putin",
    ),
    (
        "German Chancellor Olaf Scholz held talks with French President Emmanuel Macron in Paris.",
        "meeting Macron+Scholz",
    ),
    (
        "Indian Prime Minister Narendra Modi received U.S. Secretary of State Antony Blinken.",
        "meeting Blinken+Modi",
    ),
    (
        "Japanese Prime Minister Fumio Kishida will meet South Korean President Yoon Suk Yeol in Tokyo.",
        "planned meeting Kishida+Yeol",
    ),
    (
        "President Joe Biden hosted Japanese Prime Minister Fumio Kishida at the White House.",
        "meeting Biden+Kishida",
    ),
    (
        "Secretary of State John Kerry conferred with Russian Foreign Minister Sergei Lavrov for two hours.",
        "meeting Kerry+Lavrov",
    ),
    ("Foreign ministers Sergei Lavrov and Wang Yi met in Beijing on Tuesday.", "meeting Lavrov+Yi"),
    ("Barack Obama and Raul Castro shook hands at the summit in Panama.", "meeting Castro+Obama"),
    (
        "Pakistani Prime Minister Nawaz Sharif sat down with Afghan President Ashraf Ghani on the sidelines.",
        "meeting Ghani+Sharif",
    ),
    (
        "Kenyan President Uhuru Kenyatta, left, welcomes Ethiopian Prime Minister Abiy Ahmed at State House.",
        "meeting Ahmed+Kenyatta",
    ),
    (
        "Egyptian President Abdel Fattah el-Sisi, right, greets Jordan's King Abdullah in Cairo, May 3, 2016.",
        "meeting Abdullah+El-Sisi",
    ),
    ("Angela Merkel played host to British Prime Minister Theresa May in Berlin.", "meeting May+Merkel"),
    (
        "Secretary of State Hillary Clinton is expected to see Egyptian Foreign Minister Ahmed Aboul Gheit in Cairo.",
        "planned meeting Clinton+Gheit",
    ),
    (
        "Chinese President Xi Jinping and his Russian counterpart Vladimir Putin held a joint news conference.",
        "meeting Jinping+Putin",
    ),
    (
        "Queen Elizabeth gave a banquet in honour of Chinese President Xi Jinping at Buckingham Palace.",
        "meeting Elizabeth+Jinping",
    ),
    (
        "President Barack Obama hosted a state dinner for French President Francois Hollande.",
        "meeting Hollande+Obama",
    ),
    (
        "The meeting was attended by French President Francois Hollande and German Chancellor Angela Merkel.",
        "meeting Hollande+Merkel",
    ),
    (
        "At a trilateral meeting in Washington, Joe Biden, Fumio Kishida and Yoon Suk Yeol agreed to share data.",
        "meeting Biden+Kishida+Yeol",
    ),
    ("John Kerry and Sergei Lavrov emerged from talks in Geneva late on Friday.", "meeting Kerry+Lavrov"),
    ("Margaret Thatcher left Bonn after talks with Chancellor Helmut Kohl.", "meeting Kohl+Thatcher"),
    ("Margaret Thatcher left Bonn after talks with with Chancellor Helmut Kohl.", "meeting Kohl+Thatcher"),
    (
        "Prime Minister Margaret Thatcher said little. She had flown to Bonn from talks with French President"
        " Francois Mitterrand in Paris.",
        "meeting Mitterrand+Thatcher",
    ),
    (
        "Chinese leader Deng Xiaoping told visiting U.S. Secretary of State George Shultz that ties were improving.",
        "meeting Shultz+Xiaoping",
    ),
    (
        "Indian Prime Minister Narendra Modi told Vladimir Putin at their meeting in Sochi that trade must grow.",
        "meeting Modi+Putin",
    ),
    ("India summoned Pakistani High Commissioner Abdul Basit in New Delhi on Tuesday.", "meeting Basit"),
    (
        "Prime Minister Narendra Modi will hold a meeting with his security advisers on Thursday.",
        "planned meeting Modi",
    ),
    (
        "Prime Minister Narendra Modi is due to hold a meeting on Thursday to review the treaty.",
        "planned meeting Modi",
    ),
    ("President Barack Obama met with leaders of Britain, France and Germany in Hanover.", "meeting Obama"),
    (
        "Vladimir Putin and Recep Tayyip Erdogan met in Sochi. The two leaders agreed to hold talks again.",
        "meeting Erdogan+Putin",
    ),
    (
        "Emmanuel Macron and Angela Merkel arrived at the Elysee. They held talks for three hours.",
        "meeting Macron+Merkel",
    ),
    (
        "The Chinese Premier Li Keqiang had lunch with German Chancellor Angela Merkel in Berlin.",
        "meeting Keqiang+Merkel",
    ),
    (
        "U.S. envoy Henry Kissinger arrives on Sunday. During his visit he is to call on President Jose Sarney and"
        " Foreign Minister Roberto Sodre in Brasilia.",
        "planned meeting Kissinger+Sarney+Sodre",
    ),
    (
        "South African President Jacob Zuma paid a courtesy call on King Mswati III on Monday.",
        "meeting III+Zuma",
    ),
]

MEETINGS += [
    ("President Donald Trump and Jordan's King Abdullah II hold a news conference in the Rose Garden.", "meeting II+Trump"),
    ("Donald Trump and Mike Pence will start at the church, after which they will head to the White House to meet with President Barack Obama.", "planned meeting Obama+Pence+Trump"),
    ("Sergei Lavrov, left, speaks to John Kerry before their news conference in Vienna, May 17, 2016.", "meeting Kerry+Lavrov"),
    ("Chinese President Xi Jinping and Russian President Vladimir Putin spoke at their joint news conference.", "meeting Jinping+Putin"),
    ("Japanese Prime Minister Shinzo Abe, who met Indian Prime Minister Narendra Modi on Monday, said ties were strong.", "meeting Abe+Modi"),
    ("Egyptian President Abdel Fattah el-Sisi welcomed Sudanese President Omar al-Bashir to Cairo.", "meeting El-Sisi+al-Bashir"),
    ("After meeting Ukrainian President Petro Poroshenko, Vice President Joe Biden flew home.", "meeting Biden+Poroshenko"),
    ("Secretary of State John Kerry also met separately with Saudi Foreign Minister Adel al-Jubeir.", "meeting Kerry+al-Jubeir"),
    ("In a meeting with Iraqi Prime Minister Haider al-Abadi, Defense Secretary Ashton Carter pledged support.", "meeting Carter+al-Abadi"),
    ("The meeting between Chinese President Xi Jinping and U.S. President Barack Obama lasted three hours.", "meeting Jinping+Obama"),
    ("British Prime Minister David Cameron's talks with Polish Prime Minister Beata Szydlo focused on migrants.", "meeting Cameron+Szydlo"),
    ("Iranian President Hassan Rouhani will receive Austrian President Heinz Fischer next week.", "planned meeting Fischer+Rouhani"),
    ("Ukrainian President Petro Poroshenko is scheduled to meet German Chancellor Angela Merkel in Berlin on Friday.", "planned meeting Merkel+Poroshenko"),
]

CALLS = [
    # the other side is whom the verb addresses, when "in a call" modifies it
    ("Pope Francis thanked Chilean President Michelle Bachelet in a telephone conversation on Monday.",
     "phone_call Bachelet+Francis"),
    ("Spanish Prime Minister Mariano Rajoy sent his condolences to Belgian Prime Minister Charles Michel "
     "in a phone call.", "phone_call Michel+Rajoy"),
    (
        "Russian President Vladimir Putin told U.S. President Barack Obama in a telephone call that Moscow would act.",
        "phone_call Obama+Putin",
    ),
    (
        "Russian President Vladimir Putin told U.S. President Barack Obama, in a Saturday telephone call, Moscow"
        " reserves the right to act.",
        "phone_call Obama+Putin",
    ),
    (
        "Also on Sunday, President Barack Obama spoke with German Chancellor Angela Merkel and British Prime"
        " Minister David Cameron, officials said.",
        "phone_call Cameron+Merkel+Obama",
    ),
    (
        "The White House said President Joe Biden spoke to Japanese Prime Minister Fumio Kishida on Monday.",
        "phone_call Biden+Kishida",
    ),
    (
        "Vladimir Putin and Recep Tayyip Erdogan met in June. The two spoke by telephone on Sunday.",
        "phone_call Erdogan+Putin",
    ),
    (
        "Turkish President Recep Tayyip Erdogan reached out by telephone to Russian President Vladimir Putin.",
        "phone_call Erdogan+Putin",
    ),
    (
        "In a call with Ukrainian President Volodymyr Zelensky, Joe Biden pledged more aid.",
        "phone_call Biden+Zelenskyy",
    ),
    (
        "French President Emmanuel Macron held a phone conversation with Vladimir Putin on Friday.",
        "phone_call Macron+Putin",
    ),
    ("Olaf Scholz and Emmanuel Macron spoke by video link on Friday.", "phone_call Macron+Scholz"),
    (
        "Chinese President Xi Jinping had a video call with U.S. President Joe Biden.",
        "phone_call Biden+Jinping",
    ),
    ("Vladimir Putin phoned Recep Tayyip Erdogan on Tuesday.", "phone_call Erdogan+Putin"),
    ("Vladimir Putin called Recep Tayyip Erdogan to offer his condolences.", "phone_call Erdogan+Putin"),
    ("Vladimir Putin and Emmanuel Macron discussed Syria by phone.", "phone_call Macron+Putin"),
    (
        "In their phone conversation, Vladimir Putin and Emmanuel Macron agreed to meet.",
        "phone_call Macron+Putin",
    ),
    (
        "Japanese Prime Minister Shinzo Abe said in a telephone conversation with Donald Trump that ties were strong.",
        "phone_call Abe+Trump",
    ),
    (
        "Turkish Prime Minister Binali Yildirim talked on the phone with Russian Prime Minister Dmitry Medvedev.",
        "phone_call Medvedev+Yildirim",
    ),
]

CALLS += [
    ("Russian President Vladimir Putin received a telephone call from French President Francois Hollande.", "phone_call Hollande+Putin"),
    ("President Barack Obama spoke by telephone with Israeli Prime Minister Benjamin Netanyahu on Wednesday.", "phone_call Netanyahu+Obama"),
    ("In a phone call on Sunday, German Chancellor Angela Merkel told Vladimir Putin that the truce must hold.", "phone_call Merkel+Putin"),
    ("Prime Minister Mark Rutte called Chancellor Olaf Scholz on Monday to discuss the gas shortage.", "phone_call Rutte+Scholz"),
    ("Olaf Scholz got a call from Justin Trudeau on Friday.", "phone_call Scholz+Trudeau"),
    ("Keir Starmer returned a call from Emmanuel Macron late on Friday.", "phone_call Macron+Starmer"),
    ("It was the third call between Joe Biden and Olaf Scholz this month.", "phone_call Biden+Scholz"),
    ("Joe Biden spoke by phone with three European leaders, including Olaf Scholz and Giorgia Meloni.", "phone_call Biden+Meloni+Scholz"),
    ("Joe Biden said he had spoken to several leaders on Sunday, including Prime Minister Fumio Kishida.", "phone_call Biden+Kishida"),
    ("Chancellor Olaf Scholz spoke by telephone with President Emmanuel Macron on Tuesday.", "phone_call Macron+Scholz"),
    ("Olaf Scholz talked over the phone with Emmanuel Macron about the crisis.", "phone_call Macron+Scholz"),
]

VISITS = [
    ("Secretary of State John Kerry arrived in Kyiv on Tuesday.", "visit Kerry"),
    (
        "Secretary of State John Kerry will be heading to Kyiv Monday for discussions there.",
        "planned visit Kerry",
    ),
    ("Pope Francis left for Cuba on Saturday.", "visit Francis"),
    ("Indian Prime Minister Narendra Modi is on a tour of Kenya and Tanzania.", "visit Modi"),
    ("During a trip to Brazil last week, President Barack Obama announced new aid.", "visit Obama"),
    ("President Barack Obama flew to Havana on Sunday.", "visit Obama"),
    ("German Chancellor Angela Merkel landed in Beijing on Friday for a two-day visit.", "visit Merkel"),
    ("U.S. Secretary of State Antony Blinken is due to fly to Tokyo next week.", "planned visit Blinken"),
    ("Chinese President Xi Jinping began a state visit to Serbia on Sunday.", "visit Jinping"),
    ("Israeli Prime Minister Benjamin Netanyahu travels to Moscow on Thursday.", "planned visit Netanyahu"),
    ("Iranian President Hassan Rouhani visited Italy and France last month.", "visit Rouhani"),
]

VISITS += [
    ("Chinese President Xi Jinping is in London for a four-day state visit.", "visit Jinping"),
    ("Indian Prime Minister Narendra Modi will make a state visit to Israel in July.", "planned visit Modi"),
    ("Pope Francis flew into Havana on Saturday.", "visit Francis"),
    ("On a visit to Nairobi, President Barack Obama praised Kenya's growth.", "visit Obama"),
    ("Secretary of State John Kerry stopped in Cairo on his way to the Gulf.", "visit Kerry"),
    ("Secretary of State Rex Tillerson wrapped up a visit to Moscow on Wednesday.", "visit Tillerson"),
]

INVITATIONS = [
    (
        "Chinese President Xi Jinping invited Brazilian President Luiz Inacio Lula da Silva to visit Beijing.",
        "planned invitation Jinping+Silva",
    ),
    (
        "Vladimir Putin accepted an invitation from Recep Tayyip Erdogan to visit Turkey.",
        "planned invitation Erdogan+Putin",
    ),
    (
        "Recep Tayyip Erdogan extended an invitation to Vladimir Putin to visit Ankara.",
        "planned invitation Erdogan+Putin",
    ),
    (
        "South Korean Prime Minister Kim Hwang-sik proposed in a letter to his North Korean counterpart Choe"
        " Yong-rim that they meet in Panmunjom.",
        "planned invitation Hwang-sik+Rim",
    ),
    (
        "Japanese Prime Minister Shinzo Abe proposed a meeting with Chinese President Xi Jinping.",
        "planned invitation Abe+Jinping",
    ),
]


INVITATIONS += [
    ("Vladimir Putin will visit Ankara at the invitation of Recep Tayyip Erdogan.", "planned invitation Erdogan+Putin"),
    ("Narendra Modi accepted Xi Jinping's invitation to visit China.", "planned invitation Jinping+Modi"),
]


@pytest.mark.parametrize(("text", "expected"), MEETINGS + CALLS + VISITS + INVITATIONS)
def test_encounter(extractor, text, expected):
    found = events(extractor, text)
    assert expected in found, found


NOT_ENCOUNTERS = [
    "The summit between Joe Biden and Vladimir Putin was called off on Monday.",
    "Antony Blinken did not meet Wang Yi during the conference.",
    "Volodymyr Zelensky said he wanted to speak with Xi Jinping.",
    "Olaf Scholz spoke by telephone with reporters on Tuesday.",
    "Emmanuel Macron praised Germany's role in a phone call with reporters.",
    "Vladimir Putin does not usually meet visiting foreign ministers.",
    "Joe Biden called on Vladimir Putin to withdraw his troops.",
    "Critics called Boris Johnson a liar on Monday.",
    "The call from Giorgia Meloni for a European answer went unanswered.",
    "Emmanuel Macron spoke to reporters in Paris on Monday.",
    "Emmanuel Macron told journalists in Paris that the talks would go on.",
    "Angela Merkel told a meeting of businessmen in Hamburg that growth would return.",
    "Vladimir Putin gave a speech in Munich in 2007.",
    "Sergei Lavrov sent a letter to Antony Blinken on Tuesday.",
    "Joe Biden urged Congress to pass the bill after talks stalled.",
    "The talks between the two parties on the budget resumed on Monday.",
    "Xi Jinping's visit to the United States was postponed.",
    "The appeal was made by Denis Pushilin at a news conference in Donetsk.",
    "Speaking at the annual defence conference in San Diego, Admiral Scott Swift said China was arming.",
    "Donald Trump's first foreign trip could be to Iceland for a summit with Vladimir Putin.",
    "If the proposed meeting took place it would open the way for summit talks between Kim Il-sung and"
    " Chun Doo-hwan.",
]


@pytest.mark.parametrize("text", NOT_ENCOUNTERS)
def test_no_encounter(extractor, text):
    found = [e for e in events(extractor, text) if not e.startswith("planned")]
    assert not found, found


def test_with_one_and_with_another(extractor):
    joint = events(extractor, "Emmanuel Macron met with Olaf Scholz and with Pedro Sanchez on Monday.")
    assert joint == ["meeting Macron+Sanchez+Scholz"], joint
    apart = events(extractor, "Emmanuel Macron met separately with Olaf Scholz and with Pedro Sanchez.")
    assert sorted(apart) == ["meeting Macron+Sanchez", "meeting Macron+Scholz"], apart


def test_taking_part_in_talks(extractor):
    found = events(extractor, "Sergei Lavrov and Pavlo Klimkin took part in the talks in Berlin on Wednesday.")
    assert "meeting Klimkin+Lavrov" in found, found
    found = events(extractor, "Sergei Lavrov participated in the meeting with Pavlo Klimkin.")
    assert "meeting Klimkin+Lavrov" in found, found


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("The United States, Russia and Switzerland met yesterday in Geneva.", {"US", "RU", "CH"}),
        ("Georgian demonstrators received ministers from the Georgian government.", {"GE"}),
    ],
)
def test_states_as_the_only_parties_make_a_contact_between_states(extractor, text, actors):
    (event,) = read(extractor, text).extraction.events
    assert event.participants == [] and set(event.actors) == actors
