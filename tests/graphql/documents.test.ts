import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchema } from "@throughline/shopify-common/admin-schema";

// Every `#graphql` document the app sends is checked against Shopify's official 2026-10 schema.
const GRAPHQL_TEMPLATE = /`(#graphql[\s\S]*?)`/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "types" || name === "devstore" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function documentsIn(file: string) {
  return [...readFileSync(file, "utf8").matchAll(GRAPHQL_TEMPLATE)].map((match) => ({ file, source: match[1] ?? "" }));
}

function problems(schema: GraphQLSchema, source: string): string[] {
  try {
    return validate(schema, parse(source)).map((error) => error.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

describe("GraphQL documents in app/", () => {
  let schema: GraphQLSchema;
  const documents = sourceFiles("app").flatMap(documentsIn);

  beforeAll(() => {
    schema = loadAdminSchema();
  });

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  it.each(documents.map((document) => [`${document.file}: ${/(query|mutation) (\w+)/.exec(document.source)?.[2]}`, document] as const))(
    "%s is valid against the official Admin schema",
    (_name, document) => {
      expect(problems(schema, document.source)).toEqual([]);
    },
  );

  it("rejects a misspelt field, so the check above can fail", () => {
    expect(problems(schema, "query { shop { nmae } }")).toEqual([expect.stringContaining('Cannot query field "nmae" on type "Shop"')]);
  });
});
