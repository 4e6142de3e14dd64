import { createElement, type ReactNode } from "react";

/**
 * Remix's hooks for a page rendered outside a router, as a test serves it: the loader's answer
 * (`served.data`), no action yet, idle navigation and fetchers, forms and links as plain elements.
 * A test mocks "@remix-run/react" with it:
 * `vi.mock("@remix-run/react", async (original) => (await import("../helpers/served-page")).servedRemix(await original()))`.
 */
export const served: { data: unknown } = { data: undefined };

export function servedRemix<T extends object>(actual: T) {
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useLoaderData: () => served.data,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    useNavigate: () => () => {},
    useSubmit: () => () => {},
    useSearchParams: () => [new URLSearchParams(), () => {}],
    useFetcher: () => ({ state: "idle", data: undefined, Form: form, load: () => {}, submit: () => {} }),
    Form: form,
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
}
