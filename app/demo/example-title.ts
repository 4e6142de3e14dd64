/** The title every example record starts with, so the demo's examples are told from the store's own. */
export const EXAMPLE = "Example:";
