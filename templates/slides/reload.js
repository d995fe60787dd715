/* chapbook watch: the slides reload themselves when they are rebuilt. Only in pages that
   `chapbook watch` writes, never in a build's. Every second it loads the file beside the
   page named in data-sidecar (as a <script>, which a file:// page may load where it may
   not fetch()); that file calls chapbookStamp() with the stamp of the newest build, and a
   stamp other than this page's (data-stamp) reloads it, on the slide shown (#/N). */
(function () {
  "use strict";
  var me = document.currentScript;
  var sidecar = me.getAttribute("data-sidecar"), stamp = me.getAttribute("data-stamp");
  window.chapbookStamp = function (newest) {
    if (newest !== stamp) location.reload();
  };
  setInterval(function () {
    var s = document.createElement("script");
    s.src = encodeURIComponent(sidecar) + "?" + Date.now();
    s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }, 1000);
})();
