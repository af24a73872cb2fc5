// Click-to-seek, the word being spoken, and the keyboard. No libraries: the page works offline.
(function () {
  "use strict";
  var active = null; // the answer player the keys act on: the last one used

  function setup(section) {
    var audio = section.querySelector("audio.answer-audio");
    if (!audio) return;
    var words = Array.prototype.slice.call(section.querySelectorAll(".w[data-start]"));
    var starts = words.map(function (w) { return parseFloat(w.dataset.start); });
    var bar = section.querySelector(".timeline");
    var head = section.querySelector(".tl-head");
    var total = bar ? parseFloat(bar.dataset.duration) : 0;
    var current = null;

    function seek(t) {
      audio.currentTime = Math.max(0, t);
      active = audio;
      update();
    }
    function update() {
      var t = audio.currentTime, lo = 0, hi = starts.length - 1, i = -1;
      while (lo <= hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= t + 0.02) { i = mid; lo = mid + 1; } else { hi = mid - 1; } }
      var w = i >= 0 ? words[i] : null;
      if (w !== current) {
        if (current) { current.classList.remove("now"); current.removeAttribute("aria-current"); }
        if (w) { w.classList.add("now"); w.setAttribute("aria-current", "true"); }
        current = w;
      }
      if (head && total) head.style.left = Math.min(100, 100 * t / total) + "%";
    }
    function tick() { update(); if (!audio.paused) requestAnimationFrame(tick); }

    section.addEventListener("click", function (e) {
      var el = e.target.closest("[data-seek], .w[data-start]");
      if (el) seek(parseFloat(el.dataset.seek || el.dataset.start));
    });
    if (bar) {
      bar.addEventListener("click", function (e) {
        var r = bar.getBoundingClientRect();
        seek((e.clientX - r.left) / r.width * total);
      });
      bar.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { active = audio; audio.paused ? audio.play() : audio.pause(); e.preventDefault(); }
      });
    }
    audio.addEventListener("timeupdate", update);
    audio.addEventListener("seeked", update);
    audio.addEventListener("play", function () { active = audio; tick(); });
    if (!active) active = audio;
  }

  document.querySelectorAll("section.answer").forEach(setup);
  document.querySelectorAll("audio").forEach(function (a) {
    a.addEventListener("play", function () { // one voice at a time
      document.querySelectorAll("audio").forEach(function (b) { if (b !== a) b.pause(); });
    });
  });

  document.addEventListener("keydown", function (e) {
    var tag = e.target.tagName;
    if (!active || e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA") return;
    if (e.key === " " && tag !== "BUTTON" && tag !== "AUDIO") {
      active.paused ? active.play() : active.pause();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      if (tag === "AUDIO") return; // the player's own arrows
      active.currentTime = Math.max(0, active.currentTime + (e.key === "ArrowLeft" ? -5 : 5));
    } else { return; }
    e.preventDefault();
  });
})();
