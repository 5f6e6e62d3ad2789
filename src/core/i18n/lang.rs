//! The display languages of the widget.

/// A display language of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (en-US conventions).
    En,
    /// Traditional Chinese.
    ZhHant,
    /// Simplified Chinese.
    ZhHans,
    /// Japanese.
    Ja,
    /// Korean.
    Ko,
    /// Arabic (written right to left).
    Ar,
}

impl Lang {
    /// Every language, in the order the docs list them.
    pub const ALL: [Lang; 6] = [
        Lang::En,
        Lang::ZhHant,
        Lang::ZhHans,
        Lang::Ja,
        Lang::Ko,
        Lang::Ar,
    ];

    /// Picks the language for a BCP 47 tag, case-insensitively (`_` is
    /// accepted for `-`), by its primary subtag: `ja`, `ko`, `ar`, `zh`, else
    /// English. For `zh`: a `Hant` script, or region TW / HK / MO →
    /// `ZhHant`; any other `zh` tag (`zh`, `zh-Hans…`, `zh-CN`, `zh-SG`) →
    /// `ZhHans`. An explicit script wins over the region.
    pub fn from_tag(tag: &str) -> Lang {
        let lower = tag.trim().to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        match subtags.next() {
            Some("zh") => {}
            Some("ja") => return Lang::Ja,
            Some("ko") => return Lang::Ko,
            Some("ar") => return Lang::Ar,
            _ => return Lang::En,
        }
        let rest: Vec<&str> = subtags.collect();
        if rest.contains(&"hant") {
            Lang::ZhHant
        } else if rest.contains(&"hans") {
            Lang::ZhHans
        } else if rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")) {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        }
    }

    /// The canonical BCP 47 tag, also the one given to `Intl` and ICU4X:
    /// `"en"`, `"zh-Hant"`, `"zh-Hans"`, `"ja"`, `"ko"`, `"ar"`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Ar => "ar",
        }
    }

    /// True for languages written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// True when full-width punctuation (`：`) and unspaced date-time
    /// joins are the norm (Chinese and Japanese).
    pub fn is_cjk(self) -> bool {
        matches!(self, Lang::ZhHant | Lang::ZhHans | Lang::Ja)
    }
}
