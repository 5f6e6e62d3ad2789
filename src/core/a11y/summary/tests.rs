use super::*;
use crate::core::data::model::{Dataset, SeriesKind};
use crate::core::formats::csv_series::parse_series_csv;
use crate::core::formats::dataset::parse_dataset;
use crate::core::i18n::lang::Lang;

const SIP_EN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/sip.en.json"));
const SIP_ZH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/data/sip.zh-Hant.json"
));

fn dataset(text: &str) -> Dataset {
    parse_dataset(text).expect("dataset").dataset
}

/// A dataset of one series `points` (JSON array text) with `unit`.
fn one(points: &str, unit: &str) -> Dataset {
    dataset(&format!(
        r#"{{"schemaVersion":1,"title":"t","series":[{{"id":"s","name":"Level","unit":"{unit}","points":{points}}}]}}"#
    ))
}

fn sum(ds: &Dataset, lang: Lang) -> String {
    series_summary(&ds.series, 0, lang, None)
}

#[test]
fn sip_series_in_every_language() {
    let en = dataset(SIP_EN);
    assert_eq!(
        series_summary(&en.series, 0, Lang::En, None),
        "SIP gross domestic product (100 million yuan): from 1,589 in 2012 to 3,330 in 2021; \
         lowest 1,589 in 2012, highest 3,330 in 2021."
    );
    assert_eq!(
        series_summary(&en.series, 1, Lang::En, None),
        "SIP total imports and exports (100 million US dollars): from 770 in 2012 to 1,120 in 2021; \
         lowest 770 in 2012, highest 1,120 in 2021."
    );
    let zh = dataset(SIP_ZH);
    let cases = [
        (
            Lang::ZhHant,
            "園區生產總值（億元）：由2012年的1,589至2021年的3,330；最低為2012年的1,589，最高為2021年的3,330。",
        ),
        (
            Lang::ZhHans,
            "園區生產總值（億元）：从2012年的1,589到2021年的3,330；最低为2012年的1,589，最高为2021年的3,330。",
        ),
        (
            Lang::Ja,
            "園區生產總值（億元）：2012年の1,589から2021年の3,330まで。最低は2012年の1,589、最高は2021年の3,330。",
        ),
        (
            Lang::Ko,
            "園區生產總值 (億元): 2012년 1,589에서 2021년 3,330까지, 최저는 2012년 1,589, 최고는 2021년 3,330입니다.",
        ),
        (
            Lang::Ar,
            "\u{2068}園區生產總值 (億元)\u{2069}: من 1,589 في 2012 إلى 3,330 في 2021؛ أدنى قيمة 1,589 في 2012، وأعلى قيمة 3,330 في 2021.",
        ),
    ];
    for (lang, want) in cases {
        assert_eq!(series_summary(&zh.series, 0, lang, None), want, "{lang:?}");
    }
    assert_eq!(
        series_summary(&zh.series, 1, Lang::ZhHant, None),
        "園區進出口總額（億美元）：由2012年的770至2021年的1,120；最低為2012年的770，最高為2021年的1,120。"
    );
}

#[test]
fn lowest_and_highest_are_named_with_their_dates_even_inside_the_series() {
    // Negative values, extremes in the middle, a tie (the earliest wins).
    let ds = one(
        r#"[["2001",-2.5],["2002",-7],["2003",4],["2004",-7],["2005",4],["2006",1]]"#,
        "%",
    );
    assert_eq!(
        sum(&ds, Lang::En),
        "Level (%): from -2.5 in 2001 to 1 in 2006; lowest -7 in 2002, highest 4 in 2003."
    );
    assert_eq!(
        sum(&ds, Lang::ZhHant),
        "Level（%）：由2001年的-2.5至2006年的1；最低為2002年的-7，最高為2003年的4。"
    );
    // Arabic keeps the minus on the number's left (a left-to-right mark).
    assert_eq!(
        sum(&ds, Lang::Ar),
        "\u{2068}Level (%)\u{2069}: من \u{200e}-2.5 في 2001 إلى 1 في 2006؛ أدنى قيمة \u{200e}-7 في 2002، وأعلى قيمة 4 في 2003."
    );
}

