// Live updates for pages that follow an event stream: the order status page and the staff
// dashboard, order and substitution pages. The element with data-events names the stream; each
// event carries freshly rendered fragments (elements with ids), and every element here with the
// same id is swapped in place, nothing else is touched. An event with empty data brings only a
// newer id (the page shows that event already), kept to reconnect with. Pages work without this
// script.
//   data-events         the stream's address
//   data-event-name     the events to listen to (default "order")
//   data-last-event-id  the last event the page was rendered with; the server replays anything newer
// A .live-cue element inside says data-updated politely after each swap, data-reconnecting
// while the stream is away, and data-ended once access to the stream ended.
//
// The stream gives up only when access ended (a customer's links were revoked, a staff session
// ended): after any other error (the network, a 500 or 503, an instance that stopped) it
// reconnects with a growing, jittered delay, to whichever instance answers, asking for
// everything after the last event it applied. The browser's own EventSource retry is not used:
// it stops for good after an HTTP error, and a new EventSource sends no Last-Event-ID. An
// EventSource does not say which HTTP error it met, so after one the address is asked again
// with fetch: a 401 or 403, or a redirect (to a login page), means access ended, and the cue
// says so instead of reconnecting for ever.
//
// Tabs of one browser showing the same stream share one connection (browsers allow six per
// host over HTTP/1.1): one tab, holding a Web Lock, is the leader and reads the stream; it passes
// each event to the other tabs over a BroadcastChannel. When the leader closes, its lock passes
// to another tab, which opens the stream from the last event it has. Without Web Locks (plain
// http on another host than localhost) every tab reads its own stream.
(function () {
  'use strict';

  var page = document.querySelector('[data-events]');
  if (!page || !window.EventSource) {
    return;
  }
  var address = page.getAttribute('data-events');
  if (!address) {
    return;
  }
  var eventName = page.getAttribute('data-event-name') || 'order';
  var cue = page.querySelector('.live-cue');
  var lastEventId = Number(page.getAttribute('data-last-event-id')) || 0;
  var cueTimer = null;
  var textTimer = null;
  var MAX_DELAY = 30000;

  function setCue(text, state) {
    page.setAttribute('data-live-state', state);
    if (!cue) {
      return;
    }
    window.clearTimeout(cueTimer);
    // a later state's words replace words of an earlier one not yet written
    window.clearTimeout(textTimer);
    // Clear first so screen readers announce the same words again after a later update.
    cue.textContent = '';
    textTimer = window.setTimeout(function () {
      cue.textContent = text;
    }, 50);
    if (state === 'updated') {
      cueTimer = window.setTimeout(function () {
        cue.textContent = '';
        page.setAttribute('data-live-state', 'live');
      }, 10000);
    }
  }

  function announceUpdated() {
    setCue(cue ? cue.getAttribute('data-updated') || '' : '', 'updated');
  }

  function announceReconnecting() {
    if (page.getAttribute('data-live-state') !== 'reconnecting') {
      setCue(cue ? cue.getAttribute('data-reconnecting') || '' : '', 'reconnecting');
    }
  }

  // A confirmation the customer has open in an item (confirm.js) stays open across an update.
  function keepOpenConfirmation(current, fresh) {
    var panel = current.querySelector('[data-confirm-slot] .confirm-panel');
    var slot = fresh.querySelector('[data-confirm-slot]');
    if (!panel || !slot) {
      return;
    }
    var focused = panel.contains(document.activeElement) ? document.activeElement : null;
    slot.appendChild(panel);
    var id = panel.getAttribute('data-trigger');
    var trigger = id ? fresh.querySelector('#' + CSS.escape(id)) : null;
    if (trigger) {
      trigger.setAttribute('aria-expanded', 'true');
    }
    if (focused) {
      // moving the panel took the focus from it; it goes back once the item is in place
      window.setTimeout(function () {
        focused.focus();
      }, 0);
    }
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
        var fresh = document.importNode(element, true);
        keepOpenConfirmation(current, fresh);
        current.replaceWith(fresh);
        swapped = true;
      }
    });
    if (swapped && window.BackorderStaff) {
      window.BackorderStaff.enhanceTables(document);
    }
    return swapped;
  }

  // Applies an event once, in order: a replay after reconnecting may repeat what a tab has.
  function apply(id, html) {
    var number = Number(id) || 0;
    if (number && number <= lastEventId) {
      return;
    }
    if (number) {
      lastEventId = number;
    }
    if (swap(html)) {
      announceUpdated();
    }
  }

  // Reads the stream itself, reconnecting after every error but lost access. Reports events and
  // its state ('reconnecting', 'open', 'caught-up', 'ended').
  function openStream(onEvent, onState) {
    var source = null;
    var timer = null;
    var failures = 0;
    var closed = false;
    var recovering = false;
    var quietTimer = null;

    function url() {
      if (!lastEventId) {
        return address;
      }
      return address + (address.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastEventId);
    }

    function connect() {
      if (closed) {
        return;
      }
      source = new EventSource(url());
      source.addEventListener('open', function () {
        failures = 0;
        if (recovering) {
          onState('open');
          // missed events are replayed at once; when none come the page was up to date
          window.clearTimeout(quietTimer);
          quietTimer = window.setTimeout(function () {
            if (recovering) {
              recovering = false;
              onState('caught-up');
            }
          }, 1500);
        }
      });
      source.addEventListener(eventName, function (event) {
        // an id alone changes nothing: the page is caught up when no fragments follow
        if (event.data) {
          recovering = false;
        }
        onEvent(event.lastEventId, event.data);
      });
      source.addEventListener('error', function () {
        // CLOSED: the server answered with an error, not a stream; else the stream broke
        var refused = source.readyState === EventSource.CLOSED;
        // whatever went wrong, the browser's own retry is not relied on
        source.close();
        if (closed) {
          return;
        }
        recovering = true;
        onState('reconnecting');
        failures++;
        if (refused && window.fetch && window.AbortController) {
          askWhy();
        }
        else {
          retry();
        }
      });
    }

    function retry() {
      var delay = Math.min(MAX_DELAY, 1000 * Math.pow(2, Math.min(failures - 1, 5)));
      timer = window.setTimeout(connect, delay / 2 + Math.random() * delay / 2);
    }

    // Asks the stream's address again to learn the status the EventSource met; a stream that
    // opens now is closed at once and opened again as usual.
    function askWhy() {
      var asking = new AbortController();
      fetch(url(), { headers: { Accept: 'text/event-stream' }, credentials: 'same-origin', cache: 'no-store',
        signal: asking.signal }).then(function (response) {
        asking.abort();
        if (response.status === 401 || response.status === 403 || response.redirected) {
          closed = true;
          onState('ended');
        }
        else {
          retry();
        }
      }, retry);
    }

    connect();
    return function close() {
      closed = true;
      window.clearTimeout(timer);
      window.clearTimeout(quietTimer);
      if (source) {
        source.close();
      }
    };
  }

  function showState(state) {
    if (state === 'ended') {
      setCue(cue ? cue.getAttribute('data-ended') || '' : '', 'ended');
    }
    else if (page.getAttribute('data-live-state') === 'ended') {
      // another tab may still be reconnecting; what ended stays said
    }
    else if (state === 'reconnecting') {
      announceReconnecting();
    }
    else if (state === 'caught-up') {
      announceUpdated();
    }
  }

  var channelName = 'backorder-live ' + eventName + ' ' + address;
  var shared = window.BroadcastChannel && navigator.locks && navigator.locks.request;
  if (!shared) {
    var closeOwn = openStream(apply, showState);
    window.addEventListener('pagehide', closeOwn);
    return;
  }

  var channel = new BroadcastChannel(channelName);
  var leading = false;
  var latest = null;

  channel.onmessage = function (message) {
    var data = message.data || {};
    if (data.type === 'event') {
      apply(data.id, data.html);
    }
    else if (data.type === 'state') {
      showState(data.state);
    }
    else if (data.type === 'hello' && leading && latest && Number(latest.id) > Number(data.last || 0)) {
      // a tab that opened later, or woke up, gets the newest fragments it lacks
      channel.postMessage(latest);
    }
  };
  channel.postMessage({ type: 'hello', last: lastEventId });

  // The lock is held until the tab goes away; the next tab waiting for it then leads.
  navigator.locks.request(channelName, function () {
    leading = true;
    return new Promise(function (resolve) {
      var closeStream = openStream(function (id, html) {
        var event = { type: 'event', id: id, html: html };
        // an event without fragments moves the id on only: a later tab still needs the newest
        latest = html || !latest ? event : { type: 'event', id: id, html: latest.html };
        channel.postMessage(event);
        apply(id, html);
      }, function (state) {
        channel.postMessage({ type: 'state', state: state });
        showState(state);
      });
      window.addEventListener('pagehide', function () {
        closeStream();
        resolve();
      });
    });
  });
})();
