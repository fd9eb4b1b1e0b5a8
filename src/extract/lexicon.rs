//! Word lists of the pipeline: offices (title grammar), reporting verbs,
//! name particles and stop-words. General English/diplomatic vocabulary only.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Head nouns of an office, singular lowercase. `leader` and `counterpart` mark a
/// person without giving a title.
pub const TITLE_HEADS: &[&str] = &[
    "president", "vice-president", "president-elect", "president-designate", "minister-designate", "minister-elect", "premier", "vice-premier", "minister", "councilor",
    "councillor", "secretary", "secretary-general", "under-secretary-general", "ambassador", "envoy",
    "representative", "spokesperson", "spokesman", "spokeswoman", "chancellor", "vice-chancellor", "king", "queen",
    "prince", "princess", "emir", "amir", "sultan", "speaker", "chairman", "chairwoman", "chairperson", "director",
    "director-general", "governor", "mayor", "commissioner", "consul", "consul-general", "senator", "adviser",
    "advisor", "chief", "emperor", "monarch", "taoiseach", "ombudsman", "attaché", "chargé", "leader", "counterpart",
    "diplomat", "vice-minister", "vice-chairman", "vice-chairwoman", "vice-chair", "vice-chairperson", "vice-governor",
    "vice-speaker", "under-secretary", "undersecretary", "chair", "co-chair", "coordinator", "counsellor", "counselor",
    "attorney-general", "solicitor-general", "prosecutor-general", "procurator-general", "administrator",
    // Law officers written in two words ("Attorney General X"): heads only before "General".
    "attorney", "solicitor", "prosecutor", "procurator",
    "negotiator", "governor-general", "head", "general-secretary",
    // Heads of agencies and development banks ("Chief Executive Officer Dr A").
    "officer",
    // Members of legislatures, whom the press names with their office ("Venezuelan parliamentarians A and B").
    "parliamentarian", "lawmaker", "legislator", "congressman", "congresswoman",
    // The UAE's emirates and other hereditary seats ("Ruler of Sharjah").
    "ruler",
    // "Special Assistant to the President": an aide's office; before another head a
    // modifier still ("Assistant Secretary of State").
    "assistant",
    // Abbreviations of headline and wire style ("PM Abiy", "Algerian FM X"), heads only in capitals;
    // the EU's releases style its foreign-policy chief "HRVP"/"HR/VP Kallas".
    "pm", "fm", "hrvp",
    // India's "EAM Jaishankar"; Kenya's cabinet secretaries, "CS Mutua"; South Asian
    // papers' "NSA Ajit Doval" (National Security Adviser).
    "eam", "cs", "nsa",
];

/// Heads that name a person but give no title.
pub const NO_TITLE_HEADS: &[&str] = &["leader", "counterpart", "diplomat", "state-head", "government-head"];

/// Words that can precede a head inside a title ("Deputy Prime Minister",
/// "State Councilor", "Foreign Minister", "Crown Prince").
pub const TITLE_MODIFIERS: &[&str] = &[
    "former", "deputy", "vice", "first", "second", "assistant", "acting", "senior", "special", "executive", "chief", "principal",
    // "the PM's press secretary X", "White House Press Secretary X".
    "press",
    "permanent", "interim", "crown", "prime", "state", "cabinet", "grand", "general", "foreign", "defense",
    "defence", "finance", "financial", "trade", "commerce", "interior", "home", "economy", "economic", "energy",
    "agriculture", "agricultural", "health", "education", "justice", "culture", "cultural", "labour", "labor",
    "transport", "transportation", "industry", "industrial", "environment", "environmental", "tourism",
    "information", "communications", "security", "development", "planning", "investment", "petroleum", "mining",
    "water", "youth", "sports", "science", "technology", "digital", "social", "public", "national", "affairs",
    "infrastructure", "treasury", "legal", "fisheries", "housing", "emergency", "immigration", "oil", "natural",
    "resources", "ecology", "aviation", "railways", "maritime", "border", "presidential", "royal", "chief",
    "executive", "party", "parliamentary", "high", "lead", "policy", "army", "military", "intelligence", "external", "ministry",
    // Bodies and levels of government that qualify an office ("Federal Chancellor",
    // "Commission President", "House Speaker", "White House Economic Adviser").
    "federal", "commission", "council", "parliament", "senate", "house", "white", "coordinating", "supreme",
    // "National Assembly Speaker" (Kuwait, Korea, many republics).
    "assembly",
    // India's ministers of the central government ("Union Minister", "Union Home Minister").
    "union",
    // Royal and princely courts of the Gulf and Jordan ("Royal Court Chief", "Amiri Diwan
    // Chief", "Royal Hashemite Court Chief").
    "court", "diwan", "amiri", "hashemite",
    // Portfolios of ministries and envoys found in one state or a few ("Unification Minister"
    // of South Korea, "Nuclear Negotiator", "Homeland Security Secretary", "Climate Envoy").
    "unification", "nuclear", "homeland", "climate", "change", "disarmament", "welfare", "construction", "veterans",
    "territorial", "lands", "gender", "women",
    // An aide's field ("Diplomatic Adviser to the President").
    "diplomatic",
    // Portfolios named before the office as they are after it ("National Unity Minister",
    // "Rural Development Minister", "Human Resources Minister", "Civil Aviation Minister").
    "unity", "rural", "urban", "local", "works", "food", "electricity", "employment", "manpower", "migration", "diaspora",
    "overseas", "enterprise", "entrepreneur", "innovation", "research", "sport", "roads", "highways", "ports", "shipping",
    "civil", "telecommunications", "mines", "minerals", "hydrocarbons", "livestock", "reconciliation", "integration",
    "population", "children", "family", "human", "rights", "plantation", "commodities", "religious", "cooperatives",
    "solidarity", "humanitarian", "reconstruction", "equality", "administration", "reform", "heritage", "arts", "media",
    "customs", "revenue", "budget", "forestry",
    // Legislatures named in their own languages before their officers ("Dewan Rakyat
    // Speaker", "Lok Sabha Speaker", "Rajya Sabha Chairman").
    "dewan", "rakyat", "lok", "rajya", "sabha",
];

/// Legislatures whose own name tells the state they sit in ("the former Bundestag President
/// X", "the Chairman of the Foreign Affairs Committee of the Sejm"); "Majlis" and "Bundesrat"
/// are several states'. Their names are title modifiers too ("Knesset Speaker").
pub const LEGISLATURES: &[(&str, &str)] = &[
    ("bundestag", "DE"), ("knesset", "IL"), ("duma", "RU"), ("sejm", "PL"), ("rada", "UA"), ("riksdag", "SE"),
    ("storting", "NO"), ("folketing", "DK"), ("seimas", "LT"), ("saeima", "LV"), ("riigikogu", "EE"), ("sabor", "HR"),
    ("eduskunta", "FI"), ("althing", "IS"), ("oireachtas", "IE"), ("sangsad", "BD"), ("khural", "MN"), ("kenesh", "KG"),
    ("mazhilis", "KZ"),
];

