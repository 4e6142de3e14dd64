/** A title bar's action: bring a form into view and put the cursor in its first field. */
export function focusField(formId: string) {
  const field = document.getElementById(formId)?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea");
  field?.scrollIntoView({ block: "center" });
  field?.focus();
}
