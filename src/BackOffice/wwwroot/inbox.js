// Keyboard shortcuts of the Posteingang. Keys typed into a field stay in the field.
window.boInbox = {
  attach(dotnet) {
    this.detach();
    this.handler = e => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      // Escape closes an open form from inside it, too.
      if (e.key === 'Escape') { dotnet.invokeMethodAsync('OnShortcut', 'Escape'); return; }
      if (t.closest && t.closest('input, textarea, select, [contenteditable="true"], .rz-dropdown, dialog')) return;
      // Enter on a row of the list opens it; on any other link or button it does what that control does.
      const onControl = t.closest && t.closest('a, button, summary') && !t.closest('.bo-inbox-table');
      const keys = ['j', 'k', 'ArrowDown', 'ArrowUp', 'a', 'f', 'c', 'x', '?', 'Escape'];
      if (e.key === 'Enter' && !onControl) { e.preventDefault(); dotnet.invokeMethodAsync('OnShortcut', 'Enter'); return; }
      if (!keys.includes(e.key)) return;
      e.preventDefault();
      dotnet.invokeMethodAsync('OnShortcut', e.key);
    };
    document.addEventListener('keydown', this.handler);
  },
  detach() {
    if (this.handler) document.removeEventListener('keydown', this.handler);
    this.handler = null;
  },
  focus(selector) { window.boFocus(selector); }
};
