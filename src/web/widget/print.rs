//! Printing: the events of the window as a list below the chart (filled on
//! `beforeprint`, emptied on `afterprint`; hidden on screen, `style.rs`).

use super::State;
use crate::web::dom::{self, set_attr};
use web_sys::HtmlElement;

/// The most events the printed list names (then a count of the rest).
const PRINT_LIST_MAX: usize = 2000;

/// The printed list.
pub(super) struct PrintList {
    list: HtmlElement,
}

impl PrintList {
    pub fn new(list: HtmlElement) -> PrintList {
        PrintList { list }
    }

    pub fn remove(&self) {
        self.list.remove();
    }
}

impl State {
    /// `beforeprint`: writes the events of the current window, in time
    /// order, into the print-only list below the chart (dates as on the
    /// card). At most [`PRINT_LIST_MAX`] are listed.
    pub(super) fn fill_print_list(&mut self) {
        let list = &self.print.list;
        dom::clear(list);
        // The frame's language and direction (the list is outside it).
        set_attr(list, "lang", self.lang.tag());
        match self.frame.get_attribute("dir") {
            Some(dir) => set_attr(list, "dir", &dir),
            None => {
                let _ = list.remove_attribute("dir");
            }
        }
        let (Some(ds), Some(view)) = (self.data.dataset(), self.view.window()) else {
            return;
        };
        let in_view = ds.events.iter().enumerate().filter(|(_, e)| {
            let end = e.end.as_ref().map_or(e.start.ms, |t| t.ms.max(e.start.ms));
            e.start.ms <= view.end && end >= view.start
        });
        let mut shown = Vec::new();
        let mut more = 0usize;
        for (i, _) in in_view {
            if shown.len() < PRINT_LIST_MAX {
                shown.push(i);
            } else {
                more += 1;
            }
        }
        let fmt = self.page_formatter(ds);
        dom::fill_print_list(
            &self.doc,
            list,
            ds,
            &shown,
            more,
            self.lang,
            fmt.as_formatter(),
        );
    }

    /// `afterprint`: the list is emptied again.
    pub(super) fn clear_print_list(&mut self) {
        dom::clear(&self.print.list);
    }
}
