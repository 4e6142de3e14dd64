import { PREVIEW_SESSION_TOKEN_PATH } from "./paths";

/**
 * A stand-in for Shopify admin around the embedded app: a top bar, the app's navigation (sent by
 * the App Bridge stand-in from <ui-nav-menu>), and the app in an iframe with embedded=1, shop,
 * host, locale (the admin's language: ?locale=zh-CN shows the app in Chinese) and a fresh id_token,
 * as admin loads it.
 */
export function previewPageHtml({
  shop,
  shops = [shop],
  host,
  appPath,
  users,
  userId,
  locale,
}: {
  shop: string;
  /** The shops the preview can show: a menu when there are several. */
  shops?: string[];
  host: string;
  appPath: string;
  locale: string;
  users: { id: string; label: string }[];
  userId: string;
}): string {
  const options = users
    .map((user) => `<option value="${escapeHtml(user.id)}"${user.id === userId ? " selected" : ""}>${escapeHtml(user.label)}</option>`)
    .join("");
  const shopMenu =
    shops.length > 1
      ? `<label style="font-size:13px">Shop <select id="preview-shop" onchange="var q=new URLSearchParams(location.search);q.set('shop',this.value);location.search=q.toString()">${shops
          .map((name) => `<option value="${escapeHtml(name)}"${name === shop ? " selected" : ""}>${escapeHtml(name)}</option>`)
          .join("")}</select></label>`
      : "";
  const config = scriptJson({ shop, host, appPath, locale, tokenPath: PREVIEW_SESSION_TOKEN_PATH });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Throughline — local admin preview (${escapeHtml(shop)})</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, sans-serif; background: #f1f1f1; display: grid;
         grid-template-rows: 48px 1fr; grid-template-columns: 220px 1fr; height: 100vh; }
  header { grid-column: 1 / 3; background: #1a1a1a; color: #fff; display: flex; align-items: center; padding: 0 16px; gap: 12px; }
  header small { color: #b5b5b5; }
  nav { padding: 12px; border-right: 1px solid #e3e3e3; background: #ebebeb; }
  nav a { display: block; padding: 6px 10px; border-radius: 8px; color: #303030; text-decoration: none; font-size: 14px; }
  nav a:hover, nav a.active { background: #fff; }
  iframe { width: 100%; height: 100%; border: 0; background: #f1f1f1; }
  #loading-bar { position: fixed; top: 0; left: 0; right: 0; height: 3px; background: #2c6ecb; display: none; z-index: 10; }
  /* A phone (Shopify's mobile app shows embedded apps full width): the app's menu goes, the app takes the screen. */
  @media (max-width: 640px) {
    body { grid-template-columns: 1fr; }
    header { grid-column: 1; }
    header small, header label { display: none; }
    nav { display: none; }
  }
  #toast { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); background: #1a1a1a; color: #fff;
           padding: 10px 16px; border-radius: 8px; display: none; }
</style>
</head>
<body>
<header><strong>Throughline</strong><small>local admin preview · ${escapeHtml(shop)} · not Shopify admin</small>
<span style="margin-left:auto"></span>${shopMenu}
<label style="font-size:13px">Acting as <select id="acting-as" onchange="var q=new URLSearchParams(location.search);q.set('as',this.value);location.search=q.toString()">${options}</select></label></header>
<nav id="app-nav" aria-label="App navigation"></nav>
<main><iframe id="app-frame" title="Throughline"></iframe></main>
<div id="toast" role="status"></div>
<div id="loading-bar" aria-hidden="true"></div>
<script>
(function () {
  var config = ${config};
  var frame = document.getElementById("app-frame");
  function open(path) {
    return fetch(config.tokenPath + "?shop=" + encodeURIComponent(config.shop))
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var url = new URL(path, location.origin);
        url.searchParams.set("embedded", "1");
        url.searchParams.set("shop", config.shop);
        url.searchParams.set("host", config.host);
        url.searchParams.set("locale", config.locale);
        url.searchParams.set("id_token", body.token);
        frame.src = url.pathname + url.search;
      });
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || !event.data) return;
    if (event.data.type === "throughline:nav") {
      var nav = document.getElementById("app-nav");
      nav.innerHTML = "";
      event.data.links.forEach(function (link) {
        var a = document.createElement("a");
        a.href = link.href;
        a.textContent = link.label;
        a.addEventListener("click", function (clickEvent) {
          clickEvent.preventDefault();
          frame.contentWindow.postMessage({ type: "throughline:navigate", href: link.href }, location.origin);
        });
        nav.appendChild(a);
      });
    }
    if (event.data.type === "throughline:loading") {
      document.getElementById("loading-bar").style.display = event.data.on ? "block" : "none";
    }
    if (event.data.type === "throughline:toast") {
      var toast = document.getElementById("toast");
      toast.textContent = event.data.message;
      toast.style.display = "block";
      setTimeout(function () { toast.style.display = "none"; }, 3000);
    }
  });
  open(config.appPath);
})();
</script>
</body>
</html>`;
}

/**
 * JSON to write inside an inline <script>. JSON.stringify alone is not enough there: "</script>"
 * (or "<!--") in a string ends or changes the script element before JavaScript sees it, and U+2028
 * and U+2029 end a line in older JavaScript. Escaped as \uXXXX, each stays the same string.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
