/* Drafts of field forms, progressive enhancement only (issue 17: never lose typed work).
   While a person types, the browser keeps what the form holds (localStorage, under the form's signed owner
   marker: this person, this page; registry/typed_work.py) and, when the page is opened again without it,
   offers it back. A draft is marked as sent on submit and cleared by the next page that confirms a save; a
   form that comes back (errors, or restored by the server: data-bound) keeps its draft without offering it.
   Never kept: files, passwords, the CSRF token, the owner marker, anything named like a secret (the form's
   one-time token stays: it names the submission, so a restored form still creates once). Signing out forgets
   every draft: the next person on a shared device must not find them (wksbm/device_data.py). */
(function () {
  var PREFIX = "wksbm-draft:";
  var MAX_AGE = 3 * 24 * 3600 * 1000; // personal data on a shared device: not for long
  var SECRET = /password|sandi|token|csrf/i;
  var store;
  try { store = window.localStorage; store.getItem(PREFIX); } catch (e) { return; }
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function kept(el) {
    if (!el.name || el.disabled || el.hasAttribute("data-owner")) return false;
    if (/^(file|password|submit|button|reset|image)$/.test(el.type)) return false;
    var own = el.name.split("-").pop();
    return own === "form_token" || !SECRET.test(own);
  }
  function values(form) {
    var out = [];
    each(form.elements, function (el) {
      if (!kept(el)) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.type === "select-multiple") {
        each(el.options, function (o) { if (o.selected) out.push([el.name, o.value]); });
      } else out.push([el.name, el.value]);
    });
    return out;
  }
  function fill(form, pairs) {
    var sent = {};
    pairs.forEach(function (p) { (sent[p[0]] = sent[p[0]] || []).push(p[1]); });
    each(form.elements, function (el) {
      if (!kept(el) || !(el.name in sent)) {
        if (kept(el) && (el.type === "checkbox" || el.type === "radio")) el.checked = false;
        return;
      }
      var mine = sent[el.name];
      if (el.type === "checkbox" || el.type === "radio") el.checked = mine.indexOf(el.value) >= 0;
      else if (el.type === "select-multiple") each(el.options, function (o) { o.selected = mine.indexOf(o.value) >= 0; });
      else el.value = mine[0];
    });
  }
  function read(key) {
    try { return JSON.parse(store.getItem(key)); } catch (e) { return null; }
  }
  function write(key, draft) {
    try { store.setItem(key, JSON.stringify(draft)); } catch (e) { /* full or refused: the form still works */ }
  }
  // What the person typed, for comparing a draft with the form: hidden fields (token, version) always differ.
  function typedPart(pairs, form) {
    var hidden = {};
    each(form.elements, function (el) { if (el.type === "hidden") hidden[el.name] = true; });
    return JSON.stringify(pairs.filter(function (p) { return !hidden[p[0]]; }));
  }

  // Old drafts go; after a page confirming a save, so do the drafts sent just before it.
  var saved = document.querySelector(".messages .success");
  for (var i = store.length - 1; i >= 0; i--) {
    var key = store.key(i);
    if (key && key.indexOf(PREFIX) === 0) {
      var old = read(key);
      if (!old || Date.now() - old.at > MAX_AGE || (saved && old.sent)) store.removeItem(key);
    }
  }

  function offer(form, key, draft) {
    var box = document.createElement("div");
    box.className = "warning draft";
    box.setAttribute("role", "status");
    var when = new Date(draft.at).toLocaleString("id-ID", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
    var text = document.createElement("p");
    text.textContent = "Ada isian yang belum terkirim dari " + when + ".";
    var actions = document.createElement("div");
    actions.className = "actions";
    [["Pulihkan", ""], ["Buang", "secondary"]].forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = item[0];
      button.className = item[1];
      button.addEventListener("click", function () {
        if (item[0] === "Pulihkan") fill(form, draft.values); else store.removeItem(key);
        box.remove();
        form.dataset.draftOffered = "";
      });
      actions.appendChild(button);
    });
    box.appendChild(text);
    box.appendChild(actions);
    form.parentNode.insertBefore(box, form);
    form.dataset.draftOffered = "1";
  }

  // Signing out leaves no draft on a shared device (the server also sends Clear-Site-Data; wksbm/device_data.py).
  each(document.querySelectorAll("form[data-forget-drafts]"), function (form) {
    form.addEventListener("submit", function () {
      for (var j = store.length - 1; j >= 0; j--) {
        var name = store.key(j);
        if (name && name.indexOf(PREFIX) === 0) store.removeItem(name);
      }
    });
  });

  each(document.querySelectorAll("form"), function (form) {
    var owner = form.querySelector("input[data-owner]");
    if (!owner) return;
    var key = PREFIX + owner.value;
    var draft = read(key);
    if (draft && draft.sent) { draft.sent = false; write(key, draft); } // the form is here again: not saved
    if (draft && !owner.hasAttribute("data-bound") && typedPart(draft.values, form) !== typedPart(values(form), form)) {
      offer(form, key, draft);
    }
    function save(sent) {
      // While a draft is offered, what is typed does not replace it: the person decides first.
      if (form.dataset.draftOffered) return;
      write(key, { at: Date.now(), values: values(form), sent: sent });
    }
    form.addEventListener("input", function () { save(false); });
    form.addEventListener("change", function () { save(false); });
    // After static/js/field.js, which stops a sending without a connection: then the draft stays unsent.
    document.addEventListener("submit", function (event) {
      if (event.target === form && !event.defaultPrevented) save(true);
    });
  });
})();
