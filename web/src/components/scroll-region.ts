// A scrolling box that a keyboard can reach and scroll (WCAG 2.1.1; axe's scrollable-region-focusable), named for
// screen readers: the props for a Mantine ScrollArea's viewport.

/** Focusable (Tab stops on it, the arrow keys then scroll it) and announced as a region called `label`. */
export function scrollRegion(label: string): { tabIndex: 0; role: "region"; "aria-label": string } {
	return { tabIndex: 0, role: "region", "aria-label": label };
}
