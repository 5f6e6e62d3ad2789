//! The widget's own words (buttons, hints, messages) in each language.

use crate::core::i18n::lang::Lang;

/// UI strings for one language.
#[derive(Debug)]
pub struct Strings {
    /// Caption of the lane holding events without a (known) group.
    pub other_lane: &'static str,
    pub read_more: &'static str,
    pub close: &'static str,
    pub source: &'static str,
    pub note: &'static str,
    pub loading: &'static str,
    pub no_data: &'static str,
    /// Heading of the message shown when data cannot be shown.
    pub error_title: &'static str,
    /// Shown when a plain wheel scrolls past an unfocused widget.
    pub zoom_hint_mac: &'static str,
    pub zoom_hint: &'static str,
    /// Accessible description of how to operate the widget.
    pub instructions: &'static str,
    pub cluster_heading: &'static str,
    pub timeline: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit_all: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub navigator: &'static str,
    /// The toolbar's button that saves the current view as a PNG.
    pub download_image: &'static str,
    /// The button under a loading error that tries the load again.
    pub retry: &'static str,
    /// A reload failed while earlier data stays on screen (a small notice
    /// above the chart, with the error's own message after it).
    pub reload_failed: &'static str,
    /// The present moment on a deep-time axis or card.
    pub present: &'static str,
    /// `{n}` years before the present; `{n}` is a compact number
    /// (`66 million`, `6600萬`).
    pub years_ago: &'static str,
    /// `{n}` years after the present.
    pub years_ahead: &'static str,
    /// A date followed by a time of day.
    pub date_time: &'static str,
    /// A date-time followed by its UTC offset (`UTC+8`).
    pub with_zone: &'static str,
    /// The separator between a label and its value (`2021: 3,330`).
    pub colon: &'static str,
    /// The accessible name of the list of the events in view.
    pub events_list: &'static str,
    /// The list's last line when more events are in view than it names.
    pub more_after: &'static str,
    /// The list's first line when it starts after the first event in view.
    pub more_before: &'static str,
    /// An event in the list and in announcements: title and date.
    pub title_date: &'static str,
    /// The live region after a zoom or pan: the window and its events.
    pub window_status: &'static str,
    /// Counts of events (`event_count`): none, one, and `{n}`.
    pub no_events: &'static str,
    pub one_event: &'static str,
    pub events_n: &'static str,
}

const EN: Strings = Strings {
    other_lane: "Other",
    read_more: "Read more",
    close: "Close",
    source: "Source",
    note: "Note",
    loading: "Loading timeline…",
    no_data: "This dataset has nothing to show. The timeline reads a Chronoscope dataset, TimelineJS JSON, a TimelineJS sheet (CSV) or a series CSV.",
    error_title: "The timeline could not be shown",
    zoom_hint_mac: "Use ⌘ + scroll to zoom, or click the timeline first",
    zoom_hint: "Use Ctrl + scroll to zoom, or click the timeline first",
    instructions: "Drag to move through time, Ctrl + scroll or pinch to zoom, click an event to read it. Keys: + and − zoom, arrow keys move (or step through events once one is selected), Page Up and Page Down move further, Home and End go to the first and last event, Enter opens an event, 0 shows everything, Escape closes. After the timeline comes a list of the events in view: arrow keys move through it, Enter opens an event.",
    cluster_heading: "events here",
    timeline: "Timeline",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit_all: "Show everything",
    previous: "Previous",
    next: "Next",
    navigator: "Overview of the whole timeline",
    download_image: "Download image",
    retry: "Retry",
    reload_failed: "The new data could not be loaded; the previous data is still shown.",
    present: "present",
    years_ago: "{n} years ago",
    years_ahead: "{n} years from now",
    date_time: "{date}, {time}",
    with_zone: "{datetime} {zone}",
    colon: ": ",
    events_list: "Events in view",
    more_after: "{n} more: zoom in to list them",
    more_before: "{n} earlier: zoom in to list them",
    title_date: "{title}, {date}",
    window_status: "{range}, {events}",
    no_events: "no events",
    one_event: "1 event",
    events_n: "{n} events",
};