#[test]
fn gaps_are_skipped_and_said() {
    // Gaps before the first and after the last value are not "missing".
    let ds = one(
        r#"[["2000",null],["2001",10],["2002",null],["2003",30],["2004",null]]"#,
        "",
    );
    assert_eq!(
        sum(&ds, Lang::En),
        "Level: from 10 in 2001 to 30 in 2003; lowest 10 in 2001, highest 30 in 2003. Some values are missing."
    );
    assert_eq!(
        sum(&ds, Lang::Ja),
        "Level：2001年の10から2003年の30まで。最低は2001年の10、最高は2003年の30。一部の値が欠けています。"
    );
    let edges = one(
        r#"[["2000",null],["2001",10],["2003",30],["2004",null]]"#,
        "",
    );
    assert!(!sum(&edges, Lang::En).contains("missing"));
}

#[test]
fn one_point_all_equal_and_no_points() {
    let single = one(r#"[["2022-11-06",3.25]]"#, "bn");
    assert_eq!(
        sum(&single, Lang::En),
        "Level (bn): 3.25 on November 6, 2022, the only value."
    );
    assert_eq!(
        sum(&single, Lang::ZhHans),
        "Level（bn）：仅有2022年11月6日的3.25一个数值。"
    );
    assert_eq!(
        sum(&single, Lang::Ko),
        "Level (bn): 2022년 11월 6일 3.25, 값이 하나뿐입니다."
    );
    let flat = one(
        r#"[["2020-03",5],["2020-04",5],["2020-05",null],["2020-06",5]]"#,
        "",
    );
    assert_eq!(
        sum(&flat, Lang::En),
        "Level: 5 throughout, from March 2020 to June 2020. Some values are missing."
    );
    assert_eq!(
        sum(&flat, Lang::ZhHant),
        "Level：由2020年3月至2020年6月均為5。部分數值從缺。"
    );
    let none = one(r#"[["2020",null],["2021",null]]"#, "t");
    assert_eq!(sum(&none, Lang::En), "Level (t): no values.");
    assert_eq!(
        sum(&none, Lang::Ar),
        "\u{2068}Level (t)\u{2069}: لا توجد قيم."
    );
    let empty = one("[]", "t");
    assert_eq!(sum(&empty, Lang::Ja), "Level（t）：値がありません。");
    // Out of range: nothing, not a panic.
    assert_eq!(series_summary(&empty.series, 5, Lang::En, None), "");
}

#[test]
fn deep_time_takes_no_preposition_and_is_set_apart() {
    let ds = one(r#"[["66 Ma",280],["50 Ma",1200],["34 Ma",700]]"#, "ppm");
    assert_eq!(
        sum(&ds, Lang::En),
        "Level (ppm): from 280 (66 million years ago) to 700 (34 million years ago); \
         lowest 280 (66 million years ago), highest 1,200 (50 million years ago)."
    );
    assert_eq!(
        sum(&ds, Lang::ZhHant),
        "Level（ppm）：由6600萬年前的280至3400萬年前的700；最低為6600萬年前的280，最高為5000萬年前的1,200。"
    );
    assert_eq!(
        sum(&ds, Lang::Ar),
        "\u{2068}Level (ppm)\u{2069}: من 280 (قبل 66 مليون سنة) إلى 700 (قبل 34 مليون سنة)؛ أدنى قيمة 280 (قبل 66 مليون سنة)، وأعلى قيمة 1,200 (قبل 50 مليون سنة)."
    );
}

#[test]
fn a_heading_of_the_other_direction_is_isolated() {
    let ds = dataset(
        r#"{"schemaVersion":1,"series":[{"id":"s","name":"الناتج","unit":"%","points":[["1990",1]]}]}"#,
    );
    assert_eq!(
        sum(&ds, Lang::En),
        "\u{2068}الناتج (%)\u{2069}: 1 in 1990, the only value."
    );
    assert_eq!(
        sum(&ds, Lang::Ar),
        "\u{2068}الناتج (%)\u{2069}: 1 في 1990، وهي القيمة الوحيدة."
    );
    // Same-direction headings stay as they are.
    assert!(sum(&one(r#"[["1990",1]]"#, ""), Lang::En).starts_with("Level: "));
}

#[test]
fn a_name_less_series_is_named_by_its_id() {
    let ds =
        dataset(r#"{"schemaVersion":1,"series":[{"id":"co2","points":[["1990",1],["1991",2]]}]}"#);
    assert!(
        sum(&ds, Lang::En).starts_with("co2: from 1 in 1990"),
        "{}",
        sum(&ds, Lang::En)
    );
}

#[test]
fn a_page_formatter_writes_the_values_and_dates() {
    struct Page;
    impl Formatter for Page {
        fn date(&self, tp: &TimePoint) -> Option<String> {
            Some(format!("t{}", tp.ms))
        }
        fn value(&self, v: f64, series: usize) -> Option<String> {
            Some(format!("<{v}#{series}>"))
        }
    }
    let ds = one(r#"[["1970",1],["1971",2]]"#, "u");
    assert_eq!(
        series_summary(&ds.series, 0, Lang::En, Some(&Page)),
        "Level (u): from <1#0> in t0 to <2#0> in t31536000000; lowest <1#0> in t0, highest <2#0> in t31536000000."
    );
}

#[test]
fn csv_reads_back_as_the_same_series() {
    let ds = one(
        r#"[["2000",1.5],["2001",null],["2002",-3],["2003",0.1]]"#,
        "億元",
    );
    let csv = series_csv(&ds.series[0]);
    assert_eq!(
        csv,
        "date,Level [億元]\n2000,1.5\n2001,\n2002,-3\n2003,0.1\n"
    );
    let back = parse_series_csv(&csv).expect("csv");
    let s = &back.series[0];
    assert_eq!((s.name.as_str(), s.unit.as_str()), ("Level", "億元"));
    assert_eq!(s.t, ds.series[0].t);
    assert_eq!(s.v.len(), 4);
    assert!(s.v[1].is_nan());
    assert_eq!([s.v[0], s.v[2], s.v[3]], [1.5, -3.0, 0.1]);
    assert_eq!(s.kind, SeriesKind::Line);
    // A name with a comma and a quote is quoted.
    let mut odd = ds.series[0].clone();
    odd.name = "A, \"B\"".into();
    odd.unit = String::new();
    assert!(series_csv(&odd).starts_with("date,\"A, \"\"B\"\"\"\n"));
    // Mixed precisions: every instant kept (to the millisecond, in UTC).
    let mixed = one(r#"[["2000",1],["2000-06-01T12:30:00Z",2]]"#, "");
    assert_eq!(mixed.series[0].precision, None);
    let csv = series_csv(&mixed.series[0]);
    let back = parse_series_csv(&csv).expect("csv");
    assert_eq!(back.series[0].t, mixed.series[0].t, "{csv}");
    // Deep time keeps its form.
    let deep = one(r#"[["66 Ma",280]]"#, "");
    assert_eq!(series_csv(&deep.series[0]), "date,Level\n66 Ma,280\n");
}

#[test]
fn rows_shown_and_words_in_every_language() {
    assert_eq!(
        words(Lang::En).rows_shown(1000, 1_000_000, Lang::En),
        "Showing the first 1,000 of 1,000,000 rows; the CSV has all of them."
    );
    assert_eq!(
        words(Lang::ZhHant).rows_shown(1000, 25_000, Lang::ZhHant),
        "僅列出25,000列中的前1,000列，CSV 檔含全部資料。"
    );
    for lang in Lang::ALL {
        let w = words(lang);
        for s in [
            w.data_button,
            w.data_title,
            w.date,
            w.value,
            w.no_value,
            w.download_csv,
        ] {
            assert!(!s.is_empty(), "{lang:?}");
        }
        // Each language has its own words (English only in English).
        if lang != Lang::En {
            assert_ne!(w.data_button, EN.data_button, "{lang:?}");
            assert_ne!(w.general, EN.general, "{lang:?}");
        }
    }
}