/// Words allowed in an "of/for ..." complement that belongs to the title
/// ("Minister of Foreign Affairs", "Director of the Office of the ... Commission").
pub const COMPLEMENT_WORDS: &[&str] = &[
    "foreign", "affairs", "trade", "defense", "defence", "finance", "economy", "economic", "development",
    "commerce", "interior", "home", "justice", "health", "education", "culture", "energy", "agriculture",
    "industry", "information", "state", "national", "international", "external", "public", "security", "office",
    "commission", "committee", "council", "cabinet", "ministry", "party", "communist", "political", "bureau",
    "central", "people's", "congress", "assembly", "parliament", "senate", "union", "department", "general",
    "staff", "planning", "investment", "infrastructure", "transport", "tourism", "youth", "sports", "science",
    "technology", "environment", "labour", "labor", "social", "welfare", "water", "resources", "natural",
    "mines", "petroleum", "oil", "gas", "emergency", "situations", "legislative", "federal", "supreme",
    "consultative", "conference", "standing", "relations", "cooperation", "treasury", "the", "and", "of", "for",
    // Argentina's "Minister of Foreign Affairs and Worship"; ministers of religious affairs.
    "worship", "religious",
    // "Advisor for Special Affairs" (the UAE's), "Minister of Special Duties" (Nigeria's).
    "special", "duties",
    // National legislatures by their own names ("Chairman of the Foreign Affairs Committee of
    // the Polish Sejm", "Speaker of the Knesset").
    "sejm", "knesset", "bundestag", "bundesrat", "riksdag", "storting", "folketing", "majlis", "rada", "seimas",
    "saeima", "riigikogu", "sabor", "eduskunta", "althing", "oireachtas", "sangsad", "sabha", "khural", "kenesh", "mazhilis",
    "jirga", "legislature",
    // Chambers of parliaments ("President of the Chamber of Deputies", "Speaker of the House of Representatives").
    "chamber", "deputies", "representatives", "house", "lords", "commons", "duma", "presidency", "government",
    // Portfolios and departments of ministries worldwide.
    "regional", "agencies", "mechanisms", "organizations", "organisations", "multilateral", "bilateral", "consular",
    "protocol", "policy", "strategy", "change", "peoples", "media", "communication", "communications", "armed", "forces", "navy", "army", "police",
    "customs", "revenue", "budget", "forestry", "climate", "heritage", "arts", "women", "children", "family",
    "human", "rights", "veterans", "employment", "migration", "diaspora", "overseas", "enterprise", "enterprises", "resource",
    "innovation", "research", "higher", "sport", "exchequer", "ocean", "oceans", "marine", "roads", "highways", "ports", "shipping", "civil", "aviation",
    "telecommunications", "electricity", "power", "mineral", "minerals", "mining", "hydrocarbons", "fisheries",
    "livestock", "food", "rural", "urban", "local", "administration", "reform", "governance", "bank", "reserve",
    "monetary", "intelligence", "industrial", "digital", "transformation", "advanced", "defense", "veterans",
    // "Minister of the Presidential Court" (the UAE's).
    "presidential",
    // Councils and courts of states in the Middle East and Africa ("High Council for National
    // Reconciliation", "Royal Court", "Amiri Diwan", "Shura Council").
    "high", "reconciliation", "peace", "royal", "court", "diwan", "amiri", "shura", "consultative",
    // Ministries of foreign affairs that also serve citizens abroad ("Foreign and Expatriates
    // Affairs", "Foreign Affairs, Emigration and Egyptian Expatriates", "African Cooperation").
    "expatriates", "expatriate", "emigration", "emigrants", "african", "abroad", "nationals", "community", "communities",
    // "Minister of Health and Population", "Assistant Secretary of State for Near Eastern Affairs".
    "population", "near",
    // Regional portfolios of foreign ministries ("Minister for Europe and Foreign Affairs",
    // "Minister of Foreign and European Affairs", "Assistant Secretary for South and
    // Central Asian Affairs", "Minister of State for the Middle East and North Africa").
    "commonwealth", "europe", "european", "integration", "enlargement", "asian", "asia", "pacific", "south", "north", "east",
    "west", "eastern", "western", "southern", "northern", "middle", "americas", "hemisphere",
    // The same portfolios named by a region's adjective ("Assistant Secretary of State for
    // European and Eurasian Affairs", "Minister for Nordic Cooperation", "Minister of State
    // for Euro-Atlantic Integration"; not "Latin", which would end "Latin American" states'
    // groupings on a name).
    "eurasian", "eurasia", "nordic", "baltic", "mediterranean", "atlantic", "euro-atlantic", "southeast", "arab",
    // Continents and subregions such portfolios name ("Deputy Assistant Secretary for East
    // Africa and the Sudans", "Director for the Caribbean", "Special Envoy for the Sahel").
    "africa", "america", "oceania", "caribbean", "sudans", "horn", "sahel", "balkans", "arctic", "gulf",
    // Home, social and works portfolios of cabinets everywhere ("Minister for Policing and
    // Communications", "Minister for Immigration", "Assistant Minister for Agriculture and
    // Waterways", "Minister for Finance, Commerce and Business Development").
    "immigration", "citizenship", "policing", "waterways", "business", "housing", "works", "lands", "construction",
    "municipal", "cities", "tribal", "indigenous", "islands", "maritime", "coastal", "wildlife", "parks", "sanitation",
    "irrigation", "cooperatives", "entrepreneurship", "statistics", "gender", "equality", "disability", "pensions",
    "solidarity", "humanitarian", "disaster", "relief", "refugees", "religious", "endowments", "awqaf", "hajj",
    "guidance", "broadcasting", "vocational", "training", "schools", "universities", "railways", "utilities",
    "hospitality", "antiquities", "culture", "recreation", "decentralisation", "decentralization", "parliamentary",
    "constitutional", "prisons", "correctional", "homeland", "border", "borders", "agrarian", "conservation",
    "ecology", "meteorology", "aerospace", "sustainable", "renewable", "waste", "sciences", "skills",
];

/// Name particles that may sit inside a name ("Juan Ramon de la Fuente", "Masud bin Momen").
pub const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "della", "da", "dos", "das", "do", "du", "van", "von", "der", "den", "bin", "ibn", "al",
    "el", "le", "di", "y", "ter", "binti", "bint",
];

