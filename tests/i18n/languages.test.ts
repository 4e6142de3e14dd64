import { describe, expect, it } from "vitest";
import { formattingLocale, languageOf } from "~/i18n/languages";
import { terminalLocalizer } from "~/i18n/localizer";

describe("the language a staff member gets", () => {
  it.each([
    ["zh-CN", "zh-CN", "zh-CN"],
    ["zh", "zh-CN", "zh"],
    ["zh-Hans-SG", "zh-CN", "zh-Hans-SG"],
    // Traditional Chinese readers get the closer of our two catalogues, with their own formats.
    ["zh-TW", "zh-CN", "zh-TW"],
    ["en-GB", "en", "en-GB"],
    ["en", "en", "en"],
    // A language we don't speak: English words, English formats (not French numbers around English words).
    ["fr-FR", "en", "en"],
    ["pt_BR", "en", "en"],
    ["not a locale!", "en", "en"],
    [null, "en", "en"],
  ])("GIVEN admin's locale %s THEN the catalogue is %s and numbers are formatted as %s", (tag, language, locale) => {
    expect(languageOf(tag)).toBe(language);
    expect(formattingLocale(tag)).toBe(locale);
  });

  it("GIVEN a terminal's LANG THEN the CLI speaks its language", () => {
    expect(terminalLocalizer({ LANG: "zh_CN.UTF-8" }).language).toBe("zh-CN");
    expect(terminalLocalizer({ LANG: "C.UTF-8" }).language).toBe("en");
    expect(terminalLocalizer({ LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" }).locale).toBe("en-GB");
  });
});
