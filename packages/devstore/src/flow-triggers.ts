/**
 * Shopify Flow triggers as the app declares them (`extensions/*\/shopify.extension.toml`) and as
 * Shopify checks them: a declaration by the rules of Shopify's CLI (what `shopify app build` and
 * `shopify app deploy` refuse), a `flowTriggerReceive` payload against the declared fields (what
 * Shopify answers with userErrors). The TOMLs are the single source of truth: the devstore reads
 * them, so a field the app declares and a payload it sends can't drift apart unnoticed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

export interface FlowTriggerField {
  type: string;
  /** The field's name in the payload; absent for Shopify resource references. */
  key?: string;
  description?: string;
}

export interface FlowTriggerDeclaration {
  handle: string;
  name: string;
  /** The TOML it comes from, for messages. */
  file: string;
  fields: FlowTriggerField[];
}

/**
 * Field types Shopify's CLI deploys for a trigger (its Flow trigger field specification, CLI 4.8):
 * `number_integer` and `multi_line_text_field` exist for Flow actions only and are refused at deploy.
 */
export const TRIGGER_FIELD_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"] as const;

/** Shopify resources a trigger can carry by id: the payload key is `<resource>_id`, e.g. `order_id`. */
export const TRIGGER_REFERENCE_TYPES = [
  "customer_reference",
  "order_reference",
  "product_reference",
  "marketing_activity_reference",
  "abandonment_reference",
  "company_reference",
  "company_contact_reference",
] as const;

/** Shopify refuses a payload whose JSON is larger than this (captured from Shopify: "Properties size exceeds the limit of 50000 bytes."). */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

/** The CLI's rule for a field key (its zod schema: `/^[a-zA-Z\s]*$/`). */
const FIELD_KEY = /^[a-zA-Z\s]*$/;
/** The handle's rule (Shopify's trigger reference: at most 30 characters, alphanumeric and hyphens). */
const HANDLE = /^[a-zA-Z0-9-]{1,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isReference = (type: string) => (TRIGGER_REFERENCE_TYPES as readonly string[]).includes(type);

/** The payload key a field is sent under. */
export function payloadKey(field: FlowTriggerField): string | undefined {
  return isReference(field.type) ? `${field.type.replace(/_reference$/, "")}_id` : field.key;
}

/** Every Flow trigger declared by the extensions in `extensionsDir`, in folder order. */
export function readFlowTriggerDeclarations(extensionsDir = "extensions"): FlowTriggerDeclaration[] {
  if (!existsSync(extensionsDir)) return [];
  return readdirSync(extensionsDir)
    .sort()
    .flatMap((folder) => {
      const file = path.join(extensionsDir, folder, "shopify.extension.toml");
      return existsSync(file) ? flowTriggersInToml(readFileSync(file, "utf8"), file) : [];
    });
}

/** The Flow triggers one `shopify.extension.toml` declares (none for other extension types). */
export function flowTriggersInToml(source: string, file: string): FlowTriggerDeclaration[] {
  const config = parse(source) as { extensions?: Record<string, unknown>[]; settings?: { fields?: Record<string, unknown>[] } };
  return (config.extensions ?? [])
    .filter((extension) => extension.type === "flow_trigger")
    .map((extension) => ({
      handle: String(extension.handle ?? ""),
      name: String(extension.name ?? ""),
      file,
      fields: (config.settings?.fields ?? []).map((field) => ({
        type: String(field.type ?? ""),
        ...(field.key === undefined ? {} : { key: String(field.key) }),
        ...(field.description === undefined ? {} : { description: String(field.description) }),
      })),
    }));
}

/**
 * What Shopify's CLI would refuse in a declaration, in its words where it has some: the key rule is
 * checked by `shopify app build`, the field types only by `shopify app deploy` (so a build alone
 * doesn't catch them). Empty when the declaration deploys.
 */
export function declarationProblems(declaration: FlowTriggerDeclaration): string[] {
  const where = `${declaration.file} (${declaration.handle || "no handle"})`;
  const problems: string[] = [];
  if (!HANDLE.test(declaration.handle)) problems.push(`${where}: handle must be 1 to 30 letters, digits or hyphens`);
  if (!declaration.name.trim()) problems.push(`${where}: name is required`);
  const seen = new Set<string>();
  for (const field of declaration.fields) {
    const label = `${where}: field ${JSON.stringify(field.key ?? field.type)}`;
    if (field.type.startsWith("schema.")) {
      problems.push(`${label}: schema types need a trigger schema file, which this app doesn't use`);
      continue;
    }
    if (!isReference(field.type)) {
      if (!(TRIGGER_FIELD_TYPES as readonly string[]).includes(field.type))
        problems.push(`${label}: Field type ${field.type} is not supported on Flow Triggers`);
      if (field.key === undefined || !field.key.trim()) problems.push(`${label}: key property must be specified for non-commerce object fields`);
      else if (!FIELD_KEY.test(field.key)) problems.push(`${label}: String must contain only alphabetic characters and spaces`);
    }
    const key = payloadKey(field);
    if (key !== undefined && seen.has(key)) problems.push(`${label}: declared twice`);
    if (key !== undefined) seen.add(key);
  }
  return problems;
}

/** Why one value doesn't fit its field's type, or null when it does. */
function typeError(field: FlowTriggerField, value: unknown): string | null {
  const shown = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
  if (isReference(field.type)) return Number.isSafeInteger(value) && (value as number) > 0 ? null : `${shown} is not a numeric ID`;
  switch (field.type) {
    case "number_decimal":
      return typeof value === "number" && Number.isFinite(value) ? null : `${shown} is not a number`;
    case "boolean":
      return typeof value === "boolean" ? null : `${shown} is not a boolean`;
    case "single_line_text_field":
      if (typeof value !== "string") return `${shown} is not a string`;
      return /[\r\n]/.test(value) ? `${shown} is not a single line` : null;
    case "email":
      return typeof value === "string" && EMAIL.test(value) ? null : `${shown} is not an email address`;
    case "url":
      return typeof value === "string" && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
        ? null
        : `${typeof value === "string" ? value : shown} is not an absolute URL`;
    default:
      return `fields of type ${field.type} can't be sent`;
  }
}

/**
 * What Shopify's schema validation says about a payload for this trigger, one line per problem
 * ("Invalid field", "Required field missing", "Type error for field"), in the wording Shopify uses
 * for trigger bodies. Every declared field is required: a workflow reading a field the payload left
 * out fails, so the app always sends all of them. Empty when the payload fits.
 */
export function payloadProblems(declaration: FlowTriggerDeclaration, payload: Record<string, unknown>): string[] {
  const fields = new Map(
    declaration.fields.flatMap((field) => {
      const key = payloadKey(field);
      return key === undefined ? [] : [[key, field] as const];
    }),
  );
  const problems: string[] = [];
  for (const key of Object.keys(payload)) if (!fields.has(key)) problems.push(`Invalid field: '${key}'.`);
  for (const [key, field] of fields) {
    if (!(key in payload)) {
      problems.push(`Required field missing: '${key}'.`);
      continue;
    }
    const error = typeError(field, payload[key]);
    if (error) problems.push(`Type error for field '${key}': ${error}.`);
  }
  return problems;
}

/** Shopify's message for schema problems: one userError, each problem on its own indented line. */
export function schemaErrorMessage(problems: string[]): string {
  return `Errors validating schema:\n${problems.map((problem) => `  ${problem}\n`).join("")}`;
}