/// Honorifics skipped before a name ("President Dr Arif Alvi"): courtesy styles
/// of the protocol of many states, which are neither name nor title.
pub const HONORIFICS: &[&str] = &[
    "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mme", "madame", "mister", "monsieur", "h.e.",
    "h.h.", "hh", "h.m.", "h.r.h.", "hrh",
    // Copy that drops the last stop: "H.E Cyril Ramaphosa" (East African state houses).
    "h.e", "h.h", "h.m", "prof", "prof.", "professor", "excellency", "majesty", "highness", "hon",
    "hon.", "honourable", "honorable", "sir", "dame", "shri", "shree", "smt", "smt.", "datuk", "dato", "datin",
    "samdech", "samdach", "bapak", "ibu", "comrade", "engr", "engr.", "eng", "eng.",
    // Peerages as styles ("Baroness Patricia Scotland, Secretary-General of the Commonwealth").
    "baroness", "baron", "lord", "lady",
    // Kenya and others style former envoys "Amb." before any office ("Cabinet Secretary Amb. X").
    "amb", "amb.",
    // West and East African protocol: "Madam X, the Minister for ...", "Alhaji X".
    "madam", "alhaji", "alhaja",
    // "Rt Winston Peters": Pacific and Commonwealth copy shortens "Rt Hon" to "Rt".
    "rt", "rt.",
    // A profession opening a sentence before the name ("Economist Diana X, who has been
    // confirmed as ..."): a description, never the name's first word.
    "economist", "lawyer", "businessman", "businesswoman", "journalist", "activist", "academic", "banker",
];

/// Words that continue a courtesy style only right after one ("Datuk Seri",
/// "Dato' Sri", "Samdech Akka Moha Sena Padei Techo"); "Sri" alone opens names
/// ("Sri Mulyani Indrawati").
pub const HONORIFIC_SEQUELS: &[&str] = &["seri", "sri", "paduka", "techo", "akka", "moha", "sena", "padei", "thipadei"];

/// Armed forces ranks as copy abbreviates them before a name ("Lt. Gen.", "Brig. Gen.", "Adm.").
pub const RANK_ABBREVIATIONS: &[&str] = &["gen", "lt", "maj", "brig", "col", "adm", "capt", "cdr", "cmdr", "sgt", "cpl", "ltgen", "mg"];

/// Two-word courtesy styles whose first word is also a name ("Tan Sri" beside
/// the surname Tan, "Puan Sri").
pub const HONORIFIC_PAIRS: &[(&str, &str)] = &[("tan", "sri"), ("puan", "sri"), ("toh", "puan"), ("right", "honourable"), ("right", "honorable"), ("rt", "hon")];

/// Styles that honour a person by descent or learning but are also borne as a
/// name ("Sheikh Hasina"): a style only before a name of two or more words.
/// Myanmar's "U" and "Daw", Malaysia's "Tun", Pakistan's "Makhdoom" and Fiji's chiefly
/// "Ratu" are such styles too ("Daw Aung San Suu Kyi", "Ratu Inoke Kubuabola").
pub const NAME_STYLES: &[&str] = &["sheikh", "shaikh", "sheikha", "sheik", "sayyid", "u", "daw", "tun", "makhdoom", "ratu"];

/// The Arab courtesy style, which Gulf copy also puts before a given name alone.
pub const ARAB_STYLES: &[&str] = &["sheikh", "shaikh", "sheikha", "sheik", "shaikha"];

/// Given names that carry "Sheikh" as part of the person's own name ("Sheikh Hasina").
pub const STYLE_BEARERS: &[&str] = &["hasina", "rehana"];

/// Letters after a name that are honours or seats, not name ("Ana Vera MP").
pub const POST_NOMINALS: &[&str] = &["mp", "mna", "mla", "mpa", "mep", "qc", "kc", "obe", "cbe", "kbe", "mbe", "gcmg", "kcmg", "cmg", "phd"];

/// Capitalised words that never belong to a person's name.
pub const NAME_STOP: &[&str] = &[
    "the", "a", "an", "on", "in", "at", "and", "or", "of", "for", "with", "to", "by", "from", "as", "but", "that",
    "this", "these", "those", "he", "she", "it", "we", "they", "his", "her", "its", "our", "their", "i", "you",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "here", "there",
    "also", "during", "after", "before", "when", "while", "meanwhile", "however", "both", "all", "said", "says",
    // Adverbs opening a sentence without a comma ("Later Aliyev received ...").
    "later", "earlier", "separately", "subsequently", "afterwards", "afterward", "thereafter", "additionally",
    "moreover", "furthermore", "likewise", "similarly", "previously", "recently", "then", "finally", "lastly",
    "government", "ministry", "republic", "kingdom", "state", "states", "people", "party", "committee", "council",
    "office", "department", "university", "port", "city", "province", "region", "embassy", "general", "assembly",
    "parliament", "sejm", "knesset", "duma", "bundestag", "riksdag", "storting", "majlis", "rada", "saeima", "riigikogu", "legislature",
    "summit", "forum", "initiative", "belt", "road", "xinhua", "reuters", "ap", "afp", "ians", "pti",
    "president", "minister", "premier", "ambassador", "secretary", "foreign", "prime", "vice", "deputy",
    "chairman", "visiting", "former", "his", "excellency", "central", "political", "bureau", "national",
    "communist", "international", "cooperation", "organization", "organisation", "economic", "corridor",
    "photo", "file", "news", "agency", "press", "service", "website", "global", "south", "north", "east", "west",
    // Continents: places, never a person's name ("... for East Africa").
    "africa", "america", "americas", "asia", "europe", "oceania",
    // Season's greetings after an office ("wished the Deputy Secretary Happy Christmas").
    "happy", "merry", "christmas", "greetings", "congratulations", "condolences",
    // Web page furniture copied inline with the story ("Story Highlights Prime Minister X ...").
    "highlights", "advertisement", "related",
];

/// Nouns that end the capitalised name of an event or body ("Foreign Ministers
/// Meeting", "Golden Jubilee", "UN Verification Mission"): never a name word,
/// and the capitalised words before them are no person's name.
pub const EVENT_NOUNS: &[&str] = &[
    "meeting", "meetings", "conference", "jubilee", "mission", "ceremony", "anniversary", "session", "dialogue",
    "delegation", "talks", "celebration", "celebrations", "festival", "expo", "exhibition", "declaration",
    "agreement", "treaty", "communique", "summit", "forum", "initiative", "corridor", "team",
    // "the Cross Year of Kyrgyzstan and Russia", "the Year of Culture": a themed year.
    "year",
    // Gatherings by their format ("the Forum Special Leaders Retreat", "the ASEAN Leaders'
    // Retreat", "a State Banquet", "the Shangri-La Dialogue Roundtable").
    "retreat", "symposium", "seminar", "workshop", "roundtable", "banquet", "luncheon",
];

