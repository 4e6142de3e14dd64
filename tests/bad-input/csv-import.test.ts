/**
 * Hostile spreadsheets for `promotions import`: wrong encodings, sizes, headers and cells. Each is
 * refused whole with the line that is wrong (exit 2, nothing written); a good file of the largest
 * size imports every row, each with its own codes, in one transaction.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeUtf8, firstInvalidUtf8, MAX_IMPORT_ROWS, MAX_LISTED_ERRORS, readPromotionsCsv } from "~/promotions/promotions-csv";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { cli } from "./cli";
import { expectDatabaseUnchanged } from "./database-snapshot";

const SHOP = "csv-hostile.myshopify.com";
const HEADER = "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change";
const row = (cells: Partial<Record<"title" | "type" | "start" | "end" | "spend" | "codes" | "utm" | "indicator", string>> = {}) =>
  [
    cells.title ?? "Spring email",
    cells.type ?? "email",
    "newsletter",
    cells.start ?? "2026-03-01",
    cells.end ?? "2026-03-07",
    cells.spend ?? "120",
    cells.codes ?? "SPRING",
    cells.utm ?? "spring",
    cells.indicator ?? "aov",
    "",
    "",
  ].join(",");
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\n") + "\n");
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));
const dir = path.resolve("tmp", `bad-input-csv-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}`);

const HOSTILE: [string, Buffer, RegExp][] = [
  ["a spend of 10^15", csv(row({ spend: "1000000000000000" })), /^line 2: spend: Spend is too large: at most 1,000,000,000\.$/],
  ["a spend of 400 digits", csv(row({ spend: "9".repeat(400) })), /^line 2: spend: Spend is too large/],
  [
    "a Latin-1 é",
    bytes(`${HEADER}\nCaf`, [0xe9], ",email,,2026-03-01,2026-03-07,1,,,,,\n"),
    /^line 2: the file isn't UTF-8 text \(byte 4 of the line, byte 104 of the file, reads 0xE9 0x2C 0x65 0x6D\); save it as "CSV UTF-8"/,
  ],
  [
    "UTF-16 with its byte-order mark",
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, "utf16le")]),
    /^line 1: the file isn't UTF-8 text \(byte 1 of the line, byte 1 of the file, reads 0xFF 0xFE/,
  ],
  ["a character cut off at the end of the file", bytes(`${HEADER}\n${row()}\nX`, [0xe2, 0x82]), /^line 3: the file isn't UTF-8 text \(byte 2 of the line/],
  [
    "an overlong slash (0xC0 0xAF)",
    bytes(`${HEADER}\n..`, [0xc0, 0xaf], "etc,email,,2026-03-01,2026-03-07,1,,,,,\n"),
    /^line 2: the file isn't UTF-8 text \(byte 3 of the line.*reads 0xC0 0xAF/,
  ],
  [
    "a lone surrogate (0xED 0xA0 0x80)",
    bytes(`${HEADER}\n`, [0xed, 0xa0, 0x80], ",email,,2026-03-01,2026-03-07,1,,,,,\n"),
    /^line 2: the file isn't UTF-8 text \(byte 1 of the line/,
  ],
  ["a NUL in a title", csv(row({ title: "Spring\u0000sale" })), /^line 2: title holds a NUL character \(U\+0000\), which can't be saved: remove it$/],
  ["a NUL in a code", csv(row({ codes: "A;B\u0000" })), /^line 2: discount_codes holds a NUL character/],
  [
    "an overlong NUL (0xC0 0x80)",
    bytes(`${HEADER}\nX`, [0xc0, 0x80], ",email,,2026-03-01,2026-03-07,1,,,,,\n"),
    /^line 2: the file isn't UTF-8 text \(byte 2 of the line.*reads 0xC0 0x80/,
  ],
  [
    "an empty file",
    Buffer.alloc(0),
    /^the file is empty: its first line is the header title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change/,
  ],
  ["a byte-order mark and blank lines only", bytes([0xef, 0xbb, 0xbf], "\n \n\r\n"), /^the file is empty/],
  ["a header and nothing under it", csv(), /^the file has no promotions under its header$/],
  [
    "another spreadsheet's header",
    bytes("name,date,amount\nX,2026-03-01,1\n"),
    /^line 1: the header lacks title, type, channel, .* and has unknown columns "name", "date", "amount"/,
  ],
  ["an extra column", bytes(`${HEADER},budget\n${row()},100\n`), /^line 1: the header has unknown columns "budget"/],
  ["a column twice", bytes(`${HEADER},title\n${row()},Again\n`), /^line 1: the header names "title" twice/],
  ["cells under no column", bytes(`${HEADER}\n${row()},surprise\n`), /^line 2: 1 cell under no column of the header$/],
  ["a quote left open", bytes(`${HEADER}\n"Spring,email,,2026-03-01,2026-03-07,1,,,,,\n`), /the file isn't valid CSV/],
  [
    `${(MAX_IMPORT_ROWS + 1).toLocaleString("en")} rows`,
    csv(...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row({ title: `P${i}` }))),
    /^the file has 10,001 promotions; import at most 10,000 at a time \(split the file\)$/,
  ],
  [
    "33,000 codes in one cell",
    csv(row({ codes: Array.from({ length: 33_000 }, (_, i) => `C${i}`).join(";") })),
    /^line 2: discount_codes: Track at most 250 codes per promotion \(this has 33,000\)/,
  ],
  ["a start in year 100", csv(row({ start: "0100-01-01" })), /^line 2: start: Enter the start date between 2000-01-01 and 2099-12-31\./],
  ["an end in year 9999", csv(row({ end: "9999-12-31" })), /^line 2: end: Enter the end date between 2000-01-01 and 2099-12-31\./],
  ["30 February", csv(row({ start: "2026-02-30" })), /^line 2: start: Enter the start date as a calendar date YYYY-MM-DD\./],
  ["a promotion of four years", csv(row({ start: "2026-01-01", end: "2029-12-31" })), /^line 2: end: A promotion lasts at most three years/],
  ["a title of 10,000 characters", csv(row({ title: "t".repeat(10_000) })), /^line 2: title: The title is too long \(10,000 characters; at most 200\)\.$/],
  ["HTML as the indicator", csv(row({ indicator: "<script>alert(1)</script>" })), /^line 2: indicator: "<script>alert\(1\)<\/script>" is not an indicator/],
  ["a good row and a bad one", csv(row(), row({ title: "Later", type: "billboard" })), /^line 3: type: Choose a type/],
  ["a quoted cell over two lines", bytes(`${HEADER}\n"Two\nlines",email,,2026-03-01,2026-02-01,1,,,,,\n`), /^line 3: end: The end is before the start\.$/],
];

describe("reading a spreadsheet", () => {
  it.each(HOSTILE)("GIVEN %s THEN it is refused with its line, and no promotion is taken", (_, file, message) => {
    const read = readPromotionsCsv(file);
    expect(read.ok).toBe(false);
    expect((read as { errors: string[] }).errors[0]).toMatch(message);
  });

  it("GIVEN sixty bad rows THEN the first fifty are listed with their lines, then a count of the rest", () => {
    const read = readPromotionsCsv(csv(...Array.from({ length: 60 }, () => row({ spend: "-1" }))));
    const errors = (read as { errors: string[] }).errors;
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors[0]).toBe("line 2: spend: Spend can't be negative.");
    expect(errors[MAX_LISTED_ERRORS - 1]).toMatch(/^line 51: /);
    expect(errors[MAX_LISTED_ERRORS]).toBe("and 10 more bad rows");
  });

  it("GIVEN valid UTF-8 of every width THEN nothing is flagged, and a broken byte is found where it is", () => {
    const text = "a é € 𝄞 ✓ 中文";
    expect(firstInvalidUtf8(Buffer.from(text))).toBe(-1);
    expect(decodeUtf8(Buffer.from(text))).toEqual({ text });
    expect(firstInvalidUtf8(bytes("ab", [0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes("ab", [0xf4, 0x90, 0x80, 0x80]))).toBe(2); // beyond U+10FFFF
  });
});

describe("`promotions import` of a hostile spreadsheet", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "CSV", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(HOSTILE.filter(([name]) => !name.includes("10,001")))(
    'GIVEN %s THEN exit 2, the reason with its line, "nothing imported", and no table changed',
    async (name, file, message) => {
      const target = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.csv`);
      writeFileSync(target, file);
      const run = await expectDatabaseUnchanged(db, () => cli("promotions", "import", "--shop", SHOP, target));
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe("");
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines.at(-1)).toBe("nothing imported");
      expect(lines[0]!.replace(/^error: /, "")).toMatch(message);
      expect(lines.every((line, index) => index === lines.length - 1 || line.startsWith("error: "))).toBe(true);
    },
    60_000,
  );

  it(`GIVEN ${MAX_IMPORT_ROWS.toLocaleString("en")} good rows (identical twins among them) THEN all are imported in one go, each with its own codes, in seconds`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) =>
      row({ title: i % 1000 === 0 ? "Twin" : `P${i}`, codes: `A${i};B${i}`, utm: i % 1000 === 0 ? "twin" : `u${i}` }),
    );
    const target = path.join(dir, "largest.csv");
    writeFileSync(target, csv(...rows));
    const started = Date.now();
    const run = await cli("promotions", "import", "--shop", SHOP, target);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`imported ${MAX_IMPORT_ROWS} promotions`);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await db.promotion.count({ where: { shop: SHOP } })).toBe(MAX_IMPORT_ROWS);
    const codes = await db.promotionCode.findMany({ where: { shop: SHOP }, select: { promotionId: true, code: true } });
    expect(codes).toHaveLength(2 * MAX_IMPORT_ROWS);
    const titles = new Map(
      (await db.promotion.findMany({ where: { shop: SHOP }, select: { id: true, title: true } })).map((promotion) => [promotion.id, promotion.title]),
    );
    const byPromotion = new Map<number, string[]>();
    for (const code of codes) byPromotion.set(code.promotionId, [...(byPromotion.get(code.promotionId) ?? []), code.code].sort());
    // Each promotion has the two codes of its own row: A<i> and B<i> of the same i, and P<i> holds i's codes.
    for (const [id, pair] of byPromotion) {
      const i = pair[0]!.slice(1);
      expect(pair).toEqual([`A${i}`, `B${i}`]);
      expect(titles.get(id)).toBe(Number(i) % 1000 === 0 ? "Twin" : `P${i}`);
    }
    expect(byPromotion.size).toBe(MAX_IMPORT_ROWS);
  }, 120_000);
});
