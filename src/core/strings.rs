//! The widget's own words (buttons, hints, messages) in each language.

use super::locale::Lang;

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
}

const EN: Strings = Strings {
    other_lane: "Other",
    read_more: "Read more",
    close: "Close",
    source: "Source",
    note: "Note",
    loading: "Loading timeline…",
    no_data: "This dataset has nothing to show.",
    error_title: "The timeline could not be shown",
    zoom_hint_mac: "Use ⌘ + scroll to zoom, or click the timeline first",
    zoom_hint: "Use Ctrl + scroll to zoom, or click the timeline first",
    instructions: "Drag to move through time, Ctrl + scroll or pinch to zoom, click an event to read it. Keys: + and − zoom, arrow keys move (or step through events once one is selected), Page Up and Page Down move further, Home and End go to the first and last event, Enter opens an event, 0 shows everything, Escape closes.",
    cluster_heading: "events here",
    timeline: "Timeline",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit_all: "Show everything",
    previous: "Previous",
    next: "Next",
    navigator: "Overview of the whole timeline",
};

const ZH_HANT: Strings = Strings {
    other_lane: "其他",
    read_more: "閱讀全文",
    close: "關閉",
    source: "資料來源",
    note: "附註",
    loading: "正在載入時間軸…",
    no_data: "這份資料沒有可顯示的內容。",
    error_title: "無法顯示時間軸",
    zoom_hint_mac: "按住 ⌘ 並捲動即可縮放，或先點選時間軸",
    zoom_hint: "按住 Ctrl 並捲動即可縮放，或先點選時間軸",
    instructions: "拖曳可沿時間移動，按住 Ctrl 捲動或雙指縮放可放大縮小，點選事件可閱讀內容。鍵盤：+ 與 − 縮放，方向鍵移動（選定事件後則逐則切換），Page Up 與 Page Down 移動較遠，Home 與 End 前往第一則與最後一則事件，Enter 開啟事件，0 顯示全部，Esc 關閉。",
    cluster_heading: "則事件",
    timeline: "時間軸",
    zoom_in: "放大",
    zoom_out: "縮小",
    fit_all: "顯示全部",
    previous: "上一則",
    next: "下一則",
    navigator: "整條時間軸的縮圖",
};

const ZH_HANS: Strings = Strings {
    other_lane: "其他",
    read_more: "阅读全文",
    close: "关闭",
    source: "资料来源",
    note: "附注",
    loading: "正在加载时间轴…",
    no_data: "这份数据没有可显示的内容。",
    error_title: "无法显示时间轴",
    zoom_hint_mac: "按住 ⌘ 并滚动即可缩放，或先点选时间轴",
    zoom_hint: "按住 Ctrl 并滚动即可缩放，或先点选时间轴",
    instructions: "拖动可沿时间移动，按住 Ctrl 滚动或双指缩放可放大缩小，点选事件可阅读内容。键盘：+ 与 − 缩放，方向键移动（选定事件后则逐则切换），Page Up 与 Page Down 移动较远，Home 与 End 前往第一则与最后一则事件，Enter 打开事件，0 显示全部，Esc 关闭。",
    cluster_heading: "则事件",
    timeline: "时间轴",
    zoom_in: "放大",
    zoom_out: "缩小",
    fit_all: "显示全部",
    previous: "上一则",
    next: "下一则",
    navigator: "整条时间轴的缩略图",
};

/// The strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::ZhHant => &ZH_HANT,
        Lang::ZhHans => &ZH_HANS,
    }
}

/// "3 events here" / "3 則事件".
pub fn cluster_title(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} {}", EN.cluster_heading),
        Lang::ZhHant => format!("{n} {}", ZH_HANT.cluster_heading),
        Lang::ZhHans => format!("{n} {}", ZH_HANS.cluster_heading),
    }
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