const ZH_HANT: Strings = Strings {
    other_lane: "其他",
    read_more: "閱讀全文",
    close: "關閉",
    source: "資料來源",
    note: "附註",
    loading: "正在載入時間軸…",
    no_data: "這份資料沒有可顯示的內容。時間軸可讀取 Chronoscope 資料集、TimelineJS 的 JSON、TimelineJS 試算表（CSV）或數列 CSV。",
    error_title: "無法顯示時間軸",
    zoom_hint_mac: "按住 ⌘ 並捲動即可縮放，或先點選時間軸",
    zoom_hint: "按住 Ctrl 並捲動即可縮放，或先點選時間軸",
    instructions: "拖曳可沿時間移動，按住 Ctrl 捲動或雙指縮放可放大縮小，點選事件可閱讀內容。鍵盤：+ 與 − 縮放，方向鍵移動（選定事件後則逐則切換），Page Up 與 Page Down 移動較遠，Home 與 End 前往第一則與最後一則事件，Enter 開啟事件，0 顯示全部，Esc 關閉。時間軸之後是畫面中事件的清單：以方向鍵逐則移動，Enter 開啟事件。",
    cluster_heading: "則事件",
    timeline: "時間軸",
    zoom_in: "放大",
    zoom_out: "縮小",
    fit_all: "顯示全部",
    previous: "上一則",
    next: "下一則",
    navigator: "整條時間軸的縮圖",
    download_image: "下載圖片",
    retry: "重試",
    reload_failed: "無法載入新資料，仍顯示先前的資料。",
    present: "現在",
    years_ago: "{n}年前",
    years_ahead: "{n}年後",
    date_time: "{date} {time}",
    with_zone: "{datetime} ({zone})",
    colon: "：",
    events_list: "畫面中的事件",
    more_after: "還有 {n} 則：放大即可列出",
    more_before: "前面還有 {n} 則：放大即可列出",
    title_date: "{title}，{date}",
    window_status: "{range}，{events}",
    no_events: "沒有事件",
    one_event: "1 則事件",
    events_n: "{n} 則事件",
};

const ZH_HANS: Strings = Strings {
    other_lane: "其他",
    read_more: "阅读全文",
    close: "关闭",
    source: "资料来源",
    note: "附注",
    loading: "正在加载时间轴…",
    no_data: "这份数据没有可显示的内容。时间轴可读取 Chronoscope 数据集、TimelineJS 的 JSON、TimelineJS 表格（CSV）或数据序列 CSV。",
    error_title: "无法显示时间轴",
    zoom_hint_mac: "按住 ⌘ 并滚动即可缩放，或先点选时间轴",
    zoom_hint: "按住 Ctrl 并滚动即可缩放，或先点选时间轴",
    instructions: "拖动可沿时间移动，按住 Ctrl 滚动或双指缩放可放大缩小，点选事件可阅读内容。键盘：+ 与 − 缩放，方向键移动（选定事件后则逐则切换），Page Up 与 Page Down 移动较远，Home 与 End 前往第一则与最后一则事件，Enter 打开事件，0 显示全部，Esc 关闭。时间轴之后是画面中事件的列表：用方向键逐则移动，Enter 打开事件。",
    cluster_heading: "则事件",
    timeline: "时间轴",
    zoom_in: "放大",
    zoom_out: "缩小",
    fit_all: "显示全部",
    previous: "上一则",
    next: "下一则",
    navigator: "整条时间轴的缩略图",
    download_image: "下载图片",
    retry: "重试",
    reload_failed: "无法加载新数据，仍显示之前的数据。",
    present: "现在",
    years_ago: "{n}年前",
    years_ahead: "{n}年后",
    date_time: "{date} {time}",
    with_zone: "{datetime} ({zone})",
    colon: "：",
    events_list: "画面中的事件",
    more_after: "还有 {n} 则：放大即可列出",
    more_before: "前面还有 {n} 则：放大即可列出",
    title_date: "{title}，{date}",
    window_status: "{range}，{events}",
    no_events: "没有事件",
    one_event: "1 则事件",
    events_n: "{n} 则事件",
};

