// The page's own anchor, which the widgets must keep.
if (!location.hash) history.replaceState(null, '', '#intro');
