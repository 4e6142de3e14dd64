import { useEffect, useState, type ReactNode } from "react";

/** Charts measure their container: render them after hydration, keeping the server HTML stable. */
export function ClientOnly({ children }: { children: () => ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted ? <>{children()}</> : null;
}
