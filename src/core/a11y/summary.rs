//! Words about an indicator series for people who do not see the chart: a
//! summary sentence made from the data (first and last value, lowest and
//! highest, each with its date, in the series' unit), the words of its data
//! table, and the series as CSV for the table's download.
//!
//! Dates and numbers go through the same functions as the crosshair's
//! reading ([`date_text`], [`value_text`]), so the page's `formatDate` /
//! `formatValue` hooks and the browser's `Intl` write them. Everything here
//! is total: any series gives a sentence, never a panic.

use crate::core::data::model::Series;
use crate::core::data::time::{Precision, TimePoint};
use crate::core::formats::dataset_json::time_string;
use crate::core::i18n::format::{date_text, value_text, Formatter};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{format_value, NumberStyle};

/// At most this many rows of a series are put in its data table; the rest
/// are in the CSV download (a million `<tr>` would freeze the page).
pub const TABLE_ROWS: usize = 1000;

/// The time of point `i` of `s` as the crosshair reads it (the series'
/// shared precision, else a day).
pub fn point_time(s: &Series, i: usize) -> Option<TimePoint> {
    Some(TimePoint {
        ms: *s.t.get(i)?,
        precision: s.precision.unwrap_or(Precision::Day),
        offset_min: None,
    })
}

/// The series' name (its id when it has none) with its unit: `GDP (億元)`.
pub fn series_heading(s: &Series, lang: Lang) -> String {
    let name = if s.name.trim().is_empty() {
        s.id.as_str()
    } else {
        s.name.as_str()
    };
    let unit = s.unit.trim();
    if unit.is_empty() {
        return name.to_string();
    }
    match lang {
        Lang::ZhHant | Lang::ZhHans | Lang::Ja => format!("{name}（{unit}）"),
        _ => format!("{name} ({unit})"),
    }
}

/// What the summary says of one point: its value and its date.
struct At {
    value: String,
    date: String,
    /// The date is deep time (`66 million years ago`), which takes no
    /// preposition.
    deep: bool,
    precision: Precision,
}

/// The summary sentence of series `index` (of `series`, the dataset's
/// list, so the page's formatter knows which series it writes).
///
/// English: `SIP gross domestic product (100 million yuan): from 1,589 in
/// 2012 to 3,330 in 2021; lowest 1,589 in 2012, highest 3,330 in 2021.`
/// One value, all values equal, no values and gaps (`Some values are
/// missing.`) have their own wording. Ties name the earliest point.
pub fn series_summary(
    series: &[Series],
    index: usize,
    lang: Lang,
    fmt: Option<&dyn Formatter>,
) -> String {
    let Some(s) = series.get(index) else {
        return String::new();
    };
    let head = series_heading(s, lang);
    let n = s.t.len().min(s.v.len());
    let finite = || (0..n).filter(|&i| s.v[i].is_finite());
    let (Some(first), Some(last)) = (finite().next(), finite().next_back()) else {
        return words(lang).empty.replace("{h}", &isolate(&head, lang));
    };
    let (mut lo, mut hi) = (first, first);
    for i in finite() {
        if s.v[i] < s.v[lo] {
            lo = i;
        }
        if s.v[i] > s.v[hi] {
            hi = i;
        }
    }
    let at = |i: usize| {
        let tp = point_time(s, i).unwrap_or(TimePoint {
            ms: 0.0,
            precision: Precision::Day,
            offset_min: None,
        });
        At {
            value: value_text(fmt, s.v[i], index, None, lang),
            date: date_text(fmt, &tp, lang),
            deep: matches!(tp.precision, Precision::Ka | Precision::Ma | Precision::Ga),
            precision: tp.precision,
        }
    };
    let (f, l) = (at(first), at(last));
    let w = words(lang);
    let mut out = if first == last {
        w.one
            .replace("{v}", &f.value)
            .replace("{d}", &f.date)
            .replace("{at}", &when(lang, &f))
    } else if s.v[lo] == s.v[hi] {
        w.equal
            .replace("{v}", &f.value)
            .replace("{fd}", &f.date)
            .replace("{ld}", &l.date)
    } else {
        let (min, max) = (at(lo), at(hi));
        w.general
            .replace("{fv}", &f.value)
            .replace("{fd}", &f.date)
            .replace("{fat}", &when(lang, &f))
            .replace("{lv}", &l.value)
            .replace("{ld}", &l.date)
            .replace("{lat}", &when(lang, &l))
            .replace("{minv}", &min.value)
            .replace("{mind}", &min.date)
            .replace("{minat}", &when(lang, &min))
            .replace("{maxv}", &max.value)
            .replace("{maxd}", &max.date)
            .replace("{maxat}", &when(lang, &max))
    };
    // {h} last: a series name may itself contain `{fv}`.
    out = out.replace("{h}", &isolate(&head, lang));
    let gaps = (first..last).any(|i| !s.v[i].is_finite());
    if gaps {
        out.push_str(w.gap_sep);
        out.push_str(w.gaps);
    }
    out
}

