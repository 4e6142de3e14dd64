import { AppProvider } from "@shopify/polaris";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import type { Language } from "~/i18n/languages";
import { LocaleProvider } from "~/i18n/react";

/** A page component rendered as the server renders it, in that language (its loader's answer comes from the test's mock of Remix's hooks). */
export function renderPage(Page: ComponentType, language: Language): string {
  return renderToString(
    createElement(LocaleProvider, {
      language,
      locale: language === "en" ? "en-US" : "zh-CN",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS[language]], children: createElement(Page) }),
    }),
  );
}

/** Text of a page without its tags, for reading what it says. */
export const pageText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