/// Days of the week, lowercase.
pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
pub const MONTH_NAMES: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Kinds of ship: capitalised words that make a vessel's name ("the Queen Elizabeth
/// Aircraft Carrier"), never a person's.
pub const VESSEL_NOUNS: &[&str] = &["aircraft", "carrier", "frigate", "destroyer", "submarine", "warship", "cruiser", "corvette"];

/// Reporting verbs, as (form, lemma). Multi-word verbs are written with spaces.
pub const REPORTING_VERBS: &[(&str, &str)] = &[
    // "..., the president's press service reported", "the press service informed TASS that".
    ("reported", "report"), ("reports", "report"), ("informed", "inform"),
    // "The statement reads that ...": a document's wording (attribution takes it from documents only).
    ("reads", "read"),
    // '"...," read a statement published by the Saudi Press Agency': the past of the same.
    ("read", "read"),
    ("said", "say"), ("says", "say"), ("saying", "say"), ("say", "say"), ("told", "tell"), ("tells", "tell"), ("telling", "tell"),
    ("noted", "note"), ("notes", "note"), ("noting", "note"), ("stressed", "stress"), ("stresses", "stress"),
    ("added", "add"), ("adds", "add"), ("reiterated", "reiterate"), ("reiterates", "reiterate"),
    ("expressed", "express"), ("expresses", "express"), ("urged", "urge"), ("urges", "urge"),
    ("called", "call"), ("calls", "call"), ("hoped", "hope"), ("hopes", "hope"), ("welcomed", "welcome"),
    ("welcomes", "welcome"), ("thanked", "thank"), ("thanks", "thank"), ("pledged", "pledge"),
    ("pledges", "pledge"), ("agreed", "agree"), ("agrees", "agree"), ("pointed", "point out"),
    ("points", "point out"), ("emphasized", "emphasize"), ("emphasised", "emphasize"), ("emphasizes", "emphasize"),
    ("emphasises", "emphasize"), ("highlighted", "highlight"), ("highlights", "highlight"),
    ("underlined", "underline"), ("underscored", "underscore"), ("affirmed", "affirm"), ("affirms", "affirm"),
    ("reaffirmed", "reaffirm"), ("reaffirms", "reaffirm"), ("praised", "praise"), ("praises", "praise"),
    ("commended", "commend"), ("commends", "commend"), ("congratulated", "congratulate"),
    ("congratulates", "congratulate"), ("conveyed", "convey"), ("conveys", "convey"), ("asked", "ask"),
    ("believes", "believe"), ("believed", "believe"), ("expects", "expect"), ("remembered", "remember"),
    ("recalled", "recall"), ("recalls", "recall"), ("informed", "inform"), ("spoke", "speak"),
    ("appreciated", "appreciate"), ("voiced", "voice"), ("proposed", "propose"), ("proposes", "propose"),
    ("suggested", "suggest"), ("maintained", "maintain"), ("warned", "warn"), ("warns", "warn"),
    ("insisted", "insist"), ("acknowledged", "acknowledge"), ("announced", "announce"), ("announces", "announce"),
    ("declared", "declare"), ("assured", "assure"), ("promised", "promise"), ("vowed", "vow"), ("vows", "vow"),
    ("hailed", "hail"), ("hails", "hail"), ("lauded", "laud"), ("described", "describe"), ("extended", "extend"),
    ("briefed", "brief"), ("explained", "explain"), ("asserted", "assert"), ("observed", "observe"),
    ("stated", "state"), ("states", "state"), ("remarked", "remark"), ("mentioned", "mention"), ("wrote", "write"),
    ("quoted", "quote"), ("according", "according to"), ("stressing", "stress"), ("adding", "add"),
    ("requested", "request"), ("requests", "request"), ("reiterating", "reiterate"), ("underscoring", "underscore"),
    ("expressing", "express"), ("condemned", "condemn"), ("criticized", "criticize"), ("criticised", "criticize"),
    ("rejected", "reject"), ("opposed", "oppose"), ("supported", "support"), ("confirmed", "confirm"),
    ("confirms", "confirm"), ("argued", "argue"), ("claimed", "claim"), ("denied", "deny"), ("replied", "reply"),
    ("responded", "respond"), ("answered", "answer"), ("invited", "invite"), ("wished", "wish"),
    ("congratulating", "congratulate"), ("calling", "call"), ("urging", "urge"), ("highlighting", "highlight"),
    ("emphasizing", "emphasize"), ("emphasising", "emphasize"), ("pledging", "pledge"), ("hoping", "hope"),
    ("welcoming", "welcome"), ("thanking", "thank"), ("vowing", "vow"), ("describing", "describe"),
    ("promising", "promise"), ("citing", "cite"), ("affirming", "affirm"), ("reaffirming", "reaffirm"),
    ("warning", "warn"), ("praising", "praise"), ("insisting", "insist"), ("recalling", "recall"),
    ("raised", "raise"), ("raises", "raise"),
    // Readout verbs: a readout reports each side's words by what they did with them.
    ("sought", "seek"), ("seeks", "seek"), ("seeking", "seek"), ("referred", "refer to"), ("refers", "refer to"),
    ("encouraged", "encourage"), ("encourages", "encourage"), ("offered", "offer"), ("offers", "offer"),
    ("outlined", "outline"), ("indicated", "indicate"), ("recognized", "recognize"), ("recognised", "recognize"),
    ("applauded", "applaud"), ("endorsed", "endorse"), ("demanded", "demand"), ("protested", "protest"),
    ("cautioned", "caution"), ("underlines", "underline"), ("underscores", "underscore"), ("attributable", "attribute"),
    ("maintains", "maintain"), ("criticizes", "criticize"), ("criticises", "criticize"), ("rejects", "reject"),
    ("condemns", "condemn"), ("opposes", "oppose"), ("supports", "support"), ("repeated", "repeat"),
    ("reassured", "reassure"), ("conceded", "concede"), ("admitted", "admit"), ("admits", "admit"),
    // "X termed his meeting with Y “fruitful”" (South Asian English); "He continued, “...": see attribution.
    ("termed", "term"), ("continued", "continue"), ("went", "continue"),
    // "Lavrov also reminded that ..." (translated releases); "twitted" is East African English's "tweeted".
    ("reminded", "remind"), ("reminds", "remind"), ("twitted", "write"), ("tweeted", "write"), ("posted", "write"),
    ("advocated", "advocate"), ("advocates", "advocate"), ("commented", "comment"), ("comments", "comment"),
    ("disclosed", "disclose"), ("revealed", "reveal"), ("clarified", "clarify"), ("elaborated", "elaborate"),
    ("restated", "reiterate"), ("restates", "reiterate"), ("updated", "update"), ("updates", "update"),
    // Translated releases: "highly appraised the relations" for "praised".
    ("appraised", "praise"),
    // "X also used the occasion to thank Y", "took the opportunity to reiterate": the verb
    // after is the one said (attribution takes it from there).
    ("used", "use"), ("took", "take"), ("uses", "use"), ("takes", "take"),
    // "The UK foreign secretary also lent her support for the G20 presidency."
    ("lent", "support"), ("lends", "support"),
];

