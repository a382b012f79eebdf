// When the server no longer knows this page's session – its instance was restarted or died, and the proxy sent the
// reconnection to another instance – the page loads again from its address: what it showed (filters, selection, the
// open case) is in the address, and the sign-in holds on every instance. The German dialog says so meanwhile.
// Blazor raises the event on its dialog without bubbling; listening while it travels down (capture) hears it.
document.addEventListener('components-reconnect-state-changed', event => {
  if (event.detail && event.detail.state === 'rejected') location.reload();
}, true);
