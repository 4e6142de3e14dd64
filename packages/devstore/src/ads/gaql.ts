// The part of the Google Ads Query Language the devstore answers: SELECT fields FROM a resource,
// WHERE conditions joined by AND (=, !=, <, <=, >, >=, BETWEEN … AND …, IN (…)), ORDER BY, LIMIT.
// What doesn't parse is a QueryError named as Google names it.

export type GaqlValue = string | number;

export interface GaqlCondition {
  field: string;
  operator: "=" | "!=" | "<" | "<=" | ">" | ">=" | "BETWEEN" | "IN";
  values: GaqlValue[];
}

export interface GaqlQuery {
  select: string[];
  from: string;
  where: GaqlCondition[];
  orderBy: { field: string; descending: boolean }[];
  limit: number | null;
}

/** A query Google would refuse, with its QueryError code. */
export class GaqlError extends Error {
  constructor(
    readonly queryError: string,
    message: string,
  ) {
    super(message);
  }
}

type Token = { kind: "word" | "string" | "number" | "symbol"; text: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|([A-Za-z_][A-Za-z0-9_.]*)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(!=|<=|>=|[=<>(),])/y;
  let index = 0;
  while (index < query.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(query);
    if (!match) throw new GaqlError("BAD_SYMBOL", `Error in query: unexpected input ${query.slice(index, index + 20)}.`);
    index = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: "word", text: match[1] });
    else if (match[2] !== undefined || match[3] !== undefined) tokens.push({ kind: "string", text: (match[2] ?? match[3])!.replace(/\\(.)/g, "$1") });
    else if (match[4] !== undefined) tokens.push({ kind: "number", text: match[4] });
    else if (match[5] !== undefined) tokens.push({ kind: "symbol", text: match[5] });
  }
  return tokens;
}

export function parseGaql(query: string): GaqlQuery {
  const tokens = tokenize(query);
  let position = 0;
  const peek = () => tokens[position];
  const keyword = (word: string) => peek()?.kind === "word" && peek()!.text.toUpperCase() === word;
  const expectKeyword = (word: string, queryError: string) => {
    if (!keyword(word)) throw new GaqlError(queryError, `Error in query: expected ${word}${peek() ? ` near '${peek()!.text}'` : " before the end"}.`);
    position++;
  };
  const field = () => {
    const token = peek();
    if (token?.kind !== "word") throw new GaqlError("BAD_FIELD_NAME", `Error in query: expected a field name${token ? ` near '${token.text}'` : ""}.`);
    position++;
    return token.text;
  };
  const value = (): GaqlValue => {
    const token = peek();
    if (token?.kind === "string") return (position++, token.text);
    if (token?.kind === "number") return (position++, Number(token.text));
    throw new GaqlError("BAD_VALUE", `Error in query: expected a value${token ? ` near '${token.text}'` : ""}.`);
  };

  expectKeyword("SELECT", "EXPECTED_SELECT");
  const select = [field()];
  while (peek()?.text === ",") {
    position++;
    select.push(field());
  }
  expectKeyword("FROM", "EXPECTED_FROM");
  const from = field();
  const where: GaqlCondition[] = [];
  if (keyword("WHERE")) {
    position++;
    for (;;) {
      const name = field();
      if (keyword("BETWEEN")) {
        position++;
        const low = value();
        expectKeyword("AND", "EXPECTED_AND");
        where.push({ field: name, operator: "BETWEEN", values: [low, value()] });
      } else if (keyword("IN")) {
        position++;
        if (peek()?.text !== "(") throw new GaqlError("EXPECTED_LIST", "Error in query: IN expects a list in parentheses.");
        position++;
        const values = [value()];
        while (peek()?.text === ",") {
          position++;
          values.push(value());
        }
        if (peek()?.text !== ")") throw new GaqlError("EXPECTED_LIST", "Error in query: IN expects a list in parentheses.");
        position++;
        where.push({ field: name, operator: "IN", values });
      } else {
        const operator = peek();
        if (operator?.kind !== "symbol" || !["=", "!=", "<", "<=", ">", ">="].includes(operator.text)) {
          throw new GaqlError("BAD_OPERATOR", `Error in query: expected an operator after ${name}.`);
        }
        position++;
        where.push({ field: name, operator: operator.text as GaqlCondition["operator"], values: [value()] });
      }
      if (!keyword("AND")) break;
      position++;
    }
  }
  const orderBy: GaqlQuery["orderBy"] = [];
  if (keyword("ORDER")) {
    position++;
    expectKeyword("BY", "EXPECTED_BY");
    for (;;) {
      const name = field();
      let descending = false;
      if (keyword("ASC") || keyword("DESC")) descending = tokens[position++]!.text.toUpperCase() === "DESC";
      orderBy.push({ field: name, descending });
      if (peek()?.text !== ",") break;
      position++;
    }
  }
  let limit: number | null = null;
  if (keyword("LIMIT")) {
    position++;
    const token = peek();
    if (token?.kind !== "number" || !/^\d+$/.test(token.text) || Number(token.text) < 1)
      throw new GaqlError("BAD_LIMIT_VALUE", "Error in query: LIMIT expects a positive integer.");
    limit = Number(token.text);
    position++;
  }
  if (peek()) throw new GaqlError("BAD_SYMBOL", `Error in query: unexpected input '${peek()!.text}'.`);
  return { select, from, where, orderBy, limit };
}