/// The lemma of a reporting verb written in its base form ("to thank"), if it is one.
pub fn base_reporting_verb(low: &str) -> Option<&'static str> {
    REPORTING_VERBS.iter().find(|(_, lemma)| *lemma == low).map(|(_, lemma)| *lemma)
}

/// Verbs that make a state ("China", "the Kyrgyz side") a speaker when it is the subject.
pub const STATE_VERBS: &[&str] = &[
    "said", "says", "reiterated", "reiterates", "expressed", "expresses", "stressed", "stresses", "welcomed",
    "welcomes", "thanked", "thanks", "requested", "requests", "reaffirmed", "reaffirms", "urged", "urges",
    "announced", "announces", "stated", "states", "condemned", "rejected", "hopes", "hoped", "noted", "notes",
    "emphasized", "emphasizes", "emphasised", "called", "calls", "declared", "warned", "appreciated",
    "criticized", "criticised", "criticizes", "maintained", "maintains", "protested", "demanded", "denied",
    "opposed", "opposes", "supports", "supported", "affirmed", "insisted", "rejects", "condemns", "sought",
    "confirmed", "added", "told", "saying", "underscored", "underlined", "highlighted", "pledged", "vowed",
    "made", "issued", "filed", "lodged", "delivered", "released", "raised", "raises", "reported", "informed",
    "congratulated", "congratulates", "praised", "praises", "commended", "commends",
    "mentioned",
    // "The Ministry of Foreign Affairs, in a Facebook post, disclosed that ...".
    "disclosed", "discloses", "revealed", "reveals", "explained", "explains", "clarified", "clarifies",
];

/// Extra verbs for joint subjects ("the two sides agreed", "X and Y considered").
/// Discussing or exchanging views is not a stance, so "discussed" is not here.
/// "discussed" and "exchanged views" state no stance by themselves, but what the parties
/// discussed "ways to strengthen" is theirs together (topics decides the stance).
pub const JOINT_VERBS: &[&str] = &[
    "agreed", "agree", "concurred", "concur", "renewed", "considered", "placed", "vowed", "decided", "pledged", "reaffirmed", "affirmed", "discussed", "debated", "deliberated",
    "exchanged", "shared", "reviewed", "looked", "explored", "committed", "resolved",
    // "The sides touched upon the possibilities of deepening ...": translated releases.
    "touched",
];

/// Words standing between a subject and its reporting verb ("Wang also said",
/// "Mnangagwa on Sunday met", "Rahmon reportedly emphasized").
pub const GAP_WORDS: &[&str] = &[
    "also", "further", "then", "first", "once", "again", "in", "turn", ",", "for", "his", "her", "their", "part",
    "on", "the", "of", "afternoon", "morning", "evening", "night", "here", "has", "have", "had", "was", "is", "were",
    "separately", "later", "earlier", "today", "yesterday", "would", "will", "could", "may", "might", "respectively",
    "both", "all", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "as", "well", "not",
    "only", "however", "meanwhile", "too", "who", "at", "time", "same", "this", "week", "therefore", "thus",
    "long", "already", "still", "never", "always", "just", "even",
    "nevertheless", "accordingly", "hence", "likewise", "similarly",
];

/// Words skipped between a country adjective and a title ("visiting Chinese ...", "new Foreign Minister").
pub const PRE_TITLE_SKIP: &[&str] = &["visiting", "new", "then", "newly", "elected", "two", "three", "both", "incumbent", "top"];

pub const F_HEAD: u32 = 1;
pub const F_MOD: u32 = 2;
pub const F_COMPL: u32 = 4;
pub const F_STOP: u32 = 8;
pub const F_PARTICLE: u32 = 16;
pub const F_HONORIFIC: u32 = 32;
pub const F_GAP: u32 = 64;
pub const F_PRE_SKIP: u32 = 128;
pub const F_PLURAL_HEAD: u32 = 256;
pub const F_VERB: u32 = 512;
pub const F_MEET: u32 = 1024;
/// Words that open a title phrase before its country or title ("the", "former", "ex").
pub const F_TITLE_OPENER: u32 = 2048;
/// Set once `F_GAZ` has been computed for the token.
pub const F_GAZ_CHECKED: u32 = 1 << 30;
/// The word (or its stem) starts some gazetteer phrase.
pub const F_GAZ: u32 = 1 << 31;

/// Words that can name an encounter (the gate before the meeting grammar runs).
pub const MEETING_WORDS: &[&str] = &[
    "phone", "telephone", "phoned", "telephoned", "phone-call", "telephonic", "video", "videoconference", "virtual", "video-link",
    "videolink", "message", "messages", "letter", "letters", "attended", "attends", "talks", "met", "meets",
    "received", "receives", "hosted", "hosts", "meeting", "meetings", "consultation", "consultations", "called",
    "calls", "spoke", "spoken", "speaks", "talked", "speak", "visited", "visits", "paid", "pays", "paying", "visit",
    "attending", "participated", "participating", "part", "courtesy", "conferred", "confers", "discussion",
    "discussions", "views", "conversation", "call", "discussed", "credentials", "credence", "receiving", "hosting",
    "chat", "chats", "chatted", "welcome", "reception", "audience", "attend", "welcomed", "greeted",
];

