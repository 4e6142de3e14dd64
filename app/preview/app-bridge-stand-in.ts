import { PREVIEW_SESSION_TOKEN_PATH } from "./paths";

/**
 * A local stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js),
 * which only works inside Shopify admin. It provides what the app uses: `shopify.idToken()`,
 * session tokens on same-origin fetches (as App Bridge adds them), toasts, <ui-nav-menu> links
 * shown by the preview page, and navigation requests from it.
 */
export function appBridgeStandInScript(): string {
  return `(function () {
  var params = new URLSearchParams(location.search);
  var shop = params.get("shop") || sessionStorage.getItem("throughline-preview-shop");
  if (shop) sessionStorage.setItem("throughline-preview-shop", shop);
  var script = document.currentScript;
  var apiKey = script ? script.getAttribute("data-api-key") : null;
  var nativeFetch = window.fetch.bind(window);
  var tokenPath = ${JSON.stringify(PREVIEW_SESSION_TOKEN_PATH)};

  function idToken() {
    return nativeFetch(tokenPath + "?shop=" + encodeURIComponent(shop || ""))
      .then(function (response) {
        if (!response.ok) throw new Error("The preview could not issue a session token (" + response.status + ")");
        return response.json();
      })
      .then(function (body) { return body.token; });
  }

  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/preview/") === 0) return nativeFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return nativeFetch(input, Object.assign({}, init, { headers: headers }));
    });
  };

  function post(message) {
    if (window.parent !== window) window.parent.postMessage(message, location.origin);
  }

  window.shopify = {
    config: { apiKey: apiKey, shop: shop, locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: function (message) { post({ type: "throughline:toast", message: String(message) }); return "toast"; }, hide: function () {} },
    loading: function (on) { post({ type: "throughline:loading", on: Boolean(on) }); },
    ready: Promise.resolve(),
  };

  function sendNav(menu) {
    var links = Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
      return { href: a.getAttribute("href"), label: a.textContent.trim(), home: a.getAttribute("rel") === "home" };
    });
    post({ type: "throughline:nav", links: links });
  }
  // Links are offered once the app has hydrated: before that nothing would handle a navigation.
  function whenHydrated(callback) {
    var root = document.documentElement;
    if (root.hasAttribute("data-hydrated")) return callback();
    new MutationObserver(function (_, observer) {
      if (!root.hasAttribute("data-hydrated")) return;
      observer.disconnect();
      callback();
    }).observe(root, { attributes: true, attributeFilter: ["data-hydrated"] });
  }
  customElements.define("ui-nav-menu", class extends HTMLElement {
    connectedCallback() {
      this.style.display = "none";
      var menu = this;
      whenHydrated(function () { sendNav(menu); });
    }
  });

  // The app listens for "shopify:navigate" on an element with an href, as App Bridge sends it.
  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || !event.data || event.data.type !== "throughline:navigate") return;
    var anchor = document.createElement("a");
    anchor.setAttribute("href", event.data.href);
    anchor.style.display = "none";
    document.body.appendChild(anchor);
    anchor.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    anchor.remove();
  });
})();
`;
}