/// The heading set apart from the sentence's direction (first-strong
/// isolate … pop directional isolate) when the two may differ: in a
/// right-to-left sentence, or a heading with right-to-left letters in a
/// left-to-right one. Otherwise `GDP (億元): …` in Arabic would show its
/// parenthesis and colon in the wrong places.
fn isolate(head: &str, lang: Lang) -> String {
    let rtl_letters = head
        .chars()
        .any(|c| matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}'));
    if lang.is_rtl() || rtl_letters {
        format!("\u{2068}{head}\u{2069}")
    } else {
        head.to_string()
    }
}

/// A date with the preposition the language puts before it in the
/// summary (English `in 2021` / `on November 6, 2022`, Arabic `في 2021`);
/// deep time takes none and, where the value comes first, is set apart
/// (`280 (66 million years ago)`) so the two numbers do not run together.
fn when(lang: Lang, a: &At) -> String {
    match (lang, a.deep) {
        (Lang::En | Lang::Ar, true) => return format!("({})", a.date),
        (_, true) => return a.date.clone(),
        _ => {}
    }
    match lang {
        Lang::En => match a.precision {
            Precision::Year | Precision::Month => format!("in {}", a.date),
            _ => format!("on {}", a.date),
        },
        Lang::Ar => format!("في {}", a.date),
        _ => a.date.clone(),
    }
}

/// The summary's and the data table's words in one language.
#[derive(Debug)]
pub struct SummaryWords {
    /// `{h}` heading, `{fv}`/`{fd}`/`{fat}` first value, date, date with
    /// preposition; `{lv}`… last, `{minv}`… lowest, `{maxv}`… highest.
    general: &'static str,
    /// One value: `{v}`, `{d}`, `{at}`.
    one: &'static str,
    /// All values equal: `{v}` from `{fd}` to `{ld}`.
    equal: &'static str,
    /// No values at all.
    empty: &'static str,
    /// Appended when values are missing between the first and last one.
    gaps: &'static str,
    gap_sep: &'static str,
    /// The toolbar button that opens the data tables.
    pub data_button: &'static str,
    /// Heading of the data dialog.
    pub data_title: &'static str,
    /// Column headers.
    pub date: &'static str,
    pub value: &'static str,
    /// A gap's value cell.
    pub no_value: &'static str,
    /// Under a capped table: `{shown}` of `{total}` rows.
    rows_shown: &'static str,
    /// The button that saves a series as CSV.
    pub download_csv: &'static str,
}

impl SummaryWords {
    /// `Showing the first 1,000 of 1,000,000 rows.`
    pub fn rows_shown(&self, shown: usize, total: usize, lang: Lang) -> String {
        let n = |v: usize| format_value(lang, v as f64, NumberStyle::fraction(0));
        self.rows_shown
            .replace("{shown}", &n(shown))
            .replace("{total}", &n(total))
    }
}

const EN: SummaryWords = SummaryWords {
    general: "{h}: from {fv} {fat} to {lv} {lat}; lowest {minv} {minat}, highest {maxv} {maxat}.",
    one: "{h}: {v} {at}, the only value.",
    equal: "{h}: {v} throughout, from {fd} to {ld}.",
    empty: "{h}: no values.",
    gaps: "Some values are missing.",
    gap_sep: " ",
    data_button: "Show the data as tables",
    data_title: "Data",
    date: "Date",
    value: "Value",
    no_value: "no value",
    rows_shown: "Showing the first {shown} of {total} rows; the CSV has all of them.",
    download_csv: "Download CSV",
};

const ZH_HANT: SummaryWords = SummaryWords {
    general: "{h}：由{fd}的{fv}至{ld}的{lv}；最低為{mind}的{minv}，最高為{maxd}的{maxv}。",
    one: "{h}：僅有{d}的{v}一個數值。",
    equal: "{h}：由{fd}至{ld}均為{v}。",
    empty: "{h}：沒有數值。",
    gaps: "部分數值從缺。",
    gap_sep: "",
    data_button: "以表格顯示資料",
    data_title: "資料",
    date: "日期",
    value: "數值",
    no_value: "無數值",
    rows_shown: "僅列出{total}列中的前{shown}列，CSV 檔含全部資料。",
    download_csv: "下載 CSV",
};