/// A small, fast hasher for short lowercase words (the std SipHash dominates
/// look-ups of 3-10 byte keys done for every token).
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl std::hash::Hasher for Fx {
    /// Eight bytes per multiply: a byte at a time cost more than the probe.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut x = 0u64;
            for (i, b) in rest.iter().enumerate() {
                x |= (*b as u64) << (8 * i);
            }
            h = (h.rotate_left(5) ^ x).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<Fx>;

/// A 65,536-bit filter of words, asked before a map at every token: a word whose
/// bit is unset was never inserted, and its look-up is skipped. `of_words` keys a
/// word by its first three bytes and length; `of_heads` by its first three bytes
/// only, so every word sharing them with an inserted one passes (for prefixes).
#[derive(Clone)]
pub struct WordFilter {
    bits: Box<[u64; 1024]>,
    by_length: bool,
}

impl std::fmt::Debug for WordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        write!(f, "WordFilter({set} bits set)")
    }
}

impl WordFilter {
    pub fn of_words() -> Self {
        WordFilter { bits: Box::new([0; 1024]), by_length: true }
    }

    pub fn of_heads() -> Self {
        WordFilter { bits: Box::new([0; 1024]), by_length: false }
    }

    pub fn insert(&mut self, w: &str) {
        let x = self.bit(w);
        self.bits[x >> 6] |= 1 << (x & 63);
    }

    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let x = self.bit(w);
        self.bits[x >> 6] & (1 << (x & 63)) != 0
    }

    #[inline]
    fn bit(&self, w: &str) -> usize {
        let b = w.as_bytes();
        let lead3 = match b {
            [a, b, c, ..] => *a as u32 | (*b as u32) << 8 | (*c as u32) << 16,
            [a, b] => *a as u32 | (*b as u32) << 8,
            [a] => *a as u32,
            [] => 0,
        };
        let len = if self.by_length { (b.len().min(255) as u32) << 24 } else { 0 };
        ((lead3 ^ len).wrapping_mul(0x9e37_79b1) >> 16) as usize
    }
}

/// A read-only map from words to values for the per-token look-ups. A word of
/// up to 24 bytes is read as three machine words (no byte loop), hashed with
/// a few multiplies and compared as integers; longer words also compare their text.
#[derive(Clone)]
pub struct WordMap<V> {
    /// Open addressing, load at most one half: 0 is empty, else entry index + 1.
    slots: Box<[u32]>,
    shift: u32,
    entries: Vec<(WordKey, Box<str>, V)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct WordKey([u64; 3], usize);

impl WordKey {
    /// Injective for words of up to 24 bytes (the loads overlap, but the
    /// length tells which bytes each one covers).
    #[inline]
    fn of(w: &[u8]) -> WordKey {
        let n = w.len();
        let ld8 = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap());
        let ld4 = |i: usize| u32::from_le_bytes(w[i..i + 4].try_into().unwrap()) as u64;
        let k = if n >= 16 {
            [ld8(0), ld8(8), ld8(n - 8)]
        } else if n >= 8 {
            [ld8(0), ld8(n - 8), 0]
        } else if n >= 4 {
            [ld4(0) | ld4(n - 4) << 32, 0, 0]
        } else if n > 0 {
            [w[0] as u64 | (w[n / 2] as u64) << 8 | (w[n - 1] as u64) << 16, 0, 0]
        } else {
            [0, 0, 0]
        };
        WordKey(k, n)
    }

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c] = self.0;
        (a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f) ^ c.wrapping_mul(0x1656_67b1_9e37_79f9) ^ self.1 as u64)
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
    }
}

impl<V> WordMap<V> {
    /// Builds the map; a word given twice keeps its last value.
    pub fn new<K: AsRef<str>>(items: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut m = WordMap { slots: Box::new([0; 2]), shift: 63, entries: Vec::new() };
        for (k, v) in items {
            let k = k.as_ref();
            match m.index(k) {
                Some(i) => m.entries[i].2 = v,
                None => {
                    m.entries.push((WordKey::of(k.as_bytes()), k.into(), v));
                    if m.entries.len() * 2 > m.slots.len() {
                        m.rehash(m.slots.len() * 2);
                    } else {
                        m.place(m.entries.len() - 1);
                    }
                }
            }
        }
        m
    }

    fn rehash(&mut self, size: usize) {
        self.slots = vec![0; size].into_boxed_slice();
        self.shift = 64 - size.trailing_zeros();
        for i in 0..self.entries.len() {
            self.place(i);
        }
    }

    fn place(&mut self, i: usize) {
        let mask = self.slots.len() - 1;
        let mut x = (self.entries[i].0.hash() >> self.shift) as usize;
        while self.slots[x] != 0 {
            x = (x + 1) & mask;
        }
        self.slots[x] = i as u32 + 1;
    }

    #[inline]
    fn index(&self, w: &str) -> Option<usize> {
        let k = WordKey::of(w.as_bytes());
        let mask = self.slots.len() - 1;
        let mut x = (k.hash() >> self.shift) as usize;
        loop {
            let slot = self.slots[x];
            if slot == 0 {
                return None;
            }
            let e = &self.entries[slot as usize - 1];
            if e.0 == k && (k.1 <= 24 || &*e.1 == w) {
                return Some(slot as usize - 1);
            }
            x = (x + 1) & mask;
        }
    }

    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        self.index(w).map(|i| &self.entries[i].2)
    }

    #[inline]
    pub fn contains_key(&self, w: &str) -> bool {
        self.index(w).is_some()
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for WordMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|e| (&*e.1, &e.2))).finish()
    }
}

