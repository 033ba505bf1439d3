/*
 * Backend Atlas: the questions of the "Choose a stack" page (macros/chooser.py).
 *
 * Every fact is already on the page, written from data/*.yml by the macro:
 * each framework's capabilities as list items with a data-cap key and a
 * data-rank (0 built in, 1 official package, 2 third-party, 3 not provided),
 * and, on the form, what each answer asks (data-caps, data-rank). This script
 * only shows the form, hides the frameworks that do not match, orders the rest,
 * says why in each card with the words already there, announces the count in
 * a polite live region, and keeps the answers in the URL query (so a result
 * can be shared, and Back returns to the previous answers). Without it every
 * framework is listed. On paper the form is left out: a printed copy lists what
 * the screen shows, after a summary of the answers written from the form's own
 * legends and labels. Served from the site itself; no dependencies.
 */
(function () {
  "use strict";

  var NOT_PROVIDED = 3;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // Which question a control answers: data-question, not name, which the PDF
  // edition's print page rewrites (it prefixes every name and id with the page's).
  function question(input) {
    return input.getAttribute("data-question");
  }

  function lower(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }

  function Chooser(root) {
    this.root = root;
    this.form = root.querySelector("[data-chooser-form]");
    this.count = root.querySelector("[data-chooser-count]");
    this.empty = root.querySelector("[data-chooser-empty]");
    this.summary = root.querySelector("[data-chooser-summary]");
    this.sections = all(root, ".atlas-chooser-language");
    this.cards = all(root, ".atlas-chooser-card");
    this.cards.forEach(function (card, index) { card.setAttribute("data-order", String(index)); });
  }

  // The answers, read from the form controls (the form is their only copy).
  Chooser.prototype.answers = function () {
    var form = this.form;
    function checked(name) {
      return all(form, 'input[data-question="' + name + '"]:checked');
    }
    var workload = checked("workload")[0];
    var level = checked("level")[0];
    return {
      languages: checked("language").map(function (input) { return input.value; }),
      workload: workload,
      workCaps: (workload.getAttribute("data-caps") || "").split(" ").filter(Boolean),
      work: workload.getAttribute("data-short") || "",
      hosting: checked("hosting")[0].value,
      needs: checked("need").map(function (input) { return input.value; }),
      limit: Number(level.getAttribute("data-rank")),
      all: checked("all").length > 0,
    };
  };

  Chooser.prototype.query = function () {
    var params = new URLSearchParams();
    all(this.form, "input:checked").forEach(function (input) {
      if (input.type === "radio" && input.defaultChecked) return;
      params.append(question(input), input.value);
    });
    return params.toString();
  };

  Chooser.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var radios = {};
    all(this.form, "input").forEach(function (input) {
      var wanted = params.getAll(question(input));
      if (input.type === "checkbox") {
        input.checked = wanted.indexOf(input.value) !== -1;
      } else {
        (radios[question(input)] = radios[question(input)] || []).push(input);
        input.checked = wanted[0] === input.value;
      }
    });
    // A radio group the URL does not answer (or answers with an unknown value) keeps its default.
    Object.keys(radios).forEach(function (name) {
      var group = radios[name];
      if (!group.some(function (input) { return input.checked; })) {
        group.forEach(function (input) { input.checked = input.defaultChecked; });
      }
    });
  };

  Chooser.prototype.writeUrl = function () {
    var query = this.query();
    if (query === window.location.search.replace(/^\?/, "")) return;
    try {
      window.history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
    } catch (error) {
      // Some browsers refuse history entries for pages opened from disk: answers still apply.
    }
  };

  function fact(card, key) {
    var item = card.querySelector('[data-cap="' + key + '"]');
    if (!item) return null;
    var name = item.querySelector(".atlas-chooser-cap");
    var level = item.querySelector(".atlas-chooser-level");
    return {
      item: item,
      name: (name || item).textContent.trim(),
      level: level ? lower(level.textContent.trim()) : null,
      rank: item.hasAttribute("data-rank") ? Number(item.getAttribute("data-rank")) : null,
    };
  }

  function given(found) {
    return found.name + " (" + found.level + ")";
  }

  function lacking(found) {
    if (found.rank === null) return found.name + " (not in our data)";
    if (found.rank === NOT_PROVIDED) return found.name + " (not provided)";
    return found.name + " (only as a " + found.level + ")";
  }

  function sentence(label, items) {
    return items.length ? label + " " + items.join(", ") + "." : "";
  }

  // Whether a card matches, how well (to order it), and why, in words.
  function judge(card, answers) {
    var has = [];
    var lacks = [];
    var asked = {};
    answers.needs.forEach(function (key) {
      var found = fact(card, key);
      if (!found) return;
      asked[key] = "need";
      if (found.rank !== null && found.rank <= answers.limit && found.rank < NOT_PROVIDED) {
        has.push(given(found));
      } else {
        lacks.push(lacking(found));
      }
    });
    var helps = [];
    var missing = [];
    answers.workCaps.forEach(function (key) {
      var found = fact(card, key);
      if (!found || asked[key]) return;
      asked[key] = "work";
      if (found.rank !== null && found.rank < NOT_PROVIDED) helps.push(given(found));
      else missing.push(lacking(found));
    });
    var score = 0;
    Object.keys(asked).forEach(function (key) {
      var found = fact(card, key);
      if (found.rank !== null && found.rank < NOT_PROVIDED) score += NOT_PROVIDED - found.rank;
    });
    var why = [
      sentence("Gives what you need:", has),
      sentence("Lacks:", lacks),
      sentence("For " + answers.work + (has.length ? " it also gives" : " it gives"), helps),
      sentence(helps.length ? "But not:" : "For " + answers.work + " the data shows none of:", missing),
    ].filter(Boolean).join(" ");
    return { match: lacks.length === 0, score: score, why: why, asked: asked };
  }

  Chooser.prototype.apply = function () {
    var answers = this.answers();
    var asking = answers.needs.length > 0 || answers.workCaps.length > 0;
    var shown = 0;
    var matched = 0;
    var total = this.cards.length;
    var serverless = answers.hosting === "serverless";

    all(this.root, "[data-hosting]").forEach(function (note) {
      note.hidden = answers.hosting !== "any" && note.getAttribute("data-hosting") !== answers.hosting;
    });

    this.sections.forEach(function (section) {
      var language = section.getAttribute("data-language");
      var inLanguage = !answers.languages.length || answers.languages.indexOf(language) !== -1;
      var runs = !serverless || section.getAttribute("data-functions") !== "0";
      var list = section.querySelector(".atlas-chooser-cards");
      var cards = all(list, ".atlas-chooser-card").map(function (card) {
        var verdict = judge(card, answers);
        var match = inLanguage && runs && verdict.match;
        var visible = match || (answers.all && inLanguage && runs);
        card.hidden = !visible;
        card.setAttribute("data-match", match ? "yes" : "no");
        all(card, "[data-cap]").forEach(function (item) {
          var why = verdict.asked[item.getAttribute("data-cap")];
          if (why) item.setAttribute("data-asked", why);
          else item.removeAttribute("data-asked");
        });
        var line = card.querySelector("[data-chooser-verdict]");
        var text = verdict.why;
        if (!match && visible) text = "Does not match. " + text;
        line.textContent = text;
        line.hidden = !asking;
        if (match) matched += 1;
        if (visible) shown += 1;
        return { card: card, match: match, score: verdict.score };
      });
      cards.sort(function (a, b) {
        return (b.match - a.match) || (b.score - a.score) ||
          (Number(a.card.getAttribute("data-order")) - Number(b.card.getAttribute("data-order")));
      });
      cards.forEach(function (entry) { list.appendChild(entry.card); });
      section.hidden = !cards.some(function (entry) { return !entry.card.hidden; });
    });

    var answered = this.query() !== "";
    var message;
    if (!answered) {
      message = "All " + total + " web frameworks are listed. Answer a question to narrow the list.";
    } else {
      message = matched + " of " + total + " web frameworks match your answers.";
      if (shown > matched) {
        message += " " + (shown - matched) + " that do not are listed" +
          (matched ? " after them" : "") + ", marked as such.";
      }
    }
    this.count.textContent = message;
    if (answered) this.root.setAttribute("data-answered", "");
    else this.root.removeAttribute("data-answered");
    if (this.summary) this.summary.textContent = answered ? this.summarize() : "";
    this.empty.hidden = matched > 0;
  };

  // The answers in words, for a printed copy: each answered question and what was chosen.
  Chooser.prototype.summarize = function () {
    var parts = all(this.form, "fieldset").map(function (fieldset) {
      var chosen = all(fieldset, "input:checked").filter(function (input) {
        return !(input.type === "radio" && input.defaultChecked);
      });
      if (!chosen.length) return "";
      var legend = fieldset.querySelector("legend").textContent.trim();
      var labels = chosen.map(function (input) {
        var label = input.closest("label");
        var text = label ? label.textContent : input.value;
        var count = label && label.querySelector(".atlas-chooser-n");
        if (count) text = text.replace(count.textContent, "");
        return text.trim().replace(/\s+/g, " ");
      });
      return legend + " " + labels.join(", ") + ".";
    }).filter(Boolean);
    if (this.form.querySelector('input[data-question="all"]:checked')) {
      parts.push("The frameworks that do not match are listed too, marked as such.");
    }
    return "Your answers: " + parts.join(" ");
  };

  Chooser.prototype.start = function () {
    var chooser = this;
    var nojs = this.root.querySelector("[data-chooser-nojs]");
    this.readUrl();
    this.form.hidden = false;
    if (nojs) nojs.hidden = true;
    this.root.setAttribute("data-enhanced", "");
    this.apply();
    this.form.addEventListener("change", function () {
      chooser.writeUrl();
      chooser.apply();
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.querySelector("[data-chooser-reset]").addEventListener("click", function () {
      chooser.form.reset();
      chooser.writeUrl();
      chooser.apply();
    });
    window.addEventListener("popstate", function () {
      chooser.readUrl();
      chooser.apply();
    });
  };

  function start() {
    var root = document.querySelector("[data-chooser]");
    if (!root || root.hasAttribute("data-enhanced")) return;
    new Chooser(root).start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
