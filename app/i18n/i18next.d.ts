// Message keys are checked against the English catalogue: t("home.typo") doesn't compile.
import type en from "./catalogues/en";

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    returnNull: false;
  }
}
