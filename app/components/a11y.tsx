/**
 * Two things Polaris and polaris-viz leave to the app, for keyboards and screen readers:
 * - `ChartPicture`: a chart drawn for the eye, whose figures the page also gives in words or in a
 *   table: hidden from screen readers, and its points taken out of the tab order (the mouse keeps
 *   its tooltips).
 * - `ScrollableTable`: a DataTable that scrolls sideways on a phone can be scrolled with the
 *   keyboard (its scroll container takes focus, named after the table).
 */
import { useCallback, useEffect, useRef, type ReactNode } from "react";

/** Applies `apply` to the element's subtree now and whenever it changes (charts draw after hydration). */
function useSubtree(apply: (root: HTMLElement) => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    apply(root);
    const observer = new MutationObserver(() => apply(root));
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [apply]);
  return ref;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
const unfocus = (root: HTMLElement) => root.querySelectorAll<HTMLElement>(FOCUSABLE).forEach((element) => element.setAttribute("tabindex", "-1"));

export function ChartPicture({ children, style, id, className }: { children: ReactNode; style?: React.CSSProperties; id?: string; className?: string }) {
  const ref = useSubtree(unfocus);
  return (
    <div ref={ref} aria-hidden="true" style={style} id={id} className={className}>
      {children}
    </div>
  );
}

export function ScrollableTable({ label, children, id }: { label: string; children: ReactNode; id?: string }) {
  const ref = useSubtree(
    useCallback(
      (root: HTMLElement) => {
        const scroller = root.querySelector<HTMLElement>(".Polaris-DataTable__ScrollContainer");
        if (!scroller || scroller.getAttribute("tabindex") === "0") return;
        scroller.setAttribute("tabindex", "0");
        scroller.setAttribute("role", "region");
        scroller.setAttribute("aria-label", label);
      },
      [label],
    ),
  );
  return (
    <div ref={ref} id={id}>
      {children}
    </div>
  );
}
