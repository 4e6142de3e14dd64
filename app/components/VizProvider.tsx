import { PolarisVizProvider } from "@shopify/polaris-viz";
import type { ReactNode } from "react";

/** polaris-viz charts need this around them: Polaris's light theme, charts on the card's own background. */
export function VizProvider({ children }: { children: ReactNode }) {
  return (
    <PolarisVizProvider themes={{ Default: { chartContainer: { backgroundColor: "transparent", padding: "0" } } }} defaultTheme="Light">
      {children}
    </PolarisVizProvider>
  );
}