const ZH_HANS: SummaryWords = SummaryWords {
    general: "{h}：从{fd}的{fv}到{ld}的{lv}；最低为{mind}的{minv}，最高为{maxd}的{maxv}。",
    one: "{h}：仅有{d}的{v}一个数值。",
    equal: "{h}：从{fd}到{ld}均为{v}。",
    empty: "{h}：没有数值。",
    gaps: "部分数值缺失。",
    gap_sep: "",
    data_button: "以表格显示数据",
    data_title: "数据",
    date: "日期",
    value: "数值",
    no_value: "无数值",
    rows_shown: "仅列出{total}行中的前{shown}行，CSV 文件包含全部数据。",
    download_csv: "下载 CSV",
};

const JA: SummaryWords = SummaryWords {
    general: "{h}：{fd}の{fv}から{ld}の{lv}まで。最低は{mind}の{minv}、最高は{maxd}の{maxv}。",
    one: "{h}：{d}の{v}のみ。",
    equal: "{h}：{fd}から{ld}まで一貫して{v}。",
    empty: "{h}：値がありません。",
    gaps: "一部の値が欠けています。",
    gap_sep: "",
    data_button: "データを表で表示",
    data_title: "データ",
    date: "日付",
    value: "値",
    no_value: "値なし",
    rows_shown: "全{total}行のうち最初の{shown}行を表示しています。CSV にはすべての行があります。",
    download_csv: "CSV をダウンロード",
};

const KO: SummaryWords = SummaryWords {
    general: "{h}: {fd} {fv}에서 {ld} {lv}까지, 최저는 {mind} {minv}, 최고는 {maxd} {maxv}입니다.",
    one: "{h}: {d} {v}, 값이 하나뿐입니다.",
    equal: "{h}: {fd}부터 {ld}까지 모두 {v}입니다.",
    empty: "{h}: 값이 없습니다.",
    gaps: "일부 값이 없습니다.",
    gap_sep: " ",
    data_button: "데이터를 표로 보기",
    data_title: "데이터",
    date: "날짜",
    value: "값",
    no_value: "값 없음",
    rows_shown: "전체 {total}행 중 처음 {shown}행을 표시합니다. CSV에는 모든 행이 있습니다.",
    download_csv: "CSV 다운로드",
};

const AR: SummaryWords = SummaryWords {
    general:
        "{h}: من {fv} {fat} إلى {lv} {lat}؛ أدنى قيمة {minv} {minat}، وأعلى قيمة {maxv} {maxat}.",
    one: "{h}: {v} {at}، وهي القيمة الوحيدة.",
    equal: "{h}: {v} طوال المدة من {fd} إلى {ld}.",
    empty: "{h}: لا توجد قيم.",
    gaps: "بعض القيم مفقودة.",
    gap_sep: " ",
    data_button: "عرض البيانات في جداول",
    data_title: "البيانات",
    date: "التاريخ",
    value: "القيمة",
    no_value: "لا قيمة",
    rows_shown: "الصفوف المعروضة: أول {shown} من {total}، وملف CSV يضم جميع الصفوف.",
    download_csv: "تنزيل CSV",
};

/// The summary and table words of `lang`.
pub fn words(lang: Lang) -> &'static SummaryWords {
    match lang {
        Lang::En => &EN,
        Lang::ZhHant => &ZH_HANT,
        Lang::ZhHans => &ZH_HANS,
        Lang::Ja => &JA,
        Lang::Ko => &KO,
        Lang::Ar => &AR,
    }
}

/// The series as the series CSV the widget reads (`date,Name [unit]`, one
/// row per point in the dataset's own time form, an empty cell for a gap),
/// so a download opens in a spreadsheet and loads back unchanged.
pub fn series_csv(s: &Series) -> String {
    let name = if s.name.trim().is_empty() {
        s.id.as_str()
    } else {
        s.name.as_str()
    };
    let column = if s.unit.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name} [{}]", s.unit.trim())
    };
    let mut out = String::with_capacity(s.t.len() * 24 + 64);
    out.push_str("date,");
    out.push_str(&csv_field(&column));
    out.push('\n');
    // As `getData()` writes times: a series without one shared precision
    // keeps every instant to the millisecond (in UTC).
    let precision = s.precision.unwrap_or(Precision::Millisecond);
    for i in 0..s.t.len().min(s.v.len()) {
        let tp = TimePoint {
            ms: s.t[i],
            precision,
            offset_min: (precision > Precision::Day).then_some(0),
        };
        out.push_str(&csv_field(&time_string(&tp)));
        out.push(',');
        let v = s.v[i];
        if v.is_finite() {
            // Rust's shortest round-trip form: the CSV keeps every digit.
            out.push_str(&format!("{v}"));
        }
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests;