/// The word lists as look-up tables; `lex()` gives it to callers that look up
/// many words in a row (the tokenizer), so they check its initialisation once.
pub struct Lex {
    flags: WordMap<u32>,
    /// `flags` of the ASCII words of at most 16 bytes, for the tokenizer.
    short: ShortFlags,
    /// Bit per shape (first and last byte, length; see `shape`) of every word in
    /// `flags`: most words of a text (names, numbers, long words) miss here and
    /// skip the hash.
    shapes: [u64; 256],
    verbs: WordMap<&'static str>,
    plurals: WordMap<&'static str>,
    heads: WordMap<&'static str>,
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let mut flags: HashMap<&'static str, u32, FxBuild> = HashMap::default();
    for (list, f) in [
        (TITLE_HEADS, F_HEAD),
        (TITLE_MODIFIERS, F_MOD),
        (COMPLEMENT_WORDS, F_COMPL),
        (NAME_STOP, F_STOP),
        (EVENT_NOUNS, F_STOP),
        (NAME_PARTICLES, F_PARTICLE),
        (HONORIFICS, F_HONORIFIC),
        (GAP_WORDS, F_GAP),
        (PRE_TITLE_SKIP, F_PRE_SKIP),
    ] {
        for w in list {
            *flags.entry(*w).or_insert(0) |= f;
        }
    }
    for (w, _) in LEGISLATURES {
        *flags.entry(*w).or_insert(0) |= F_MOD;
    }
    let verbs = WordMap::new(REPORTING_VERBS.iter().copied());
    let mut plurals: HashMap<String, &'static str, FxBuild> = HashMap::default();
    for h in TITLE_HEADS {
        let p = match h.strip_suffix('y') {
            Some(stem) => format!("{stem}ies"),
            None => format!("{h}s"),
        };
        let leaked: &'static str = Box::leak(p.clone().into_boxed_str());
        *flags.entry(leaked).or_insert(0) |= F_PLURAL_HEAD;
        plurals.insert(p, h);
    }
    // "his peers from Argentina and Brazil, A and B": Latin American releases in
    // translation write "peer" for counterpart.
    *flags.entry("peer").or_insert(0) |= F_HEAD;
    *flags.entry("peers").or_insert(0) |= F_PLURAL_HEAD;
    plurals.insert("peers".to_string(), "counterpart");
    for (v, _) in REPORTING_VERBS {
        *flags.entry(*v).or_insert(0) |= F_VERB;
    }
    for w in MEETING_WORDS {
        *flags.entry(*w).or_insert(0) |= F_MEET;
    }
    for w in ["the", "former", "ex"] {
        *flags.entry(w).or_insert(0) |= F_TITLE_OPENER;
    }
    let mut shapes = [0u64; 256];
    for w in flags.keys() {
        let x = shape(w);
        shapes[x >> 6] |= 1 << (x & 63);
    }
    let short = ShortFlags::new(flags.iter().map(|(w, f)| (*w, *f)));
    let flags = WordMap::new(flags);
    let plurals = WordMap::new(plurals);
    let heads = WordMap::new(TITLE_HEADS.iter().map(|h| (*h, *h)).chain([("peer", "counterpart")]));
    Lex { flags, short, verbs, plurals, heads, shapes }
});

/// 14 bits from the low five bits of the first and last byte (which tell the
/// letters apart) and the low four of the length: a first letter and a length
/// alone are shared by some lexicon word for most words of a text.
#[inline(always)]
fn shape(w: &str) -> usize {
    let b = w.as_bytes();
    let (first, last) = match b {
        [] => (0, 0),
        [f, .., l] => (*f, *l),
        [f] => (*f, *f),
    };
    (first as usize & 31) | (last as usize & 31) << 5 | (b.len() & 15) << 10
}

/// The lexicon, initialised.
#[inline]
pub fn lex() -> &'static Lex {
    &LEX
}

impl Lex {
    /// The lexicon flags of a lowercase word.
    #[inline(always)]
    pub fn flags(&self, low: &str) -> u32 {
        let x = shape(low);
        if self.shapes[x >> 6] & (1 << (x & 63)) == 0 {
            return 0;
        }
        self.flags.get(low).copied().unwrap_or(0)
    }
}

/// Flags of the lexicon's ASCII words of at most 16 bytes, keyed by the word
/// zero-padded to 16 bytes and read as two little-endian machine words (no
/// word holds a zero byte, so the pair tells the words apart). The tokenizer
/// holds a short word that way after lowercasing it: one hash, no byte compare.
#[derive(Clone)]
struct ShortFlags {
    /// Open addressing, load at most one third: (low word, high word, flags);
    /// a zero low word is an empty slot.
    slots: Box<[(u64, u64, u32)]>,
    shift: u32,
}

impl ShortFlags {
    fn new<'a>(words: impl Iterator<Item = (&'a str, u32)>) -> Self {
        let keys: Vec<(u64, u64, u32)> = words.filter_map(|(w, f)| padded(w).map(|(lo, hi)| (lo, hi, f))).collect();
        let size = (keys.len() * 3).next_power_of_two().max(2);
        let mut t = ShortFlags { slots: vec![(0, 0, 0); size].into_boxed_slice(), shift: 64 - size.trailing_zeros() };
        for k in keys {
            let x = t.probe(k.0, k.1);
            t.slots[x] = k;
        }
        t
    }

    #[inline]
    fn hash(lo: u64, hi: u64) -> u64 {
        (lo ^ hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The slot holding the key, or the empty slot where it would go.
    #[inline]
    fn probe(&self, lo: u64, hi: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut x = (Self::hash(lo, hi) >> self.shift) as usize;
        loop {
            let (a, b, _) = self.slots[x];
            if (a == lo && b == hi) || a == 0 {
                return x;
            }
            x = (x + 1) & mask;
        }
    }
}

/// An ASCII word of 1 to 16 bytes as `ShortFlags` keys it.
fn padded(w: &str) -> Option<(u64, u64)> {
    if w.is_empty() || w.len() > 16 || !w.is_ascii() {
        return None;
    }
    let mut b = [0u8; 16];
    b[..w.len()].copy_from_slice(w.as_bytes());
    Some((u64::from_le_bytes(b[..8].try_into().unwrap()), u64::from_le_bytes(b[8..].try_into().unwrap())))
}

impl Lex {
    /// `flags` of an ASCII word of 1 to 16 bytes given as its bytes zero-padded
    /// to 16 and read as two little-endian machine words.
    #[inline]
    pub fn flags_padded(&self, lo: u64, hi: u64) -> u32 {
        self.short.slots[self.short.probe(lo, hi)].2
    }
}

/// The lexicon flags of a lowercase word.
#[inline]
pub fn flags(low: &str) -> u32 {
    LEX.flags(low)
}

pub fn has(low: &str, f: u32) -> bool {
    flags(low) & f != 0
}

pub fn verb_lemma(low: &str) -> Option<&'static str> {
    LEX.verbs.get(low).copied()
}

/// The title head a lowercase word is, as `TITLE_HEADS` spells it.
pub fn title_head(low: &str) -> Option<&'static str> {
    LEX.heads.get(low).copied()
}

/// Singular of a plural head ("ministers" → "minister"), if it is one.
pub fn singular_head(low: &str) -> Option<&'static str> {
    LEX.plurals.get(low).copied()
}

pub fn is_head(low: &str) -> bool {
    has(low, F_HEAD)
}

pub fn is_modifier(low: &str) -> bool {
    has(low, F_MOD)
}

/// States and bodies an office may name by their initials.
const TITLE_ACRONYMS: &[&str] = &["us", "usa", "uk", "un", "eu", "uae", "au", "asean", "nato", "sco", "brics", "wto", "who", "imf", "opec", "gcc", "oic", "apec", "sadc", "ecowas", "celac", "oas", "acs", "osce", "iaea", "unesco", "unicef", "unhcr"];

