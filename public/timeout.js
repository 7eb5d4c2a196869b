// Timeout warning (WCAG 2.2.1, universal-design.md R41–R42): a progressive layer
// over pages that work without it. Two minutes before the session's idle limit
// deletes the unsent answers, a modal dialog says so and offers one-click more
// time; Escape does the same. When the time is up the browser goes where the
// server said (the timeout page, or a fresh start page on a shared device).
// The server states the seconds left; the clock here only counts them down.
(function () {
  'use strict';

  var WARN_BEFORE_SECONDS = 120;
  var dialog = document.getElementById('timeout-warning');
  if (!dialog || typeof dialog.showModal !== 'function' || !window.fetch) return;

  var text = document.getElementById('timeout-text');
  var extendButton = dialog.querySelector('[data-extend]');
  var csrf = dialog.querySelector('input[name="_csrf"]');
  var deadline = 0;
  var shownMinutes = -1;

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function restart(expiresInSeconds) {
    deadline = Date.now() + expiresInSeconds * 1000;
    shownMinutes = -1;
  }

  function say(seconds) {
    var minutes = Math.max(1, Math.ceil(seconds / 60));
    if (minutes === shownMinutes) return;
    shownMinutes = minutes;
    var template = minutes === 1 ? text.getAttribute('data-one') : text.getAttribute('data-many');
    text.textContent = template.replace('{minutes}', String(minutes));
  }

  function extend() {
    var body = new URLSearchParams();
    body.set('_csrf', csrf.value);
    fetch(dialog.getAttribute('data-extend-action'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (res) {
        if (!res.ok || (res.headers.get('Content-Type') || '').indexOf('application/json') !== 0) throw new Error('not extended');
        return res.json();
      })
      .then(function (answer) {
        restart(answer.expiresInSeconds);
      })
      .catch(function () {
        // The session is already gone: show the page that says what happened.
        window.location.assign(dialog.getAttribute('data-expired-href'));
      });
  }

  function tick() {
    var seconds = secondsLeft();
    if (seconds === 0) {
      window.clearInterval(timer);
      window.location.assign(dialog.getAttribute('data-expired-href'));
      return;
    }
    if (seconds <= WARN_BEFORE_SECONDS) {
      say(seconds);
      if (!dialog.open) dialog.showModal();
    }
  }

  extendButton.addEventListener('click', function () {
    dialog.close('extend');
  });
  // Escape closes a modal dialog: the person is here, so that extends too.
  dialog.addEventListener('close', function () {
    if (secondsLeft() > 0) extend();
  });

  restart(Number(dialog.getAttribute('data-expires-in')));
  var timer = window.setInterval(tick, 1000);
})();
