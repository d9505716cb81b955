//! Labels and descriptions written in a non-Latin script.

use super::texts::for_each_text;
use crate::json::Node;
use crate::rules::{rule, Context, Patch, Report};

/// A text is taken for another language when more than this share of its letters are outside
/// the Latin script. In the 638 certified connectors of our corpus, the only labels with
/// non-Latin letters are English sentences quoting one foreign word (a Greek account type) or
/// holding one look-alike letter (a Cyrillic `С`): a majority threshold passes both and still
/// flags text written in Cyrillic, Greek, Arabic, CJK, ... The validator's method is undocumented.
const NON_LATIN_SHARE: f64 = 0.5;

rule!(ValueMustBeInEnglish {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary: "A title, summary, `x-ms-summary` or description (or an apiProperties label, a readme paragraph) is not written in English.",
    docs: r##"## What it does
Reports a user-facing text (`info.title` and `description`, operation `summary` and
`description`, parameter `x-ms-summary` and `description`, schema `title`, `x-ms-summary` and
`description`, response `description`) in which most letters are outside the Latin script:
text written in Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese, Korean, Thai, ...
Beyond the swagger (what reviewers ask for, reviewer practice #6: PRs #705, #1824), the same
test reads the `displayName`, `description` and `tooltip` of every `uiDefinition` of
`apiProperties.json` (connection parameters and parameter sets), and each paragraph of
`readme.md` and `intro.md` outside fenced code blocks.

Text in Latin script is reported when it reads as Spanish, French, German, Portuguese, Italian
or Dutch: at least two different function words of one of these languages that English does not
use (`para`, `los`, `une`, `pour`, `und`, `für`, `della`, `het`, ...) and more of them than
English function words (`the`, `of`, `and`, ...), among the first 60 words of the text. Accented letters alone (`é`, `ü`, `ø`) do not
count: names and loanwords carry them in English text. A foreign word quoted in an English
sentence is below both thresholds and not reported.

Severity: warning. The validator's detection method is not documented, so this is a heuristic
(see the constants in the source for how the thresholds were chosen), and no certified
connector of our corpus trips it.

## Why
Certified connectors are published for every market with English as the source language; the
platform localizes from it. Text in another language is unreadable for most users and cannot be
localized.

## Example
```json
"summary": "Получить список задач"
```

## How to fix
Write the text in English (`"summary": "List tasks"`).
"##,
    check,
});

/// Whether `c` is a letter of the Latin script (ASCII, Latin-1, Latin Extended-A/B, IPA, Latin
/// Extended Additional and the other Latin blocks).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32,
            0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
        // Ordinal indicators and other letters of Latin-1 that are not in the range above.
        || matches!(c, 'ª' | 'º' | 'µ')
}

/// Whether most letters of `text` are outside the Latin script.
pub(super) fn is_mostly_non_latin(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let (mut letters, mut foreign) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if !is_latin(c) {
            foreign += 1;
        }
    }
    letters > 0 && foreign as f64 > letters as f64 * NON_LATIN_SHARE
}

const ES: u8 = 1;
const FR: u8 = 2;
const DE: u8 = 4;
const PT: u8 = 8;
const IT: u8 = 16;
const NL: u8 = 32;

/// Function words of Latin-script languages that English text does not use, with the languages
/// they belong to (bits of [`LANGUAGES`]), sorted by bytes for a binary search. Chosen on the
/// corpus: words that also occur in English labels (`per`, `non`, `de` in locale lists, `e` of
/// "e.g.", `van`, `est`) were left out until no label of the 638 certified connectors read as
/// foreign.
const FOREIGN_FUNCTION_WORDS: &[(&str, u8)] = &[
    ("alla", IT),
    ("anche", IT),
    ("auch", DE),
    ("aux", FR),
    ("avec", FR),
    ("cette", FR),
    ("che", IT),
    ("com", PT),
    ("como", ES),
    ("cuando", ES),
    ("dans", FR),
    ("das", DE),
    ("degli", IT),
    ("dei", IT),
    ("del", ES),
    ("della", IT),
    ("delle", IT),
    ("der", DE),
    ("desde", ES),
    ("deze", NL),
    ("di", IT),
    ("die", DE),
    ("dos", PT),
    ("du", FR),
    ("een", NL),
    ("eine", DE),
    ("el", ES),
    ("entre", ES),
    ("essere", IT),
    ("está", ES),
    ("et", FR),
    ("für", DE),
    ("gli", IT),
    ("het", NL),
    ("il", IT),
    ("im", DE),
    ("ist", DE),
    ("kann", DE),
    ("la", ES | FR),
    ("las", ES),
    ("le", FR),
    ("les", FR),
    ("leur", FR),
    ("los", ES),
    ("mit", DE),
    ("más", ES),
    ("naar", NL),
    ("nel", IT),
    ("nicht", DE),
    ("niet", NL),
    ("nous", FR),
    ("não", PT),
    ("oder", DE),
    ("ook", NL),
    ("para", ES | PT),
    ("pode", PT),
    ("por", ES | PT),
    ("pour", FR),
    ("puede", ES),
    ("questo", IT),
    ("qui", FR),
    ("sich", DE),
    ("sind", DE),
    ("sobre", ES),
    ("sono", IT),
    ("sont", FR),
    ("são", PT),
    ("también", ES | PT),
    ("uma", PT | IT),
    ("una", ES | IT),
    ("und", DE),
    ("une", FR),
    ("você", PT),
    ("voor", NL),
    ("votre", FR),
    ("vous", FR),
    ("werden", DE),
    ("wird", DE),
    ("worden", NL),
    ("wordt", NL),
    ("zijn", NL),
    ("zu", DE),
    ("être", FR),
];

