// Live updates for the order status page. The page works without this script; with it,
// each server-sent event carries freshly rendered fragments (elements with ids), and
// every element here with the same id is swapped in place, nothing else is touched.
(function () {
  'use strict';

  var page = document.getElementById('order-page');
  if (!page || !window.EventSource || !window.DOMParser) {
    return;
  }
  var url = page.getAttribute('data-events');
  if (!url) {
    return;
  }
  var cue = document.getElementById('order-live');
  var cueTimer = null;

  function announce() {
    if (!cue) {
      return;
    }
    // Clear first so screen readers announce the same words again after a later update.
    cue.textContent = '';
    window.setTimeout(function () {
      cue.textContent = cue.getAttribute('data-updated') || '';
    }, 50);
    window.clearTimeout(cueTimer);
    cueTimer = window.setTimeout(function () {
      cue.textContent = '';
    }, 10000);
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html').body;
    var swapped = false;
    Array.prototype.forEach.call(fresh.children, function (element) {
      if (!element.id) {
        return;
      }
      var current = document.getElementById(element.id);
      if (current) {
        current.replaceWith(document.importNode(element, true));
        swapped = true;
      }
    });
    return swapped;
  }

  // The page was rendered up to this event; the server replays anything newer.
  var lastEventId = page.getAttribute('data-last-event-id');
  if (lastEventId && lastEventId !== '0') {
    url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastEventId);
  }
  var source = new EventSource(url);
  source.addEventListener('order', function (event) {
    if (swap(event.data)) {
      announce();
    }
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
