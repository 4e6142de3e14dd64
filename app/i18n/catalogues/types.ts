/** A catalogue's shape: nested groups of messages (the English one, in en.ts, says which). */
export type Catalogue = { [key: string]: string | Catalogue };
