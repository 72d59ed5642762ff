/* Flightdeck pixel: first-party events with consent. https://<flightdeck>/p.js
 * <script async src="https://<flightdeck>/p.js" data-workspace="ws_…"></script>
 * flightdeck("consent", true|false)   after the shop's consent banner answers
 * flightdeck("track", "add_to_cart" | "lead" | "purchase", {value: "49.95", currency: "EUR", id: "order-1001"})
 * Without consent no identifier is sent or kept: the click id stays out of the cookie and the events. */
(function (w, d) {
  "use strict";
  var script = d.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;
  var workspace = script.getAttribute("data-workspace") || "";
  var KEY = "fd_cid";
  var consent = script.getAttribute("data-consent") === "granted";
  var landing = null;
  try { landing = new URL(w.location.href).searchParams.get(KEY); } catch (e) { landing = null; }
  if (landing && !/^ck_[A-Za-z0-9]{1,64}$/.test(landing)) landing = null;

  function readCookie() {
    var m = d.cookie.match(/(?:^|;\s*)fd_cid=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function writeCookie(v) {
    d.cookie = KEY + "=" + encodeURIComponent(v) + "; Max-Age=2592000; Path=/; SameSite=Lax" +
      (w.location.protocol === "https:" ? "; Secure" : "");
  }
  function clickId() { return landing || readCookie(); }
  function newId() {
    if (w.crypto && w.crypto.randomUUID) return w.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  function send(type, data) {
    data = data || {};
    var body = { id: String(data.id || newId()), type: type, consent: consent };
    if (consent) { var c = clickId(); if (c) body.fd_cid = c; }
    if (data.value != null) body.value = String(data.value);
    if (data.currency) body.currency = String(data.currency);
    var url = base + "/api/v1/events?workspace=" + encodeURIComponent(workspace);
    var payload = JSON.stringify(body);
    try {
      if (w.navigator.sendBeacon && w.navigator.sendBeacon(url, new Blob([payload], { type: "text/plain" }))) return;
    } catch (e) { /* fall through to fetch */ }
    w.fetch(url, { method: "POST", body: payload, keepalive: true, mode: "cors", headers: { "Content-Type": "text/plain" } });
  }
  function setConsent(granted) {
    consent = !!granted;
    if (consent) { var c = clickId(); if (c) writeCookie(c); }
    else { d.cookie = KEY + "=; Max-Age=0; Path=/"; }
  }
  function api(command, a, b) {
    if (command === "consent") setConsent(a);
    else if (command === "track") send(a, b);
  }
  var queued = (w.flightdeck && w.flightdeck.q) || [];
  w.flightdeck = api;
  if (consent) setConsent(true);
  for (var i = 0; i < queued.length; i++) api.apply(null, queued[i]);
  if (script.getAttribute("data-auto") !== "off") send("page_view");
})(window, document);
