import { PREVIEW_SESSION_TOKEN_PATH } from "./paths";

/**
 * A local stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js),
 * which only works inside Shopify admin. It provides what the app uses: `shopify.idToken()`,
 * session tokens on same-origin fetches (as App Bridge adds them), toasts, <ui-nav-menu> links
 * shown by the preview page, navigation requests from it, and <ui-modal> (shown as a dialog whose
 * buttons click the title bar's own, as admin's modal does).
 */
export function appBridgeStandInScript(): string {
  return `(function () {
  var params = new URLSearchParams(location.search);
  var shop = params.get("shop") || sessionStorage.getItem("throughline-preview-shop");
  if (shop) sessionStorage.setItem("throughline-preview-shop", shop);
  if (params.get("locale")) sessionStorage.setItem("throughline-preview-locale", params.get("locale"));
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

  // <ui-modal>: its content (everything but the title bar) under the title bar's title, and the
  // title bar's buttons, the primary one last; each clicks the app's own button, as admin does.
  var modalStyle = null;
  function showModal(modal) {
    if (modal.throughlineDialog) return;
    if (!modalStyle) {
      modalStyle = document.createElement("style");
      modalStyle.textContent = "dialog.throughline-modal{border:0;border-radius:12px;padding:0;width:min(620px,calc(100vw - 32px));font:14px/1.4 system-ui,sans-serif;box-shadow:0 8px 24px rgba(0,0,0,.25)}" +
        "dialog.throughline-modal::backdrop{background:rgba(0,0,0,.5)}" +
        "dialog.throughline-modal h2{margin:0;padding:12px 16px;font-size:14px;font-weight:650;background:#f3f3f3;border-bottom:1px solid #e3e3e3}" +
        "dialog.throughline-modal footer{display:flex;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e3e3e3}" +
        "dialog.throughline-modal footer button{font:inherit;padding:6px 12px;border-radius:8px;border:1px solid #c9c9c9;background:#fff;cursor:pointer}" +
        "dialog.throughline-modal footer button.primary{background:#303030;border-color:#303030;color:#fff}" +
        "dialog.throughline-modal footer button.critical{background:#c70a24;border-color:#c70a24}" +
        "dialog.throughline-modal button:focus-visible{outline:2px solid #005bd3;outline-offset:1px}";
      document.head.appendChild(modalStyle);
    }
    var bar = modal.querySelector("ui-title-bar");
    var dialog = document.createElement("dialog");
    dialog.className = "throughline-modal";
    var title = document.createElement("h2");
    title.id = modal.id + "-title";
    title.textContent = bar ? bar.getAttribute("title") || "" : "";
    dialog.setAttribute("aria-labelledby", title.id);
    dialog.appendChild(title);
    Array.prototype.forEach.call(modal.children, function (child) {
      if (child.tagName !== "UI-TITLE-BAR") dialog.appendChild(child.cloneNode(true));
    });
    var footer = document.createElement("footer");
    var buttons = bar ? Array.prototype.filter.call(bar.children, function (child) { return child.tagName === "BUTTON"; }) : [];
    buttons.sort(function (a, b) { return (a.getAttribute("variant") === "primary") - (b.getAttribute("variant") === "primary"); });
    buttons.forEach(function (original) {
      var copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = original.textContent;
      if (original.getAttribute("variant") === "primary") copy.classList.add("primary");
      if (original.getAttribute("tone") === "critical") copy.classList.add("critical");
      copy.disabled = original.hasAttribute("disabled");
      copy.addEventListener("click", function () { original.click(); });
      footer.appendChild(copy);
    });
    dialog.appendChild(footer);
    // Escape closes it, as admin's does.
    dialog.addEventListener("close", function () { hideModal(modal); });
    modal.throughlineDialog = dialog;
    document.body.appendChild(dialog);
    dialog.showModal();
    modal.dispatchEvent(new Event("show"));
  }
  function hideModal(modal) {
    var dialog = modal.throughlineDialog;
    if (!dialog) return;
    modal.throughlineDialog = null;
    if (dialog.open) dialog.close();
    dialog.remove();
    modal.dispatchEvent(new Event("hide"));
  }
  function modalById(id) {
    var element = document.getElementById(id);
    return element && element.tagName === "UI-MODAL" ? element : null;
  }
  customElements.define("ui-modal", class extends HTMLElement {
    connectedCallback() { this.style.display = "none"; }
    disconnectedCallback() { hideModal(this); }
    show() { showModal(this); return Promise.resolve(); }
    hide() { hideModal(this); return Promise.resolve(); }
  });

  window.shopify = {
    config: { apiKey: apiKey, shop: shop, locale: params.get("locale") || sessionStorage.getItem("throughline-preview-locale") || "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: function (message) { post({ type: "throughline:toast", message: String(message) }); return "toast"; }, hide: function () {} },
    loading: function (on) { post({ type: "throughline:loading", on: Boolean(on) }); },
    modal: {
      show: function (id) {
        var modal = modalById(id);
        if (!modal) return Promise.reject(new Error("No <ui-modal> has the id " + id));
        showModal(modal);
        return Promise.resolve();
      },
      hide: function (id) {
        var modal = modalById(id);
        if (modal) hideModal(modal);
        return Promise.resolve();
      },
      toggle: function (id) {
        var modal = modalById(id);
        if (!modal) return Promise.reject(new Error("No <ui-modal> has the id " + id));
        if (modal.throughlineDialog) hideModal(modal); else showModal(modal);
        return Promise.resolve();
      },
    },
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