const JA: Strings = Strings {
    other_lane: "その他",
    read_more: "続きを読む",
    close: "閉じる",
    source: "出典",
    note: "注",
    loading: "タイムラインを読み込んでいます…",
    no_data: "このデータには表示できる内容がありません。タイムラインが読み込めるのは Chronoscope のデータセット、TimelineJS の JSON、TimelineJS のシート（CSV）、系列データの CSV です。",
    error_title: "タイムラインを表示できませんでした",
    zoom_hint_mac: "⌘ を押しながらスクロールすると拡大・縮小できます。先にタイムラインをクリックしても操作できます",
    zoom_hint: "Ctrl を押しながらスクロールすると拡大・縮小できます。先にタイムラインをクリックしても操作できます",
    instructions: "ドラッグで時間を移動し、Ctrl を押しながらのスクロールかピンチで拡大・縮小、出来事をクリックすると内容を読めます。キー操作：+ と − で拡大・縮小、矢印キーで移動（出来事を選んだ後は一件ずつ切り替え）、Page Up と Page Down で大きく移動、Home と End で最初と最後の出来事へ、Enter で出来事を開く、0 で全体を表示、Esc で閉じる。タイムラインの次には表示中の出来事の一覧があり、矢印キーで移動し、Enter で出来事を開けます。",
    cluster_heading: "件の出来事",
    timeline: "タイムライン",
    zoom_in: "拡大",
    zoom_out: "縮小",
    fit_all: "全体を表示",
    previous: "前へ",
    next: "次へ",
    navigator: "タイムライン全体の概観",
    download_image: "画像をダウンロード",
    retry: "再試行",
    reload_failed: "新しいデータを読み込めませんでした。前のデータを表示しています。",
    present: "現在",
    years_ago: "{n}年前",
    years_ahead: "{n}年後",
    date_time: "{date} {time}",
    with_zone: "{datetime} ({zone})",
    colon: "：",
    events_list: "表示中の出来事",
    more_after: "ほかに{n}件：拡大すると一覧に出ます",
    more_before: "この前に{n}件：拡大すると一覧に出ます",
    title_date: "{title}、{date}",
    window_status: "{range}、{events}",
    no_events: "出来事なし",
    one_event: "1件の出来事",
    events_n: "{n}件の出来事",
};

const KO: Strings = Strings {
    other_lane: "기타",
    read_more: "자세히 보기",
    close: "닫기",
    source: "출처",
    note: "참고",
    loading: "타임라인을 불러오는 중…",
    no_data: "이 데이터에는 표시할 내용이 없습니다. 타임라인은 Chronoscope 데이터셋, TimelineJS JSON, TimelineJS 시트(CSV), 계열 데이터 CSV를 읽을 수 있습니다.",
    error_title: "타임라인을 표시할 수 없습니다",
    zoom_hint_mac: "⌘ 키를 누른 채 스크롤하면 확대·축소됩니다. 먼저 타임라인을 클릭해도 됩니다",
    zoom_hint: "Ctrl 키를 누른 채 스크롤하면 확대·축소됩니다. 먼저 타임라인을 클릭해도 됩니다",
    instructions: "끌어서 시간을 이동하고, Ctrl 키를 누른 채 스크롤하거나 두 손가락으로 확대·축소하며, 사건을 클릭하면 내용을 읽을 수 있습니다. 키보드: + 와 − 로 확대·축소, 화살표 키로 이동(사건을 선택한 뒤에는 하나씩 넘김), Page Up 과 Page Down 으로 크게 이동, Home 과 End 로 첫 사건과 마지막 사건으로 이동, Enter 로 사건 열기, 0 으로 전체 보기, Esc 로 닫기. 타임라인 다음에는 화면에 보이는 사건 목록이 있으며, 화살표 키로 이동하고 Enter 로 사건을 엽니다.",
    cluster_heading: "개의 사건",
    timeline: "타임라인",
    zoom_in: "확대",
    zoom_out: "축소",
    fit_all: "전체 보기",
    previous: "이전",
    next: "다음",
    navigator: "전체 타임라인 개요",
    download_image: "이미지 다운로드",
    retry: "다시 시도",
    reload_failed: "새 데이터를 불러오지 못했습니다. 이전 데이터를 계속 표시합니다.",
    present: "현재",
    years_ago: "{n}년 전",
    years_ahead: "{n}년 후",
    date_time: "{date} {time}",
    with_zone: "{datetime} ({zone})",
    colon: ": ",
    events_list: "화면에 보이는 사건",
    more_after: "{n}개 더 있음: 확대하면 목록에 나옵니다",
    more_before: "앞에 {n}개 더 있음: 확대하면 목록에 나옵니다",
    title_date: "{title}, {date}",
    window_status: "{range}, {events}",
    no_events: "사건 없음",
    one_event: "사건 1개",
    events_n: "사건 {n}개",
};