/// The longest word of [`FOREIGN_FUNCTION_WORDS`] in bytes (`también`).
const LONGEST_FUNCTION_WORD: usize = 8;

/// A word of at most 8 bytes as a zero-padded big-endian integer. Lookups compare these
/// instead of strings (every word of every label is looked up); their order is the byte order
/// of the words, so [`FOREIGN_KEYS`] stays sorted.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i] as u64;
        }
        i += 1;
    }
    key
}

/// [`FOREIGN_FUNCTION_WORDS`], packed.
const FOREIGN_KEYS: [u64; FOREIGN_FUNCTION_WORDS.len()] = {
    let mut keys = [0; FOREIGN_FUNCTION_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(FOREIGN_FUNCTION_WORDS[i].0.as_bytes());
        i += 1;
    }
    keys
};

/// The languages of a lower-cased word (at most [`LONGEST_FUNCTION_WORD`] bytes).
fn foreign_function_word(word: &[u8]) -> u8 {
    FOREIGN_KEYS
        .binary_search(&pack(word))
        .map_or(0, |i| FOREIGN_FUNCTION_WORDS[i].1)
}

/// The languages [`foreign_function_word`] knows, one bit each.
const LANGUAGES: usize = 6;

/// English function words, counted against the foreign ones.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "for", "with", "is", "in", "on", "by", "from", "this",
    "that", "be", "are", "or", "as", "it", "at", "your", "you", "which", "will",
];

