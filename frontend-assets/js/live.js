// Live updates for pages that follow an event stream: the order status page and the staff
// dashboard, order and substitution pages. The element with data-events names the stream; each event carries freshly
// rendered fragments (elements with ids), and every element here with the same id is
// swapped in place, nothing else is touched. Pages work without this script.
//   data-events       the stream's address
//   data-event-name   the events to listen to (default "order")
//   data-last-event-id  the last event the page was rendered with; the server replays
//                     anything newer
// A .live-cue element inside says data-updated politely after each swap.
(function () {
  'use strict';

  var page = document.querySelector('[data-events]');
  if (!page || !window.EventSource) {
    return;
  }
  var url = page.getAttribute('data-events');
  if (!url) {
    return;
  }
  var eventName = page.getAttribute('data-event-name') || 'order';
  var cue = page.querySelector('.live-cue');
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
    // a template parses any fragment, table rows and bodies too, which a body would drop
    var fresh = document.createElement('template');
    fresh.innerHTML = html;
    var swapped = false;
    Array.prototype.forEach.call(fresh.content.children, function (element) {
      if (!element.id) {
        return;
      }
      var current = document.getElementById(element.id);
      if (current) {
        current.replaceWith(document.importNode(element, true));
        swapped = true;
      }
    });
    if (swapped && window.BackorderStaff) {
      window.BackorderStaff.enhanceTables(document);
    }
    return swapped;
  }

  // The page was rendered up to this event; the server replays anything newer.
  var lastEventId = page.getAttribute('data-last-event-id');
  if (lastEventId && lastEventId !== '0') {
    url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastEventId);
  }
  var source = new EventSource(url);
  source.addEventListener(eventName, function (event) {
    if (swap(event.data)) {
      announce();
    }
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
