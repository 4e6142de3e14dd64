import { AppProvider } from "@shopify/polaris";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import type { Language } from "~/i18n/languages";
import { LocaleProvider } from "~/i18n/react";

/** A page component rendered as the app serves it: in the language's provider and Polaris's, its locale US English or Chinese. */
export function renderPage(Page: ComponentType, language: Language): string {
  return renderToString(
    createElement(LocaleProvider, {
      language,
      locale: language === "en" ? "en-US" : "zh-CN",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS[language]], children: createElement(Page) }),
    }),
  );
}

/** What a reader sees of the HTML: its text, entities read, spaces collapsed. */
export const pageText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