/// [`ENGLISH_FUNCTION_WORDS`], packed.
const ENGLISH_KEYS: [u64; ENGLISH_FUNCTION_WORDS.len()] = {
    let mut keys = [0; ENGLISH_FUNCTION_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(ENGLISH_FUNCTION_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

/// Whether a lower-cased word (at most [`LONGEST_FUNCTION_WORD`] bytes) is an English function
/// word.
fn english_function_word(word: &[u8]) -> bool {
    ENGLISH_KEYS.contains(&pack(word))
}

/// Per ASCII first letter, the byte lengths (as bits) of the function words of either list that
/// start with it: most words of a text match no entry and are skipped before any lookup.
const CANDIDATES: [u16; 26] = {
    const fn add(table: &mut [u16; 26], word: &str) {
        let w = word.as_bytes();
        if w[0].is_ascii_lowercase() {
            table[(w[0] - b'a') as usize] |= 1 << w.len();
        }
    }
    let mut table = [0u16; 26];
    let mut i = 0;
    while i < ENGLISH_FUNCTION_WORDS.len() {
        add(&mut table, ENGLISH_FUNCTION_WORDS[i]);
        i += 1;
    }
    let mut i = 0;
    while i < FOREIGN_FUNCTION_WORDS.len() {
        add(&mut table, FOREIGN_FUNCTION_WORDS[i].0);
        i += 1;
    }
    table
};

/// Whether `word` (at most [`LONGEST_FUNCTION_WORD`] bytes) may be a function word of either list.
fn may_be_function_word(word: &[u8]) -> bool {
    let first = word[0].to_ascii_lowercase();
    !first.is_ascii_lowercase() || CANDIDATES[usize::from(first - b'a')] & (1 << word.len()) != 0
}

/// How many words of a text [`reads_as_other_language`] reads: enough for a few function words
/// of any language, and a bound on the cost of the longest descriptions.
const WORDS_READ: usize = 60;

/// Whether Latin-script `text` reads as one of the languages of [`foreign_function_word`]: at
/// least two different function words of one language, and more of them than English ones.
///
/// This reads every label of the document, so it scans bytes rather than chars: a word is a run
/// of ASCII letters and non-ASCII bytes (UTF-8 letters), lower-cased on the stack; the scan stops
/// once English function words clearly dominate.
pub(super) fn reads_as_other_language(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut english = 0usize;
    let mut counts = [0usize; LANGUAGES];
    // The first function word seen per language, to require two different ones.
    let mut first: [Option<&[u8]>; LANGUAGES] = [None; LANGUAGES];
    let mut distinct = [false; LANGUAGES];
    let mut buf = [0u8; LONGEST_FUNCTION_WORD];
    let mut words = 0;
    let mut i = 0;
    // The opening words tell the language; long descriptions are not read to the end.
    while i < bytes.len() && words < WORDS_READ {
        let is_word = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
        if !is_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        let word = &bytes[start..i];
        words += 1;
        // Function words are short.
        if word.len() < 2 && word != b"a"
            || word.len() > LONGEST_FUNCTION_WORD
            || !may_be_function_word(word)
        {
            continue;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        if english_function_word(lower) {
            english += 1;
            let most = counts.iter().copied().max().unwrap_or(0);
            if english >= 3 && english > 2 * most {
                return false;
            }
            continue;
        }
        let mask = foreign_function_word(lower);
        if mask == 0 {
            continue;
        }
        for (l, count) in counts.iter_mut().enumerate() {
            if mask & (1 << l) == 0 {
                continue;
            }
            *count += 1;
            match first[l] {
                None => first[l] = Some(word),
                Some(f) if !f.eq_ignore_ascii_case(word) => distinct[l] = true,
                Some(_) => {}
            }
        }
    }
    (0..LANGUAGES).any(|l| distinct[l] && counts[l] > english)
}

fn check(cx: &Context, out: &mut Report) {
    for_each_text(cx, |_, key, value| check_one(key, value, out));
    super::english_files::check_files(cx, out);
}

/// The check of one text: it reads that text only.
fn check_one(key: &str, value: Node, out: &mut Report) {
    let Some(text) = value.as_str() else { return };
    if is_mostly_non_latin(text) || reads_as_other_language(text) {
        out.at(
            value,
            format!("The '{key}' value must be written in English."),
        );
    }
}

/// Checks one edited text again ([`crate::rules::Patch`]).
pub(super) static PATCH: Patch = Patch {
    rule: &ValueMustBeInEnglish,
    domain: super::texts::memo_key,
    check_one: |cx, node, out| {
        super::texts::check_text(cx, node, |_, key| check_one(key, node, out))
    },
};

#[cfg(test)]
mod tests {
    use super::is_mostly_non_latin as foreign;

    #[test]
    fn scripts() {
        assert!(foreign("Получить список задач"));
        assert!(foreign("获取任务列表"));
        assert!(foreign("タスクを取得する"));
        assert!(!foreign("List tasks"));
        assert!(!foreign("Crée une tâche für Müller"));
        assert!(!foreign(
            "Code for account type, e.g. 10 for \"Ταμιευτήριο\""
        ));
        assert!(!foreign("Сreation date of the purchase order"));
        assert!(!foreign("12345 ✓"));
    }

    #[test]
    fn function_words_are_sorted() {
        let words = super::FOREIGN_FUNCTION_WORDS;
        assert!(words
            .windows(2)
            .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
        let longest = words.iter().map(|(w, _)| w.len()).max();
        assert_eq!(longest, Some(super::LONGEST_FUNCTION_WORD));
        // Packed, they keep their order and are found again.
        assert!(super::FOREIGN_KEYS.windows(2).all(|k| k[0] < k[1]));
        for (w, langs) in words {
            assert_eq!(super::foreign_function_word(w.as_bytes()), *langs, "{w}");
        }
        for w in super::ENGLISH_FUNCTION_WORDS {
            assert!(super::english_function_word(w.as_bytes()), "{w}");
        }
        assert!(!super::english_function_word(b"th"));
        assert_eq!(super::foreign_function_word(b"dell"), 0);
    }

    #[test]
    fn the_prefilter_lets_every_function_word_through() {
        let words = super::ENGLISH_FUNCTION_WORDS
            .iter()
            .copied()
            .chain(super::FOREIGN_FUNCTION_WORDS.iter().map(|(w, _)| *w));
        for w in words {
            let mut chars = w.chars();
            let first = chars.next().unwrap();
            let capital = format!("{}{}", first.to_uppercase(), chars.as_str());
            for form in [w.to_string(), capital] {
                assert!(super::may_be_function_word(form.as_bytes()), "{form}");
            }
        }
        assert!(!super::may_be_function_word(b"project"));
    }

    #[test]
    fn latin_languages() {
        use super::reads_as_other_language as other;
        assert!(other("Obtener la lista de tareas para el usuario"));
        assert!(other("Crée une tâche pour l'utilisateur"));
        assert!(other("Erstellt eine neue Aufgabe für den Benutzer"));
        assert!(other("Ruft die Liste der Aufgaben ab"));
        assert!(!other("Get the list of tasks for the user"));
        assert!(!other("Le Mans race results"));
        assert!(!other("Culture (de,en,fr,...). Default = de"));
        assert!(!other(
            "DPI (pixels per unit, e.g. pixels per inch) of the image"
        ));
        assert!(!other("Die Hard movie list for the user"));
    }
}