/// Title case for an office: "state councillor" → "State Councillor"; small words stay lower.
pub fn title_case(words: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && matches!(*w, "of" | "the" | "and" | "for" | "on" | "to") {
            out.push_str(w);
            continue;
        }
        // French elision stays lowercase: "Chargé d'Affaires".
        if let Some(rest) = w.strip_prefix("d'").filter(|r| !r.is_empty()) {
            out.push_str("d'");
            out.push_str(&title_case(&[rest]));
            continue;
        }
        // "Ambassador to the US", "Permanent Representative to the UN": a body's initials.
        // ... written with dots too ("Ambassador to U.S", "to the U.N.").
        let dotted = w.contains('.') && w.split('.').all(|p| p.len() <= 1);
        if i > 0 && (TITLE_ACRONYMS.contains(w) || dotted) {
            out.push_str(&w.to_uppercase());
            continue;
        }
        for (k, p) in w.split('-').enumerate() {
            if k > 0 {
                out.push('-');
            }
            // "President-elect", "Prime Minister-designate": the suffix stays lowercase.
            if k > 0 && matches!(p, "elect" | "designate") {
                out.push_str(p);
                continue;
            }
            let mut cs = p.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

/// Normalises a title: "Vice Minister of Foreign Affairs" → "Vice Foreign Minister".
pub fn canonical_title(words: &[&str]) -> String {
    // A list of portfolios keeps its commas ("Minister of Foreign Affairs, Emigration and ...").
    let t = title_case(words).replace(" ,", ",");
    let found = t.find("Minister of ").map(|p| (p, "Minister of ".len())).or_else(|| t.find("Minister for ").map(|p| (p, "Minister for ".len())));
    if let Some((pos, skip)) = found {
        let (pre, rest) = t.split_at(pos);
        // "Vice-Minister of Foreign Affairs" folds like "Vice Minister of ...".
        let pre = pre.strip_suffix('-').map(|p| format!("{p} ")).unwrap_or_else(|| pre.to_string());
        let comp = rest[skip..].trim_start_matches("the ");
        let comp_words: Vec<&str> = comp.split(' ').collect();
        // "State Minister for Foreign Affairs" (Bangladesh, Japan): a rank of its own, which
        // no one writes "State Foreign Minister".
        let state_rank = pre.trim_end().ends_with("State");
        if !state_rank && comp_words.len() <= 3 && comp_words.last() == Some(&"Affairs") && comp_words.len() >= 2 {
            let field = comp_words[..comp_words.len() - 1].join(" ");
            return format!("{pre}{field} Minister");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_in_a_title_stay_capitals() {
        assert_eq!(title_case(&["ambassador", "to", "u.s"]), "Ambassador to U.S");
        assert_eq!(title_case(&["ambassador", "to", "the", "us"]), "Ambassador to the US");
    }

    #[test]
    fn canonical_titles_fold_affairs_ministers() {
        assert_eq!(canonical_title(&["vice", "minister", "of", "foreign", "affairs"]), "Vice Foreign Minister");
        assert_eq!(canonical_title(&["minister", "of", "foreign", "affairs", "and", "foreign", "trade"]),
            "Minister of Foreign Affairs and Foreign Trade");
        assert_eq!(canonical_title(&["president-elect"]), "President-elect");
        assert_eq!(canonical_title(&["minister", "for", "foreign", "affairs"]), "Foreign Minister");
        assert_eq!(canonical_title(&["secretary-general"]), "Secretary-General");
        assert_eq!(canonical_title(&["ambassador", "to", "the", "us"]), "Ambassador to the US");
        assert_eq!(canonical_title(&["permanent", "representative", "to", "the", "un"]), "Permanent Representative to the UN");
        assert_eq!(canonical_title(&["vice-minister", "of", "foreign", "affairs"]), "Vice Foreign Minister");
        assert_eq!(canonical_title(&["state", "minister", "for", "foreign", "affairs"]), "State Minister for Foreign Affairs");
    }

    #[test]
    fn short_words_have_their_flags_by_padded_key() {
        for w in ["the", "minister", "said", "a", "vice-president", ",", "wang", "counterparts", "x", "videoconference"] {
            let (lo, hi) = padded(w).unwrap();
            assert_eq!(lex().flags_padded(lo, hi), flags(w), "{w}");
        }
        assert_eq!(padded("secretary-general"), None, "longer words are looked up by `flags`");
    }

    #[test]
    fn progressive_forms_of_readout_verbs_report() {
        assert_eq!(verb_lemma("seeking"), Some("seek"));
        // ", telling media it was natural ...".
        assert_eq!(verb_lemma("telling"), Some("tell"));
    }

    #[test]
    fn plural_heads_singularise() {
        assert_eq!(singular_head("ministers"), Some("minister"));
        assert_eq!(singular_head("secretaries"), Some("secretary"));
        assert_eq!(singular_head("minister"), None);
    }
}

/// Familiar forms of given names and the full names they stand for, as the English-language
/// press writes officials both ways ("Mike Pompeo", "Michael R. Pompeo").
const FAMILIAR_NAMES: &[(&str, &[&str])] = &[
    ("mike", &["michael"]), ("joe", &["joseph"]), ("tony", &["antony", "anthony"]), ("bill", &["william"]),
    ("bob", &["robert"]), ("rob", &["robert"]), ("jim", &["james"]), ("jimmy", &["james"]), ("tom", &["thomas"]),
    ("dick", &["richard"]), ("rick", &["richard"]), ("dan", &["daniel"]), ("steve", &["stephen", "steven"]),
    ("ben", &["benjamin"]), ("alex", &["alexander", "alexandre", "alejandro"]), ("sam", &["samuel"]),
    ("chris", &["christopher", "christian"]), ("nick", &["nicholas", "nicolas"]), ("ted", &["edward"]), ("ed", &["edward"]),
    ("andy", &["andrew"]), ("tim", &["timothy"]), ("matt", &["matthew"]), ("pat", &["patrick"]), ("liz", &["elizabeth"]),
    ("kate", &["katherine", "catherine"]), ("pete", &["peter"]), ("don", &["donald"]), ("ron", &["ronald"]),
    ("larry", &["lawrence"]), ("jerry", &["gerald"]), ("jack", &["john"]), ("greg", &["gregory"]), ("jeff", &["jeffrey"]),
    ("ken", &["kenneth"]), ("phil", &["philip", "phillip"]), ("dave", &["david"]), ("mick", &["michael"]), ("jen", &["jennifer"]),
];

/// Whether one of two given names is a familiar form of the other.
pub fn familiar_pair(a: &str, b: &str) -> bool {
    let full_of = |short: &str, full: &str| FAMILIAR_NAMES.iter().any(|(f, fulls)| *f == short && fulls.contains(&full));
    full_of(a, b) || full_of(b, a)
}
