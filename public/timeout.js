// Timeout warning (WCAG 2.2.1, universal-design.md R41–R42): a progressive layer
// over pages that work without it. Two minutes before the session's idle limit
// deletes the unsent answers, a modal dialog says so and offers one-click more
// time; Escape does the same. When the time is up the page posts the expiry
// form: the server ends the session even if its own clock is a second behind,
// and answers with the timeout page, or a fresh start page on a shared device.
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
  var warnBefore = WARN_BEFORE_SECONDS;
  var shownMinutes = -1;
  var expired = false;
  // Between a press of «Fortsett» and the server's answer: the old deadline no longer holds,
  // so the warning must not come back on a slow connection while the answer is on its way.
  var extending = false;

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function restart(expiresInSeconds) {
    deadline = Date.now() + expiresInSeconds * 1000;
    // A limit shorter than four minutes (a test set-up) is warned about halfway.
    warnBefore = Math.min(WARN_BEFORE_SECONDS, Math.floor(expiresInSeconds / 2));
    shownMinutes = -1;
  }

  // A form posted like any other (CSRF token included), so the browser follows the answer.
  function expire() {
    if (expired) return;
    expired = true;
    window.clearInterval(timer);
    var form = document.createElement('form');
    form.method = 'post';
    form.action = dialog.getAttribute('data-expire-action');
    var token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = csrf.value;
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
  }

  function say(seconds) {
    var minutes = Math.max(1, Math.ceil(seconds / 60));
    if (minutes === shownMinutes) return;
    shownMinutes = minutes;
    var template = minutes === 1 ? text.getAttribute('data-one') : text.getAttribute('data-many');
    text.textContent = template.replace('{minutes}', String(minutes));
  }

  function extend() {
    extending = true;
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
        extending = false;
        restart(answer.expiresInSeconds);
      })
      .catch(function () {
        // The session is already gone: the server says what happened.
        expire();
      });
  }

  function tick() {
    if (extending) return;
    var seconds = secondsLeft();
    if (seconds === 0) return expire();
    if (seconds <= warnBefore) {
      say(seconds);
      if (!dialog.open) dialog.showModal();
    }
  }

  extendButton.addEventListener('click', function () {
    dialog.close('extend');
  });
  // Escape closes a modal dialog: the person is here, so that extends too.
  dialog.addEventListener('close', function () {
    if (!expired && secondsLeft() > 0) extend();
  });

  restart(Number(dialog.getAttribute('data-expires-in')));
  var timer = window.setInterval(tick, 1000);
})();
