//! Word lists of the pipeline: offices (title grammar), reporting verbs,
//! name particles and stop-words. General English/diplomatic vocabulary only.

/// Head nouns of an office, singular lowercase. `leader` and `counterpart` mark a
/// person without giving a title.
pub const TITLE_HEADS: &[&str] = &[
    "president", "vice-president", "president-elect", "premier", "vice-premier", "minister", "councilor",
    "councillor", "secretary", "secretary-general", "under-secretary-general", "ambassador", "envoy",
    "representative", "spokesperson", "spokesman", "spokeswoman", "chancellor", "vice-chancellor", "king", "queen",
    "prince", "princess", "emir", "amir", "sultan", "speaker", "chairman", "chairwoman", "chairperson", "director",
    "director-general", "governor", "mayor", "commissioner", "consul", "consul-general", "senator", "adviser",
    "advisor", "emperor", "monarch", "taoiseach", "ombudsman", "attaché", "chargé", "leader", "counterpart",
];

/// Heads that name a person but give no title.
pub const NO_TITLE_HEADS: &[&str] = &["leader", "counterpart"];

/// Words that can precede a head inside a title ("Deputy Prime Minister",
/// "State Councilor", "Foreign Minister", "Crown Prince").
pub const TITLE_MODIFIERS: &[&str] = &[
    "former", "deputy", "vice", "first", "second", "assistant", "acting", "senior", "special", "executive", "chief",
    "permanent", "interim", "crown", "prime", "state", "cabinet", "grand", "general", "foreign", "defense",
    "defence", "finance", "financial", "trade", "commerce", "interior", "home", "economy", "economic", "energy",
    "agriculture", "agricultural", "health", "education", "justice", "culture", "cultural", "labour", "labor",
    "transport", "transportation", "industry", "industrial", "environment", "environmental", "tourism",
    "information", "communications", "security", "development", "planning", "investment", "petroleum", "mining",
    "water", "youth", "sports", "science", "technology", "digital", "social", "public", "national", "affairs",
    "infrastructure", "treasury", "legal", "fisheries", "housing", "emergency", "immigration", "oil", "natural",
    "resources", "ecology", "aviation", "railways", "maritime", "border", "presidential", "royal", "chief",
    "executive", "party", "parliamentary", "high", "lead",
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
];

/// Name particles that may sit inside a name ("Juan Ramon de la Fuente", "Masud bin Momen").
pub const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "della", "da", "dos", "das", "do", "du", "van", "von", "der", "den", "bin", "ibn", "al",
    "el", "le", "di", "y", "ter", "binti", "bint",
];

/// Honorifics skipped before a name ("President Dr Arif Alvi").
pub const HONORIFICS: &[&str] = &["dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "h.e.", "prof", "prof."];

/// Capitalised words that never belong to a person's name.
pub const NAME_STOP: &[&str] = &[
    "the", "a", "an", "on", "in", "at", "and", "or", "of", "for", "with", "to", "by", "from", "as", "but", "that",
    "this", "these", "those", "he", "she", "it", "we", "they", "his", "her", "its", "our", "their", "i", "you",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "here", "there",
    "also", "during", "after", "before", "when", "while", "meanwhile", "however", "both", "all", "said", "says",
    "government", "ministry", "republic", "kingdom", "state", "states", "people", "party", "committee", "council",
    "office", "department", "university", "port", "city", "province", "region", "embassy", "general", "assembly",
    "parliament", "summit", "forum", "initiative", "belt", "road", "xinhua", "reuters", "ap", "afp", "ians", "pti",
    "president", "minister", "premier", "ambassador", "secretary", "foreign", "prime", "vice", "deputy",
    "chairman", "visiting", "former", "his", "excellency", "central", "political", "bureau", "national",
    "communist", "international", "cooperation", "organization", "organisation", "economic", "corridor",
    "photo", "file", "news", "agency", "press", "service", "website", "global", "south", "north", "east", "west",
];

/// Reporting verbs, as (form, lemma). Multi-word verbs are written with spaces.
pub const REPORTING_VERBS: &[(&str, &str)] = &[
    ("said", "say"), ("says", "say"), ("saying", "say"), ("say", "say"), ("told", "tell"), ("tells", "tell"),
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
];

/// Verbs that make a state ("China", "the Kyrgyz side") a speaker when it is the subject.
pub const STATE_VERBS: &[&str] = &[
    "said", "says", "reiterated", "reiterates", "expressed", "expresses", "stressed", "stresses", "welcomed",
    "welcomes", "thanked", "thanks", "requested", "requests", "reaffirmed", "reaffirms", "urged", "urges",
    "announced", "announces", "stated", "states", "condemned", "rejected", "hopes", "hoped", "noted", "notes",
    "emphasized", "emphasizes", "emphasised", "called", "calls", "declared", "warned", "appreciated",
];

/// Extra verbs for joint subjects ("the two sides agreed", "X and Y considered").
pub const JOINT_VERBS: &[&str] = &["agreed", "agree", "considered", "placed", "discussed", "exchanged", "vowed", "decided"];

pub fn verb_lemma(low: &str) -> Option<&'static str> {
    REPORTING_VERBS.iter().find(|(f, _)| *f == low).map(|(_, l)| *l)
}

/// Singular of a plural head ("ministers" → "minister"), if it is one.
pub fn singular_head(low: &str) -> Option<&'static str> {
    let cands = [low.strip_suffix("ies").map(|s| format!("{s}y")), low.strip_suffix('s').map(String::from)];
    cands.into_iter().flatten().find_map(|c| TITLE_HEADS.iter().find(|h| **h == c).copied())
}

pub fn is_head(low: &str) -> bool {
    TITLE_HEADS.contains(&low)
}

pub fn is_modifier(low: &str) -> bool {
    TITLE_MODIFIERS.contains(&low)
}

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
        let parts: Vec<String> = w
            .split('-')
            .enumerate()
            .map(|(k, p)| {
                // "President-elect": the suffix stays lowercase.
                if k > 0 && p == "elect" {
                    return p.to_string();
                }
                let mut cs = p.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                    None => String::new(),
                }
            })
            .collect();
        out.push_str(&parts.join("-"));
    }
    out
}

/// Normalises a title: "Vice Minister of Foreign Affairs" → "Vice Foreign Minister".
pub fn canonical_title(words: &[&str]) -> String {
    let t = title_case(words);
    if let Some(pos) = t.find("Minister of ").or_else(|| t.find("Minister for ")) {
        let (pre, rest) = t.split_at(pos);
        let comp = rest["Minister of ".len()..].trim_start_matches("the ");
        let comp_words: Vec<&str> = comp.split(' ').collect();
        if comp_words.len() <= 3 && comp_words.last() == Some(&"Affairs") && comp_words.len() >= 2 {
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
    fn canonical_titles_fold_affairs_ministers() {
        assert_eq!(canonical_title(&["vice", "minister", "of", "foreign", "affairs"]), "Vice Foreign Minister");
        assert_eq!(canonical_title(&["minister", "of", "foreign", "affairs", "and", "foreign", "trade"]),
            "Minister of Foreign Affairs and Foreign Trade");
        assert_eq!(canonical_title(&["president-elect"]), "President-elect");
        assert_eq!(canonical_title(&["secretary-general"]), "Secretary-General");
    }

    #[test]
    fn plural_heads_singularise() {
        assert_eq!(singular_head("ministers"), Some("minister"));
        assert_eq!(singular_head("secretaries"), Some("secretary"));
        assert_eq!(singular_head("minister"), None);
    }
}
