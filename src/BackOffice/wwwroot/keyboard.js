// Keyboard access that Radzen's DataGrid (11.x) lacks: sortable column headers take focus and sort with
// Enter or Space, and Enter or Space on a pager button turns the page (Radzen's own key handling swallows it).
(() => {
  const sortable = 'th.rz-sortable-column';
  const pager = '.rz-pager button:not([disabled])';
  const focusable = () => document.querySelectorAll(`${sortable}:not([tabindex])`).forEach(th => th.tabIndex = 0);
  new MutationObserver(focusable).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('keydown', e => {
    if ((e.key !== 'Enter' && e.key !== ' ') || e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target.closest && (e.target.matches(sortable) ? e.target : e.target.closest(pager));
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    // Radzen listens on the header's title, not on the cell.
    (target.querySelector('.rz-column-title') || target).click();
  }, true);
})();

// Moves focus to an element once Blazor has rendered it (after a form closes, to its result).
window.boFocus = selector => {
  const el = document.querySelector(selector);
  if (el) { el.focus(); el.scrollIntoView({ block: 'nearest' }); }
};
