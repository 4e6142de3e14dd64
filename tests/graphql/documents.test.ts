import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { getNamedType, parse, TypeInfo, validate, visit, visitWithTypeInfo, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchema, readAdminIntrospection } from "@throughline/shopify-common/admin-schema";

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

/**
 * The fields Shopify's introspection marks as protected customer data (names, emails, phones,
 * addresses: Level 2 access, requested in the Partner Dashboard), as "Type.field" with what they hold.
 */
function protectedFields(): Map<string, string> {
  const fields = new Map<string, string>();
  for (const type of readAdminIntrospection().__schema.types) {
    if (!("fields" in type) || !type.fields) continue;
    for (const field of type.fields as readonly { name: string; isProtected?: boolean; protectedContent?: string | null }[]) {
      if (field.isProtected) fields.set(`${type.name}.${field.name}`, field.protectedContent ?? "customer data");
    }
  }
  return fields;
}

/** Fields Shopify serves only to apps with Level 2 protected customer data, though they return none (their requiredAccess says so). */
function levelTwoGatedFields(): Map<string, string> {
  const fields = new Map<string, string>();
  for (const type of readAdminIntrospection().__schema.types) {
    if (!("fields" in type) || !type.fields) continue;
    for (const field of type.fields as readonly { name: string; requiredAccess?: string | null }[]) {
      if (field.requiredAccess?.includes("Level 2")) fields.set(`${type.name}.${field.name}`, "gated by Level 2");
    }
  }
  return fields;
}

/** The protected fields a document selects, as "Type.field (content)". */
function protectedSelections(schema: GraphQLSchema, guarded: Map<string, string>, source: string): string[] {
  const found: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        const key = `${getNamedType(parent).name}.${node.name.value}`;
        if (guarded.has(key)) found.push(`${key} (${guarded.get(key)})`);
      },
    }),
  );
  return found;
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

  it("GIVEN every document THEN the only field Shopify gates behind Level 2 access is shopifyqlQuery, read by Shopify's marketing reports alone (a refusal there stops nothing else; README, Deploying)", () => {
    const gated = levelTwoGatedFields();
    expect(gated.has("QueryRoot.shopifyqlQuery")).toBe(true);
    const reads = documents.flatMap((document) =>
      protectedSelections(schema, gated, document.source).map((field) => `${path.basename(document.file)}: ${field}`),
    );
    expect(reads).toEqual(["shopify-engagements.server.ts: QueryRoot.shopifyqlQuery (gated by Level 2)"]);
  });

  it("GIVEN every document THEN none reads protected customer data (names, emails, phones, addresses): an order's shipping country is not such a field", () => {
    const guarded = protectedFields();
    expect(guarded.get("MailingAddress.address1")).toBe("address");
    expect(guarded.has("MailingAddress.countryCodeV2")).toBe(false);
    expect(documents.some((document) => /shippingAddress\s*\{\s*countryCodeV2\s*\}/.test(document.source))).toBe(true);
    for (const document of documents)
      expect({ file: document.file, read: protectedSelections(schema, guarded, document.source) }).toEqual({ file: document.file, read: [] });
    // And the check sees one: an order's street address.
    expect(protectedSelections(schema, guarded, "query { orders(first: 1) { nodes { shippingAddress { countryCodeV2 address1 } } } }")).toEqual([
      "MailingAddress.address1 (address)",
    ]);
  });

  it("rejects a misspelt field, so the check above can fail", () => {
    expect(problems(schema, "query { shop { nmae } }")).toEqual([expect.stringContaining('Cannot query field "nmae" on type "Shop"')]);
  });
});
