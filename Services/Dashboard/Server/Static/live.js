// Live pages: the dashboard sends a Server-Sent Event for every change of its view; the page
// fetches itself again and swaps its <main> in place, without a reload. A lost connection is
// reopened by the browser, and the first event after it carries the current version, so a page
// that missed changes catches up at once. Served by the dashboard itself: nothing from a CDN.
(function () {
  var shown = Number(document.body.dataset.version || 0);
  var status = document.getElementById('live');
  var pending = null;
  function refresh() {
    pending = null;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var main = page.querySelector('main');
        if (!main) { return; }
        document.querySelector('main').replaceWith(main);
        shown = Number(page.body.dataset.version || shown);
        document.body.dataset.version = String(shown);
        if (status) { status.textContent = 'Live: updated ' + new Date().toLocaleTimeString(); }
      })
      .catch(function () { if (status) { status.textContent = 'Update failed; retrying with the next change'; } });
  }
  var source = new EventSource('/events');
  source.addEventListener('change', function (event) {
    var change = JSON.parse(event.data);
    if (change.version > shown && pending === null) { pending = setTimeout(refresh, 200); }
  });
  source.addEventListener('open', function () { if (status) { status.textContent = 'Live'; } });
  source.addEventListener('error', function () { if (status) { status.textContent = 'Reconnecting…'; } });
})();