const AR: Strings = Strings {
    other_lane: "أخرى",
    read_more: "اقرأ المزيد",
    close: "إغلاق",
    source: "المصدر",
    note: "ملاحظة",
    loading: "جارٍ تحميل الخط الزمني…",
    no_data: "لا تحتوي هذه البيانات على شيء يمكن عرضه. يقرأ الخط الزمني مجموعة بيانات Chronoscope أو ملف JSON من TimelineJS أو جدول TimelineJS ‏(CSV) أو ملف CSV لسلسلة بيانات.",
    error_title: "تعذّر عرض الخط الزمني",
    zoom_hint_mac: "استخدم ⌘ مع التمرير للتكبير، أو انقر على الخط الزمني أولًا",
    zoom_hint: "استخدم Ctrl مع التمرير للتكبير، أو انقر على الخط الزمني أولًا",
    instructions: "اسحب للتنقل عبر الزمن، واستخدم Ctrl مع التمرير أو القرص بإصبعين للتكبير والتصغير، وانقر على حدث لقراءته. المفاتيح: + و − للتكبير والتصغير، ومفاتيح الأسهم للتحريك (أو للتنقل بين الأحداث بعد تحديد أحدها)، وPage Up وPage Down لتحريك أبعد، وHome وEnd للانتقال إلى أول حدث وآخره، وEnter لفتح الحدث، و0 لعرض كل شيء، وEsc للإغلاق. وبعد الخط الزمني قائمة بالأحداث المعروضة: تنقّل فيها بمفاتيح الأسهم، واضغط Enter لفتح الحدث.",
    cluster_heading: "أحداث هنا",
    timeline: "الخط الزمني",
    zoom_in: "تكبير",
    zoom_out: "تصغير",
    fit_all: "عرض الكل",
    previous: "السابق",
    next: "التالي",
    navigator: "نظرة عامة على الخط الزمني كاملًا",
    download_image: "تنزيل الصورة",
    retry: "إعادة المحاولة",
    reload_failed: "تعذّر تحميل البيانات الجديدة؛ لا تزال البيانات السابقة معروضة.",
    present: "الحاضر",
    years_ago: "قبل {n} سنة",
    years_ahead: "بعد {n} سنة",
    date_time: "{date}، {time}",
    with_zone: "{datetime} {zone}",
    colon: ": ",
    events_list: "الأحداث المعروضة",
    more_after: "{n} أخرى: كبّر العرض لإظهارها في القائمة",
    more_before: "{n} قبلها: كبّر العرض لإظهارها في القائمة",
    title_date: "{title}، {date}",
    window_status: "{range}، {events}",
    no_events: "لا أحداث",
    one_event: "حدث واحد",
    events_n: "{n} حدث",
};

/// The strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::ZhHant => &ZH_HANT,
        Lang::ZhHans => &ZH_HANS,
        Lang::Ja => &JA,
        Lang::Ko => &KO,
        Lang::Ar => &AR,
    }
}

/// "3 events here" / "3 則事件" / "3件の出来事" / "3개의 사건" / "3 أحداث هنا".
pub fn cluster_title(n: usize, lang: Lang) -> String {
    let sep = if lang == Lang::Ja || lang == Lang::Ko {
        ""
    } else {
        " "
    };
    format!("{n}{sep}{}", strings(lang).cluster_heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_words() {
        assert_eq!(strings(Lang::En).close, "Close");
        assert_eq!(strings(Lang::ZhHant).close, "關閉");
        assert_eq!(strings(Lang::ZhHans).close, "关闭");
        assert_eq!(cluster_title(3, Lang::ZhHant), "3 則事件");
        assert_eq!(cluster_title(3, Lang::En), "3 events here");
    }
}
