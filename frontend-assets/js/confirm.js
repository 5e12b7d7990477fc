// Inline confirmations on the order page. Without this script, "Cancel waiting items…",
// "Accept the substitute…" and "No thanks…" are links to a page that says what will happen
// and holds the button that does it. With it, the same confirmation (the server renders it,
// asked with X-Confirm-Inline) opens in the item's slot, the keyboard focus moves into it,
// and "Keep my order as it is" or Escape closes it and gives the focus back.
(function () {
  'use strict';

  function slotOf(trigger) {
    var item = trigger.closest('.line, .offer');
    return item ? item.querySelector('[data-confirm-slot]') : null;
  }

  function close(panel, trigger) {
    panel.remove();
    if (trigger && document.body.contains(trigger)) {
      trigger.setAttribute('aria-expanded', 'false');
      trigger.focus();
    }
  }

  function open(trigger) {
    var slot = slotOf(trigger);
    if (!slot) {
      window.location.assign(trigger.href);
      return;
    }
    var current = slot.querySelector('.confirm-panel');
    if (current) {
      current.querySelector('.confirm-heading').focus();
      return;
    }
    fetch(trigger.href, { headers: { 'X-Confirm-Inline': '1' }, credentials: 'same-origin' })
      .then(function (response) {
        // an offer that closed, or access that ended: the page itself says what happened
        if (!response.ok || response.redirected) {
          window.location.assign(response.url || trigger.href);
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var panel = template.content.querySelector('.confirm-panel');
        if (!panel) {
          window.location.assign(trigger.href);
          return;
        }
        slot.appendChild(panel);
        trigger.setAttribute('aria-expanded', 'true');
        panel.setAttribute('data-trigger', trigger.id);
        var first = panel.querySelector('select, button');
        (first || panel.querySelector('.confirm-heading')).focus();
      })
      .catch(function () {
        window.location.assign(trigger.href);
      });
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    var trigger = target.closest('a[data-confirm]');
    if (trigger) {
      event.preventDefault();
      open(trigger);
      return;
    }
    var closer = target.closest('[data-confirm-close]');
    var panel = closer ? closer.closest('.confirm-panel') : null;
    if (panel && panel.closest('[data-confirm-slot]')) {
      event.preventDefault();
      close(panel, document.getElementById(panel.getAttribute('data-trigger')));
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }
    var panel = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('[data-confirm-slot] .confirm-panel') : null;
    if (panel) {
      close(panel, document.getElementById(panel.getAttribute('data-trigger')));
    }
  });

  // An e-mail's link picks a choice out (?focus=accept-offer-12#offer-12): the server marks its
  // control autofocus, and the fragment scrolls its item into view. Going to the fragment takes
  // the focus away again (the item itself is not focusable, so the browser moves it to the page),
  // which happens before the load event; so once the page has loaded the control gets it back,
  // unless the customer has put it somewhere already.
  function focusPicked() {
    var picked = document.querySelector('.order-page [autofocus]');
    if (picked && (!document.activeElement || document.activeElement === document.body)) {
      picked.focus();
    }
  }

  if (document.readyState === 'complete') {
    focusPicked();
  }
  else {
    window.addEventListener('load', focusPicked);
  }

})();
